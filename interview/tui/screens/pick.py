"""A round's `pick`: how many questions it draws when the plan runs, and
from which competency and kind (either may be any)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Select, Static

from interview.bank.model import Selector


class PickScreen(ModalScreen[Selector | None]):
    CSS_PATH = "export.tcss"  # the same small centred dialog
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, competencies: list[str], kinds: list[str],
                 current: Selector | None) -> None:
        super().__init__()
        self.competencies = competencies
        self.kinds = kinds
        self.current = current

    def compose(self) -> ComposeResult:
        current = self.current
        with Vertical(id="dialog"):
            yield Static("Pick questions when the plan runs", classes="heading", markup=False)
            yield Static("How many", classes="label", markup=False)
            yield Input(str(current.count if current else 1), id="count", type="integer",
                        max_length=2, compact=True)
            yield Static("Competency", classes="label", markup=False)
            yield Select([(c, c) for c in self.competencies], prompt="any competency",
                         id="competency", compact=True,
                         value=current.competency if current and current.competency
                         else Select.NULL)
            yield Static("Kind", classes="label", markup=False)
            yield Select([(k, k) for k in self.kinds], prompt="any kind", id="kind",
                         compact=True,
                         value=current.kind if current and current.kind else Select.NULL)
            with Horizontal(id="choices"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Pick", id="pick", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one("#count", Input).focus()

    def on_input_submitted(self, _: Input.Submitted) -> None:
        self._pick()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "pick":
            self._pick()
        else:
            self.dismiss(None)

    def _pick(self) -> None:
        count = self.query_one("#count", Input).value
        if not count.isdigit() or int(count) < 1:
            self.notify("How many: a whole number from 1.", severity="warning", markup=False)
            return
        competency = self.query_one("#competency", Select).value
        kind = self.query_one("#kind", Select).value
        self.dismiss(Selector(int(count), competency if isinstance(competency, str) else None,
                              kind if isinstance(kind, str) else None))

    def action_cancel(self) -> None:
        self.dismiss(None)
