"""A one-line field for a small whole number: digits in, backspace out.

The home form's question count and minutes are two or three digits typed
at the end. Textual's Input (a cursor that moves and blinks, selection,
suggestions, validators) cost the form more at start-up, which is budgeted,
than the rest of it together; this field keeps only what a number needs.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget


class NumberField(Widget, can_focus=True):
    """Digits only, at most `max_length` of them; `value` is "" when empty."""

    DEFAULT_CSS = """
    NumberField {
        width: 1fr;
        height: 1;
        background: $surface;
        color: $foreground;
        pointer: text;
        &:focus { background-tint: $foreground 5%; }
        & > .number-field--cursor {
            background: $input-cursor-background;
            color: $input-cursor-foreground;
            text-style: $input-cursor-text-style;
        }
        & > .number-field--placeholder { color: $text-disabled; }
    }
    """
    COMPONENT_CLASSES = {"number-field--cursor", "number-field--placeholder"}
    BINDINGS = [
        Binding("backspace", "delete_last", "Delete", show=False),
        Binding("ctrl+u,delete", "clear", "Clear", show=False),
    ]

    value: reactive[str] = reactive("")

    def __init__(self, *, placeholder: str, max_length: int, id: str | None = None) -> None:
        self.placeholder = placeholder
        self.max_length = max_length
        super().__init__(id=id)

    def validate_value(self, value: str) -> str:
        return "".join(c for c in value if _digits(c))[: self.max_length]

    def on_key(self, event: events.Key) -> None:
        if event.character is not None and _digits(event.character):
            event.stop()
            event.prevent_default()
            self.value += event.character

    def on_paste(self, event: events.Paste) -> None:
        # One number or nothing: "15\n30" or "1-2" are not a count to guess at.
        event.stop()
        lines = event.text.strip().splitlines()
        pasted = lines[0].strip() if len(lines) == 1 else ""
        if _digits(pasted):
            self.value += pasted  # validate_value keeps what fits

    def action_delete_last(self) -> None:
        self.value = self.value[:-1]

    def action_clear(self) -> None:
        self.value = ""

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        base = self.rich_style
        if y != 0:
            return Strip.blank(width, base)
        text = self.value or self.placeholder
        style = base if self.value else base + self.get_component_rich_style(
            "number-field--placeholder")
        segments = [Segment(set_cell_size(text, min(cell_len(text), width)), style)]
        if self.has_focus:
            # The cursor sits after the digits (or on the placeholder's first cell).
            cursor = self.get_component_rich_style("number-field--cursor")
            if self.value:
                segments.append(Segment(" ", base + cursor))
            else:
                first = text[:1] or " "
                segments = [Segment(first, style + cursor),
                            Segment(set_cell_size(text[1:], max(width - 1, 0)), style)]
        return Strip(segments).adjust_cell_length(width, base)


def _digits(text: str) -> bool:
    """Whether `text` is one or more of 0-9 (not other scripts' digits)."""
    return text.isascii() and text.isdecimal()
