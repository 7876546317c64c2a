"""Home: resume, start a practice from filters, start a plan, or the shortcuts.

The screen loads what it shows and starts sessions in its own workers; when
a session is ready it posts `SessionStarted` and the App shows it.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Footer, OptionList, Static
from textual.worker import Worker

from interview.tui.screens.base import WorkScreen
from interview.tui.text import literal
from interview.workspace import FormChoices, HomeForm, HomeInfo, Workspace

if TYPE_CHECKING:
    # The engine and the form are imported when first used: the first frame
    # (start-up is budgeted) needs neither.
    from textual.widget import AwaitMount

    from interview.practice.domain import Mode, SessionFilters
    from interview.practice.engine import PracticeRun
    from interview.practice.service import PracticeRequest
    from interview.store.views import SessionSummary
    from interview.tui.widgets.practice_form import PracticeForm

DUE_SESSION_MAX = 10
WEAKEST_SESSION_COUNT = 5


class HomeScreen(WorkScreen[None]):
    # Its stylesheet, home.tcss, is the app's (interview.tui.app.STYLESHEETS).
    # Focus goes to the role list once the form is mounted (PracticeForm.on_mount).
    AUTO_FOCUS = ""  # None would inherit the app's "*"
    # Classes home.tcss uses to let the lists and the plan panel grow with the window.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]
    BINDINGS = [
        Binding("ctrl+s", "start", "Start", priority=True),
        Binding("ctrl+r", "resume", "Resume", priority=True),
        Binding("ctrl+d", "due", "Due", priority=True),
        Binding("ctrl+w", "weakest", "Weakest", priority=True, id="home.weakest"),
        Binding("ctrl+e", "interrupted", "All interrupted", show=False, priority=True),
        Binding("ctrl+y", "history", "History", priority=True),
        Binding("ctrl+f", "browse", "Bank", priority=True),
        Binding("ctrl+k", "scorecards", "Interview", priority=True),
    ]

    class SessionStarted(Message):
        """A session was started, or an interrupted one resumed: show `run`."""

        def __init__(self, run: PracticeRun) -> None:
            super().__init__()
            self.run = run

    class FormLoaded(Message):
        """The bank and plans are read: the form can be used."""

        def __init__(self, form: HomeForm) -> None:
            super().__init__()
            self.form = form

    class Loaded(Message):
        """The workspace answered: what the home screen shows."""

        def __init__(self, info: HomeInfo) -> None:
            super().__init__()
            self.info = info

    def __init__(self, workspace: Workspace, start: PracticeRequest | None = None) -> None:
        """`start` is started as soon as the bank has loaded (`interview practice`)."""
        super().__init__()
        self.workspace = workspace
        self.info: HomeInfo | None = None  # what the panels show, once they show it
        self._resumed = False
        self._form_painting = False  # the cached form is mounted, its first frame not yet shown
        self._load_when_painted = False
        self._form_mounted = False
        self._side_mounted = False
        self._warned = False
        self._pending_start = start

    def compose(self) -> ComposeResult:
        # The breakpoint classes the first resize would add, set now: added
        # later, they restyle every widget already mounted.
        width, height = self.app.size
        self.add_class(_breakpoint(width, self.HORIZONTAL_BREAKPOINTS),
                       _breakpoint(height, self.VERTICAL_BREAKPOINTS))
        # The first frame is only this and the form (from the cache the last
        # start left, else once the bank is read); the banner, shortcuts and
        # footer are mounted after it is painted, and a light first frame
        # takes keys sooner.
        yield Static("interview · practise senior, staff and senior-staff loops", id="title",
                     markup=False)
        with Horizontal(id="home-body"):
            with VerticalScroll(id="practice-form"):
                yield Static("Loading the question bank…", id="loading", markup=False)
            yield Vertical(id="side")

    # -- loading ----------------------------------------------------------------------
    def reload(self) -> None:
        """Fetch what the screen shows (again, after a session). The App calls it
        once the first frame is up: the bank load and the SQLAlchemy import would
        otherwise compete with painting it for the interpreter. While the form
        from the cache is still on its way to the screen, that waits for it."""
        if self._form_painting:
            self._load_when_painted = True
        else:
            self._load()

    @work(thread=True, exclusive=True, group="home-load", exit_on_error=False,
          description="Opening the bank and history")
    def _load(self) -> None:
        # The form first (bank and plans, from their caches): it takes keys
        # while the history is read and the panels fill in.
        form = self.workspace.home_form()
        self.post_message(self.FormLoaded(form))
        self.post_message(self.Loaded(HomeInfo.of(form, self.workspace.home_panels())))

    async def on_screen_resume(self) -> None:
        # The form as the last start built it, if nothing it came from has
        # changed: it takes keys from the first frame, before the bank is read.
        # Mounted once the screen has resumed, not on mount: resuming restyles
        # every widget the screen holds, and the form would be styled twice.
        if self._resumed:
            return
        self._resumed = True
        cached = self.workspace.cached_form_choices() if self._pending_start is None else None
        if cached is not None:
            self._form_painting = True
            mounting = self._mount_form(cached)
            if mounting is not None:
                await mounting
            # The rest once the form's first frame has been painted.
            self.call_after_refresh(self._form_painted)

    def _form_painted(self) -> None:
        self._form_painting = False
        # The plans, from the same cache; if it changed meanwhile, the side
        # comes with the bank instead (on_home_screen_form_loaded).
        form = self.workspace.cached_home_form()
        if form is not None:
            self._mount_side(form)
        if self._load_when_painted:
            self._load_when_painted = False
            self._load()

    def on_home_screen_form_loaded(self, message: FormLoaded) -> None:
        self._mount_form(message.form.choices)
        self._mount_side(message.form)
        if not self._warned and message.form.bank_warning:
            self._warned = True
            self.notify(message.form.bank_warning, severity="warning", timeout=8, markup=False)

    def on_home_screen_loaded(self, message: Loaded) -> None:
        self.show_info(message.info)
        if self._pending_start is not None:
            request, self._pending_start = self._pending_start, None
            self.start_session(request)

    def _mount_form(self, choices: FormChoices) -> AwaitMount | None:
        """Mount the practice form (once): None if it already is."""
        from interview.tui.widgets.practice_form import PracticeForm

        if self._form_mounted:
            return None
        self._form_mounted = True
        self.query_one("#loading").display = False
        return self.query_one("#practice-form", VerticalScroll).mount(PracticeForm(*choices))

    def _mount_side(self, form: HomeForm) -> None:
        """The resume banner, the shortcuts panel (with the plans) and the footer."""
        from interview.tui.widgets.home_panels import ResumeBanner, ShortcutsPanel

        if self._side_mounted or not self.is_attached:  # (not: the app is closing)
            return
        self._side_mounted = True
        banner = ResumeBanner()
        banner.display = False  # until the history says there is something to resume
        self.mount(banner, before="#home-body")
        shortcuts = ShortcutsPanel()
        self.query_one("#side", Vertical).mount(shortcuts)
        self.mount(Footer(compact=True))
        self.call_after_refresh(shortcuts.show_plans, form.plans)

    def show_info(self, info: HomeInfo) -> None:
        self._mount_form(info.choices)  # a HomeInfo is a HomeForm too
        self._mount_side(info)
        # Mounting completes after this handler; show the data once it has.
        self.call_after_refresh(self._show_panels, info)

    def _show_panels(self, info: HomeInfo) -> None:
        from interview.tui.widgets.home_panels import ResumeBanner, ShortcutsPanel

        newest = info.resumable
        self.query_one(ResumeBanner).show(
            newest.description if newest else None, newest.answered if newest else 0,
            newest.planned if newest else 0, newest.started_at if newest else None,
            len(info.interrupted))
        self.query_one(ShortcutsPanel).show(info.plans, len(info.due), info.weakest,
                                            info.weak_questions)
        self.info = info

    def work_failed(self, worker: Worker[object], text: str) -> None:
        if worker.group == "home-load" and self.info is None:
            # Above the form when the bank loaded and the history did not.
            loading = self.query_one("#loading", Static)
            loading.update(literal(f"Cannot open the bank or your history: {text}\n\n"
                                   "Nothing was changed. Fix the problem above and start "
                                   "again (ctrl+q quits)."))
            loading.add_class("error")
            loading.display = True

    # -- sessions -----------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="home-session", exit_on_error=False,
          description="Starting a session")
    def start_session(self, request: PracticeRequest) -> None:
        from interview.practice.selection import fill_note

        run = self.workspace.start(request)
        note = fill_note(request.filters, run.session.items)
        if note:  # say why the session is shorter than asked
            self.app.call_from_thread(self.notify, note, timeout=8, markup=False)
        self.post_message(self.SessionStarted(run))

    @work(thread=True, exclusive=True, group="home-session", exit_on_error=False,
          description="Starting the plan")
    def _start_plan(self, plan_id: str, mode: Mode) -> None:
        from interview.practice.domain import SessionFilters
        from interview.practice.service import PracticeRequest

        plan = self.workspace.plan(plan_id)
        filters = SessionFilters(role=plan.role, level=plan.level, plan_id=plan.id,
                                 seed=random.randrange(1 << 30))
        self.post_message(self.SessionStarted(
            self.workspace.start(PracticeRequest(filters, mode, plan))))

    @work(thread=True, exclusive=True, group="home-session", exit_on_error=False,
          description="Resuming the session")
    def _resume(self, session_id: int) -> None:
        session = self.workspace.session(session_id)
        self.post_message(self.SessionStarted(self.workspace.resume(session)))

    @work(thread=True, exclusive=True, group="home-session", exit_on_error=False,
          description="Discarding the session")
    def _discard(self, session_id: int) -> None:
        self.workspace.discard(self.workspace.session(session_id))
        self.app.call_from_thread(self.notify, "The interrupted session was discarded.",
                                  markup=False)
        self.post_message(self.Loaded(self.workspace.home()))

    # -- building a request ------------------------------------------------------
    def _form(self) -> PracticeForm | None:
        from interview.tui.widgets.practice_form import PracticeForm

        found = self.query(PracticeForm)
        return found.first() if found else None

    def _filters(self) -> SessionFilters | None:
        """The form's choices, or None (with a message) if they are not usable yet."""
        form = self._form()
        if self.info is None or form is None:
            self.notify("Still loading the bank…", markup=False)
            return None
        try:
            return form.filters(seed=random.randrange(1 << 30))
        except ValueError as error:
            self.notify(str(error), severity="warning", markup=False)
            return None

    def _mode(self) -> Mode:
        from interview.practice.domain import Mode

        form = self._form()
        return form.mode() if form else Mode.PRACTICE

    # -- actions --------------------------------------------------------------------
    def action_start(self) -> None:
        from interview.practice.service import PracticeRequest

        filters = self._filters()
        if filters is not None:
            self.start_session(PracticeRequest(filters, self._mode()))

    def _unable(self, why: str) -> None:
        """A shortcut that cannot act says so, rather than doing nothing."""
        self.notify(why if self.info else "Still loading the bank…", markup=False)

    def action_due(self) -> None:
        from interview.practice.domain import SessionFilters
        from interview.practice.service import PracticeRequest

        if not (self.info and self.info.due):
            self._unable("Nothing is due for review yet: grade some answers and their "
                         "questions come back when they are due.")
            return
        base = self._filters() or SessionFilters()
        filters = SessionFilters(count=min(len(self.info.due), DUE_SESSION_MAX),
                                 prefer_due=True, seed=base.seed)
        self.start_session(PracticeRequest(filters, self._mode()))

    def action_weakest(self) -> None:
        from interview.practice.domain import SessionFilters
        from interview.practice.service import PracticeRequest

        if not (self.info and self.info.weakest):
            self._unable("No weakest competencies yet: they come from your graded answers.")
            return
        base = self._filters() or SessionFilters()
        names = tuple(name for name, _ in self.info.weakest)
        filters = SessionFilters(role=base.role, level=base.level, competencies=names,
                                 count=base.count or WEAKEST_SESSION_COUNT,
                                 prefer_weak=True, seed=base.seed)
        self.start_session(PracticeRequest(filters, self._mode()))

    def action_resume(self) -> None:
        if not (self.info and self.info.resumable):
            self._unable("There is no interrupted session to resume.")
            return
        self._resume(self.info.resumable.id)

    def action_discard(self) -> None:
        """Abandon the newest interrupted session, once the user has confirmed it."""
        if self.info and self.info.interrupted:
            self._confirm_discard(self.info.interrupted[0])

    def action_interrupted(self) -> None:
        """List every interrupted session, to resume or discard any of them."""
        from interview.tui.screens.interrupted import InterruptedScreen, SessionChoice

        if not (self.info and self.info.interrupted):
            self._unable("There is no interrupted session.")
            return
        by_id = {s.id: s for s in self.info.interrupted}

        def chosen(choice: SessionChoice | None) -> None:
            if choice is None:
                return
            if choice.action == "resume":
                self._resume(choice.session_id)
            else:
                self._confirm_discard(by_id[choice.session_id])

        self.app.push_screen(InterruptedScreen(self.info.interrupted), chosen)

    def action_history(self) -> None:
        """Past sessions (and from there trends and readiness); a request to
        practise something again comes back here to start."""
        from interview.tui.screens.history import HistoryScreen

        def chosen(request: PracticeRequest | None) -> None:
            if request is not None:
                self.start_session(request)

        self.app.push_screen(HistoryScreen(self.workspace), chosen)

    def action_scorecards(self) -> None:
        """Live interviews: start one from a plan, read scorecards, debrief."""
        from interview.tui.screens.scorecards import ScorecardsScreen

        self.app.push_screen(ScorecardsScreen(self.workspace))

    def action_browse(self) -> None:
        """The bank, searched as you type."""
        from interview.tui.screens.browse import BrowseScreen

        self.app.push_screen(BrowseScreen(self.workspace))

    def _confirm_discard(self, session: SessionSummary) -> None:
        from interview.tui.screens.confirm import ConfirmScreen

        def answered(discard: bool | None) -> None:
            if discard:
                self._discard(session.id)

        question = (f"Discard the interrupted session ({session.description}, "
                    f"{session.answered} of {session.planned} answered)? Its answers stay "
                    "in your history, but it can no longer be resumed.")
        self.app.push_screen(ConfirmScreen(question, "Discard"), answered)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        actions = {"start": self.action_start, "due": self.action_due,
                   "weakest": self.action_weakest, "resume": self.action_resume,
                   "discard": self.action_discard, "interrupted": self.action_interrupted}
        if event.button.id in actions:
            actions[event.button.id]()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self._start_plan(event.option.id, self._mode())


def _breakpoint(size: int, breakpoints: list[tuple[int, str]]) -> str:
    """The class of the widest breakpoint `size` reaches, as Textual picks it."""
    return max((b for b in breakpoints if size >= b[0]), default=breakpoints[0])[1]
