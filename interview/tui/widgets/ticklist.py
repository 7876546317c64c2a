"""A list of options, each with a box that shows a tick only when chosen.

Textual draws the same "X" in every box and tells chosen from not chosen by
colour alone, which a monochrome terminal, a screen reader's text or a
colour-blind user cannot see (TickBox, in tickbox.py, is the single box).

TickList is one widget drawing its own lines, not a SelectionList (an
OptionList with its per-option rendering, caches and styles): the home
form's two lists were the largest part of what the form cost at start-up,
which is budgeted.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from interview.safetext import for_terminal

TICKED, UNTICKED = "✓", " "
BOX_LEFT, BOX_RIGHT = "▐", "▌"
BOX_WIDTH = 4  # left side, mark, right side, a space


class TickList(ScrollView, can_focus=True):
    """Options (label, value), one per line, any number of them ticked.

    Up and down (home, end, page up, page down) move the cursor; space or
    enter ticks or unticks the option under it, as does a click.
    """

    DEFAULT_CSS = """
    TickList {
        height: auto;
        overflow-x: hidden;
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
    }
    """
    COMPONENT_CLASSES = {"tick-list--box", "tick-list--mark", "tick-list--cursor"}
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

    def __init__(self, options: Iterable[tuple[str, str]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        # Shown as written: control characters visible, never markup.
        self.options = [(for_terminal(label), value) for label, value in options]
        self._ticked: set[str] = set()
        widest = max((cell_len(label) for label, _ in self.options), default=0)
        self.virtual_size = Size(BOX_WIDTH + widest, len(self.options))

    @property
    def selected(self) -> list[str]:
        """The values ticked, in the list's order."""
        return [value for _, value in self.options if value in self._ticked]

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self.options) - 1))

    def watch_cursor(self) -> None:
        self.scroll_to_region(Region(0, self.cursor, 1, 1), animate=False, force=True,
                              immediate=True, x_axis=False)
        self.refresh()

    def action_move(self, step: int) -> None:
        self.cursor += step

    def action_page(self, direction: int) -> None:
        self.cursor += direction * max(self.scrollable_content_region.height, 1)

    def action_move_to(self, index: int) -> None:
        self.cursor = index if index >= 0 else len(self.options) - 1

    def action_tick(self) -> None:
        if not self.options:
            return
        value = self.options[self.cursor][1]
        self._ticked.symmetric_difference_update({value})
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or self.scroll_offset.y + offset.y >= len(self.options):
            return
        self.cursor = self.scroll_offset.y + offset.y
        self.action_tick()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        index = self.scroll_offset.y + y
        if index >= len(self.options):
            return Strip.blank(width, base)
        label, value = self.options[index]
        box = base + self.get_component_rich_style("tick-list--box")
        mark = base + self.get_component_rich_style("tick-list--mark")
        text = base + self.get_component_rich_style("tick-list--cursor") \
            if index == self.cursor else base
        room = max(width - BOX_WIDTH, 0)
        if cell_len(label) > room:
            label = set_cell_size(label, max(room - 1, 0)) + "…"
        return Strip([
            Segment(BOX_LEFT, box),
            Segment(TICKED if value in self._ticked else UNTICKED, mark),
            Segment(BOX_RIGHT, box),
            Segment(" ", base),
            Segment(set_cell_size(label, room), text),
        ]).adjust_cell_length(width, base)
