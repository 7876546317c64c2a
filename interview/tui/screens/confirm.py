"""Ask before anything is destroyed: a yes/no question as a typed modal."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from interview.tui.text import literal


class ConfirmScreen(ModalScreen[bool]):
    """Dismissed with True only by the confirming button (or `y`); escape,
    `n` and the other button dismiss with False."""

    CSS_PATH = "confirm.tcss"
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", show=False),
        Binding("n,escape", "answer(False)", "No", show=False),
    ]

    def __init__(self, question: str, confirm: str, cancel: str = "Keep it") -> None:
        super().__init__()
        self.question = question
        self.confirm = confirm
        self.cancel = cancel

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(literal(self.question), id="question")
            with Horizontal(id="choices"):
                yield Button(literal(self.cancel), id="cancel", variant="primary", compact=True)
                yield Button(literal(self.confirm), id="confirm", variant="error", compact=True)

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()  # enter on arrival keeps everything

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
