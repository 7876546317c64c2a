"""What every screen shares: its workers' failures reach the App as one message.

Screens run their blocking calls in their own thread workers. A worker's
StateChanged event goes only to the screen that started it, so this base
turns every failure into a `WorkScreen.WorkFailed` message, which bubbles to
the App: the one place that tells the user. A screen that must also undo
something on failure overrides `work_failed`.
"""

from __future__ import annotations

from textual.message import Message
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from interview.tui.errors import describe


class WorkScreen(Screen[None]):
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
