"""A list of options, each with a box that shows a tick only when chosen.

Textual draws the same "X" in every box and tells chosen from not chosen by
colour alone, which a monochrome terminal, a screen reader's text or a
colour-blind user cannot see (TickBox, in tickbox.py, is the single box).

TickList is one widget drawing its own lines, not a SelectionList (an
OptionList with its per-option rendering, caches and styles): the home
form's two lists were the largest part of what the form cost at start-up,
which is budgeted. It scrolls itself too, and draws where the view is in
its last column: a ScrollView and the scroll bar widget it mounts when the
options overflow cost the form another 2.6 ms (in-process A/B, 9 runs).
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from interview.tui.text import one_line

TICKED, UNTICKED = "✓", " "
BOX_LEFT, BOX_RIGHT = "▐", "▌"
BOX_WIDTH = 4  # left side, mark, right side, a space
THUMB = "▐"  # the part of the last column beside the options in view


class TickList(Widget, can_focus=True):
    """Options (label, value), one per line, any number of them ticked.

    Up and down (home, end, page up, page down) move the cursor; space or
    enter ticks or unticks the option under it, as does a click. The mouse
    wheel scrolls the list, and the page once the list can go no further.
    """

    DEFAULT_CSS = """
    TickList {
        height: auto;
        background: $surface;
        color: $foreground;
        pointer: pointer;
        &:focus { background-tint: $foreground 5%; }
        & > .tick-list--box { color: $panel; }
        & > .tick-list--mark { color: $text-success; background: $panel; }
        & > .tick-list--cursor {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .tick-list--cursor {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        & > .tick-list--thumb { color: $scrollbar; }
    }
    """
    COMPONENT_CLASSES = {"tick-list--box", "tick-list--mark", "tick-list--cursor",
                         "tick-list--thumb"}
    BINDINGS = [
        Binding("up", "move(-1)", "Up", show=False),
        Binding("down", "move(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "move_to(0)", "First", show=False),
        Binding("end", "move_to(-1)", "Last", show=False),
        Binding("space,enter", "tick", "Tick", show=False),
    ]

    cursor: reactive[int] = reactive(0)
    """The index of the option the cursor is on."""
    top: reactive[int] = reactive(0)
    """The index of the first option in view."""

    def __init__(self, options: Iterable[tuple[str, str]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        # Shown as written on one line: control characters visible, never markup.
        self.options = [(one_line(label), value) for label, value in options]
        self._ticked: set[str] = set()

    @property
    def selected(self) -> list[str]:
        """The values ticked, in the list's order."""
        return [value for _, value in self.options if value in self._ticked]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.options)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        widest = max((cell_len(label) for label, _ in self.options), default=0)
        return BOX_WIDTH + widest + 1  # and the column that shows the scroll position

    @property
    def _rows(self) -> int:
        return max(self.content_size.height, 1)

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self.options) - 1))

    def validate_top(self, top: int) -> int:
        return max(0, min(top, len(self.options) - self._rows))

    def watch_cursor(self) -> None:
        self._show_cursor()

    def _show_cursor(self) -> None:
        # The view follows the cursor: it moves only as far as it must.
        self.top = min(max(self.top, self.cursor - self._rows + 1), self.cursor)

    def on_resize(self) -> None:
        self.top = self.top  # kept where it was, if the new height allows

    def action_move(self, step: int) -> None:
        self.cursor += step

    def action_page(self, direction: int) -> None:
        self.cursor += direction * self._rows

    def action_move_to(self, index: int) -> None:
        self.cursor = index if index >= 0 else len(self.options) - 1

    def action_tick(self) -> None:
        if not self.options:
            return
        self._show_cursor()  # the wheel may have left it out of view
        value = self.options[self.cursor][1]
        self._ticked.symmetric_difference_update({value})
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or self.top + offset.y >= len(self.options):
            return
        self.cursor = self.top + offset.y
        self.action_tick()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self._scroll(event, 1)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self._scroll(event, -1)

    def _scroll(self, event: events.MouseEvent, step: int) -> None:
        before = self.top
        self.top += step
        if self.top != before:  # else the page under the list scrolls instead
            event.stop()

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        base = self.rich_style
        index = self.top + y
        if index >= len(self.options):
            return Strip.blank(width, base)
        label, value = self.options[index]
        box = base + self.get_component_rich_style("tick-list--box")
        mark = base + self.get_component_rich_style("tick-list--mark")
        text = base + self.get_component_rich_style("tick-list--cursor") \
            if index == self.cursor else base
        room = max(width - BOX_WIDTH - 1, 0)
        if cell_len(label) > room:
            label = set_cell_size(label, max(room - 1, 0)) + "…"
        return Strip([
            Segment(BOX_LEFT, box),
            Segment(TICKED if value in self._ticked else UNTICKED, mark),
            Segment(BOX_RIGHT, box),
            Segment(" ", base),
            Segment(set_cell_size(label, room), text),
            self._position(y, base),
        ]).adjust_cell_length(width, base)

    def _position(self, y: int, base: Style) -> Segment:
        """Row y of the last column: a thumb beside the rows that show which
        part of the list is in view, as a scroll bar's, if not all of it is
        (and the list has room to show it)."""
        rows, total = self._rows, len(self.options)
        span = total - rows  # how far the view can move
        if span <= 0 or rows < 2:
            return Segment(" ", base)
        # As long as the share in view, but leaving room on both sides: the
        # thumb touches an end only when the view is at that end.
        room_around = 2 if span >= 2 and rows >= 3 else 1
        length = max(1, min(rows - room_around, round(rows * rows / total)))
        free = rows - length
        if self.top == 0:
            start = 0
        elif self.top >= span:
            start = free
        else:
            start = min(max(round(self.top * free / span), 1), max(free - 1, 1))
        style = base + self.get_component_rich_style("tick-list--thumb")
        return Segment(THUMB if start <= y < start + length else " ", style)
