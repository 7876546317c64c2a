"""The Textual application: screens, workers, and the practice flow.

The app takes its Backend as an argument (tests inject one). Blocking work
(loading the bank, opening and writing the database) runs in thread workers;
their results come back through one Worker.StateChanged handler.
"""

from __future__ import annotations

import contextlib
import random
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from interview.tui.backend import Backend, HomeInfo

if TYPE_CHECKING:
    from interview.practice.domain import Session


class InterviewApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "interview"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("ctrl+t", "toggle_dark", "Theme", show=False),
    ]

    def __init__(self, backend: Backend, start: Any | None = None) -> None:
        """`start` is a PracticeRequest to go straight to its first question."""
        super().__init__()
        self.backend = backend
        self._start_request = start
        self._on_done: dict[Worker[Any], Callable[[Any], None]] = {}
        self._on_failed: dict[Worker[Any], Callable[[str], None]] = {}
        self.home_info: HomeInfo | None = None
        self.current_run: Any = None  # the PracticeRun in progress, if any

    def on_mount(self) -> None:
        from interview.tui.screens.home import HomeScreen

        self.push_screen(HomeScreen())

    def on_ready(self) -> None:
        # Only after the first frame: the bank load and the SQLAlchemy import
        # would otherwise compete with it for the interpreter.
        self.call_in_thread(self.backend.home, self._loaded, "Opening the bank and history",
                            failed=self._load_failed)

    # -- workers ----------------------------------------------------------------
    def call_in_thread(self, work: Callable[[], Any], then: Callable[[Any], None],
                       description: str, failed: Callable[[str], None] | None = None) -> None:
        """Run blocking `work` off the UI thread, then `then(result)` on it; on
        an error, notify and call `failed(message)` if given."""
        worker = self.run_worker(work, name=description, group="backend", thread=True,
                                 exit_on_error=False)
        self._on_done[worker] = then
        if failed is not None:
            self._on_failed[worker] = failed

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        then = self._on_done.get(event.worker)
        if then is None:
            return
        if event.state is WorkerState.SUCCESS:
            del self._on_done[event.worker]
            self._on_failed.pop(event.worker, None)
            then(event.worker.result)
        elif event.state in (WorkerState.ERROR, WorkerState.CANCELLED):
            del self._on_done[event.worker]
            message = self.show_error(event.worker.error)
            failed = self._on_failed.pop(event.worker, None)
            if failed is not None:
                failed(message)

    def show_error(self, error: BaseException | None) -> str:
        from interview.tui.errors import describe

        message = describe(error)
        self.notify(message, title="Something went wrong", severity="error", timeout=10,
                    markup=False)
        return message

    # -- the flow -------------------------------------------------------------------
    def _loaded(self, info: HomeInfo) -> None:
        self.home_info = info
        from interview.tui.screens.home import HomeScreen

        if isinstance(self.screen, HomeScreen):
            self.screen.show_info(info)
        if info.bank_warning:
            self.notify(info.bank_warning, severity="warning", timeout=8, markup=False)
        if self._start_request is not None:
            request, self._start_request = self._start_request, None
            self.start_practice(request)

    def _load_failed(self, message: str) -> None:
        from interview.tui.screens.home import HomeScreen

        if isinstance(self.screen, HomeScreen):
            self.screen.show_load_error(message)

    def refresh_home(self) -> None:
        self.call_in_thread(self.backend.home, self._loaded, "Refreshing")

    def start_practice(self, request: Any) -> None:
        self.call_in_thread(lambda: self.backend.start(request), self.show_run,
                            "Starting a session")

    def start_plan(self, plan_id: str, mode: Any) -> None:
        from interview.practice.domain import SessionFilters
        from interview.practice.service import PracticeRequest

        def work() -> Any:
            plan = self.backend.plan(plan_id)
            filters = SessionFilters(role=plan.role, level=plan.level, plan_id=plan.id,
                                     seed=random.randrange(1 << 30))
            return self.backend.start(PracticeRequest(self.backend.profile, filters, mode, plan))

        self.call_in_thread(work, self.show_run, "Starting the plan")

    def resume_session(self, session: Session) -> None:
        self.call_in_thread(lambda: self.backend.resume(session), self.show_run,
                            "Resuming the session")

    def discard_session(self, session: Session) -> None:
        def after(_: object) -> None:
            self.notify("The interrupted session was discarded.", markup=False)
            self.refresh_home()

        self.call_in_thread(lambda: self.backend.discard(session), after, "Discarding")

    def show_run(self, run: Any) -> None:
        """Show the screen for the run's current phase."""
        from interview.practice.engine import Phase
        from interview.tui.screens.practice import PracticeScreen
        from interview.tui.screens.rubric import RubricScreen
        from interview.tui.screens.summary import SummaryScreen

        self.current_run = run
        screen: Screen[None]
        if run.phase is Phase.ASKING:
            screen = PracticeScreen(run)
        elif run.phase is Phase.REVIEWING:
            screen = RubricScreen(run)
        else:
            screen = SummaryScreen(run.summary(), run.session)
            self.current_run = None
        if len(self.screen_stack) > 2:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def go_home(self) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.current_run = None
        self.refresh_home()

    async def action_quit(self) -> None:
        from interview.tui.screens.practice import PracticeScreen

        if isinstance(self.screen, PracticeScreen):
            # Quitting must never fail; the autosave already kept all but seconds.
            with contextlib.suppress(Exception):
                self.screen.save_draft_now()
        self.exit()

    # -- commands -------------------------------------------------------------------
    def action_toggle_dark(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Toggle light and dark theme", "Switch between the light and "
                            "dark themes", self.action_toggle_dark)
        if self.current_run is None:
            yield SystemCommand("Home", "Back to the home screen", self.go_home)
            info = self.home_info
            if info and info.resumable is not None:
                session = info.resumable
                yield SystemCommand("Resume interrupted session", "Continue where you left "
                                    "off", lambda: self.resume_session(session))
            from interview.tui.screens.home import HomeScreen

            if isinstance(screen, HomeScreen):
                yield SystemCommand("Practise what is due", "Questions due for review",
                                    screen.action_due)
                yield SystemCommand("Practise weakest competencies", "Lowest average grade "
                                    "first", screen.action_weakest)


def run_app(bank_dir: Path | None, plans_dir: Path | None, database: str | None,
            start: Any | None = None, profile: str | None = None) -> None:
    backend = Backend(bank_dir=bank_dir, plans_dir=plans_dir, database=database)
    if profile:
        backend.profile = profile
    InterviewApp(backend, start=start).run()
