"""Starting a live interview from the app: which plan, which candidate,
and whether the candidate grades themselves blind too (a peer rehearsal)."""

from __future__ import annotations

from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Select, Static

from interview.bank.model import Plan
from interview.tui.text import literal
from interview.tui.widgets.tickbox import TickBox
from interview.workspace import Workspace


@dataclass(frozen=True)
class NewInterview:
    plan_id: str
    candidate: str
    self_graded: bool


class NewInterviewScreen(ModalScreen[NewInterview | None]):
    CSS_PATH = "new_interview.tcss"
    BINDINGS = [Binding("escape", "cancel", "Back", show=False)]

    class PlansLoaded(Message):
        def __init__(self, plans: list[Plan]) -> None:
            super().__init__()
            self.plans = plans

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static("New interview", classes="heading")
            yield Select([], prompt="plan (loading…)", id="plan", compact=True)
            yield Input(placeholder="candidate's name", id="candidate", max_length=200)
            yield TickBox("the candidate grades themselves blind too (a peer rehearsal)",
                          id="self-grade", compact=True)
            yield Static("", id="problem", markup=False)
            with Horizontal(id="choices"):
                yield Button("Cancel", id="cancel", compact=True)
                yield Button("Start", id="start", variant="primary", compact=True)

    def on_mount(self) -> None:
        self.query_one("#plan", Select).focus()
        self._load_plans()

    @work(thread=True, exclusive=True, exit_on_error=False, description="Reading the plans")
    def _load_plans(self) -> None:
        self.post_message(self.PlansLoaded(self.workspace.plans().plans))

    def on_new_interview_screen_plans_loaded(self, message: PlansLoaded) -> None:
        select = self.query_one("#plan", Select)
        select.set_options((literal(f"{p.title} ({p.id})"), p.id) for p in message.plans)
        select.prompt = "choose a plan"

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._start()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "start":
            self._start()
        else:
            self.dismiss(None)

    def _start(self) -> None:
        plan = self.query_one("#plan", Select).value
        candidate = " ".join(self.query_one("#candidate", Input).value.split())
        problem = self.query_one("#problem", Static)
        if not isinstance(plan, str):
            problem.update("Choose a plan first.")
            return
        if not candidate or not candidate.isprintable():
            problem.update("Give the candidate's name.")
            return
        self.dismiss(NewInterview(plan, candidate, self.query_one("#self-grade", TickBox).value))

    def action_cancel(self) -> None:
        self.dismiss(None)
