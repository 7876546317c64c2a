"""A screen's writes, committed in order by one thread worker at a time.

Live-interview screens commit every change as it is made (a note, a tick, a
rating). Each write is blocking database work, so it runs off the UI
thread; queueing keeps them in the order the user made them (two notes
typed quickly are stored in that order), which separate workers would not.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from textual.widget import Widget

from interview.practice.engine import IllegalTransition
from interview.tui.errors import describe


@dataclass(frozen=True)
class _Write:
    change: Callable[[], object]
    description: str
    then: Callable[[], None] | None
    undo: Callable[[], None] | None


class WriteQueue:
    def __init__(self, screen: Widget, failed: Callable[[str, str], None]) -> None:
        """`failed(description, text)` is called on the UI thread when a write raised."""
        self._screen = screen
        self._failed = failed
        self._writes: deque[_Write] = deque()
        self._lock = threading.Lock()
        self._draining = False

    @property
    def idle(self) -> bool:
        with self._lock:
            return not self._writes and not self._draining

    def put(self, change: Callable[[], object], description: str, *,
            then: Callable[[], None] | None = None,
            undo: Callable[[], None] | None = None) -> None:
        """Commit `change` after those queued before it; then `then` on the UI
        thread, or, if it was refused or failed, `undo` and the reason."""
        with self._lock:
            self._writes.append(_Write(change, description, then, undo))
            if self._draining:
                return
            self._draining = True
        self._screen.run_worker(self._drain, thread=True, group="write", exit_on_error=False,
                                description="Saving")

    def _drain(self) -> None:
        app = self._screen.app
        while True:
            with self._lock:
                if not self._writes:
                    self._draining = False
                    return
                write = self._writes.popleft()
            try:
                write.change()
            except IllegalTransition as error:  # a rule, not a failure: say it, carry on
                if write.undo is not None:
                    app.call_from_thread(write.undo)
                app.call_from_thread(self._screen.notify, str(error), severity="warning",
                                     markup=False)
                continue
            except Exception as error:  # the database failed: nothing typed is lost
                if write.undo is not None:
                    app.call_from_thread(write.undo)
                app.call_from_thread(self._failed, write.description, describe(error))
                continue
            if write.then is not None:
                app.call_from_thread(write.then)
