"""What every screen shares: its workers' failures reach the App as one message.

Screens run their blocking calls in their own thread workers. A worker's
StateChanged event goes only to the screen that started it, so this base
turns every failure into a `WorkScreen.WorkFailed` message, which bubbles to
the App: the one place that tells the user. A screen that must also undo
something on failure overrides `work_failed`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from interview.tui.errors import describe

if TYPE_CHECKING:
    from interview.practice.engine import PracticeRun


ResultT = TypeVar("ResultT")


class WorkScreen(Screen[ResultT]):
    class WorkFailed(Message):
        """A worker of this screen raised; `text` is one line for the user."""

        def __init__(self, description: str, text: str) -> None:
            super().__init__()
            self.description = description
            self.text = text

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:
            text = describe(event.worker.error)
            self.work_failed(event.worker, text)
            self.post_message(self.WorkFailed(event.worker.description, text))

    def work_failed(self, worker: Worker[object], text: str) -> None:
        """Called on the UI thread when one of this screen's workers raised."""


class RunScreen(WorkScreen[None]):
    """A screen inside a running session (the question, the rubric): it can
    be left for home at any moment, and the session stays resumable."""

    BINDINGS = [Binding("ctrl+g", "leave", "Home", priority=True)]

    class Left(Message):
        """The user left the session for the home screen; it stays resumable."""

    def __init__(self, run: PracticeRun) -> None:
        super().__init__()
        self.run = run

    @property
    def mode_label(self) -> str:
        """The session's mode as the screen names it ("Practice", "Mock")."""
        return self.run.session.mode.value.capitalize()

    def action_leave(self) -> None:
        self.before_leaving()
        self.post_message(self.Left())

    def before_leaving(self) -> None:
        """Keep what must survive the screen (the question screen saves its draft)."""
