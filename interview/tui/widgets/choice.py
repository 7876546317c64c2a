"""A one-line pick from a short list: the value shown, the list on request.

Textual's Select is six widgets (itself, its current-value row with a label
and two arrows, and a list kept mounted but hidden); the home form's three
of them were most of what the form cost at start-up, which is budgeted.
Choice is one widget, and its list is a small modal opened only when asked:
enter, space, up or down, or a click, as Select opens its own.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region
from textual.reactive import var
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from interview.tui.text import literal

ARROW = "▼"


class Choice(Widget, can_focus=True):
    """One of `options` (label, value), or none (the prompt) when `allow_blank`."""

    DEFAULT_CSS = """
    Choice {
        width: 1fr;
        height: 1;
        padding: 0 1 0 0;
        background: $surface;
        color: $foreground;
        pointer: pointer;
        &.-blank { color: $foreground 50%; }
        &:focus { background-tint: $foreground 5%; }
    }
    """
    BINDINGS = [Binding("enter,space,up,down", "open", "Choose", show=False)]
    ALLOW_SELECT = False

    value: var[str | None] = var[str | None](None, init=False)
    """The chosen value; None is the prompt (no choice)."""

    def __init__(self, options: Iterable[tuple[str, str]], *, prompt: str,
                 value: str | None = None, allow_blank: bool = True,
                 id: str | None = None) -> None:
        super().__init__(id=id)
        self.options = list(options)
        self.prompt = prompt
        self.allow_blank = allow_blank
        if value is None and not allow_blank:
            value = self.options[0][1]
        self.set_reactive(Choice.value, value)
        self.set_class(value is None, "-blank")

    def validate_value(self, value: str | None) -> str | None:
        if value is None and self.allow_blank:
            return None
        if value not in {v for _, v in self.options}:
            raise ValueError(f"{value!r} is not one of the choices of #{self.id}")
        return value

    def watch_value(self, value: str | None) -> None:
        self.set_class(value is None, "-blank")

    def render(self) -> Content:
        label = next((text for text, v in self.options if v == self.value), self.prompt)
        room = max(self.content_region.width - 2, 0)  # a space and the arrow
        return literal(label).truncate(room, ellipsis=True, pad=True) + " " + ARROW

    def action_open(self) -> None:
        entries: list[tuple[str, str | None]] = [(text, v) for text, v in self.options]
        if self.allow_blank:
            entries.insert(0, (self.prompt, None))
        current = next((i for i, (_, v) in enumerate(entries) if v == self.value), 0)

        def chosen(index: int | None) -> None:
            if index is not None:
                self.value = entries[index][1]
            self.focus()

        self.app.push_screen(ChoiceMenu([text for text, _ in entries], current, self.region),
                             chosen)

    def on_click(self, event: events.Click) -> None:
        event.stop()
        self.action_open()


class ChoiceMenu(ModalScreen[int | None]):
    """The list of a Choice, just below it: enter picks, escape or a click
    elsewhere leaves the value as it was."""

    DEFAULT_CSS = """
    ChoiceMenu {
        background: transparent;
        & > OptionList {
            position: absolute;
            height: auto;
            max-height: 12;
            constrain: none inside;
            background: $surface;
            & > .option-list--option { padding: 0 1; }
        }
    }
    """
    BINDINGS = [Binding("escape", "dismiss_menu", "Close", show=False)]

    def __init__(self, labels: list[str], current: int, below: Region) -> None:
        super().__init__()
        self.labels = labels
        self.current = current
        self.below = below

    def compose(self) -> ComposeResult:
        menu = OptionList(*(Option(literal(label)) for label in self.labels), compact=True)
        menu.highlighted = self.current
        menu.styles.offset = (self.below.x, self.below.bottom)
        # As wide as the Choice, or as its longest label (padded), not wrapped.
        widest = max((cell_len(label) for label in self.labels), default=0) + 2
        menu.styles.width = max(self.below.width, widest)
        yield menu

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_index)

    def action_dismiss_menu(self) -> None:
        self.dismiss(None)

    def on_click(self, event: events.Click) -> None:
        # A click that no option took (outside the list) closes it unchanged.
        if event.widget is self:
            self.dismiss(None)
