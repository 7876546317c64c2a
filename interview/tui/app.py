"""The Textual application: navigation between screens, nothing else.

Screens do their own blocking work in thread workers and post past-tense
messages (`HomeScreen.SessionStarted`, `RubricScreen.AnswerGraded`, ...);
the App turns each into the next screen, and tells the user, in one place,
when a screen's worker failed. It takes its Workspace as an argument, so
tests build it exactly as the CLI does.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, Literal

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from interview.gcpause import keep_what_is_built
from interview.tui.screens.base import RunScreen, WorkScreen
from interview.tui.screens.home import HomeScreen
from interview.workspace import HomeInfo, Workspace

if TYPE_CHECKING:
    from interview.bank.plan_draft import PlanDraft
    from interview.practice.engine import PracticeRun
    from interview.practice.interview_run import InterviewRun
    from interview.practice.service import PracticeRequest
    from interview.reports.debrief import Debrief
    from interview.tui.screens.debrief import DebriefScreen
    from interview.tui.screens.interview_end import InterviewEndScreen
    from interview.tui.screens.interviewer import InterviewerScreen
    from interview.tui.screens.practice import PracticeScreen
    from interview.tui.screens.rubric import RubricScreen
    from interview.tui.screens.scorecard_view import ScorecardScreen
    from interview.tui.screens.scorecards import ScorecardsScreen
    from interview.tui.screens.summary import SummaryScreen


# A browser keeps ctrl+w, ctrl+n and ctrl+t for its own tabs and windows, so a
# page never receives them (pressing ctrl+w would close the tab). Served to a
# browser, the bindings on those keys move to function keys no browser takes.
BROWSER_KEYS = {
    "home.weakest": "f2",
    "practice.hint": "f2",
    "interviewer.hint": "f2",
    "browse.new_plan": "f2",
    "plan_editor.new_round": "f2",
    "interviewer.tick": "f4",
    "history.trends": "f4",
    "app.theme": "f8",
}


# The home screen's rules load with the app's: a screen's own stylesheet,
# read when it is first shown, makes Textual re-parse every rule already
# loaded, and the home screen is always shown first (start-up is budgeted).
# Absolute, so a subclass elsewhere (a test, a benchmark) finds them too.
STYLESHEETS: list[str | PurePath] = [Path(__file__).parent / "app.tcss",
                                     Path(__file__).parent / "screens" / "home.tcss"]


class InterviewApp(App[None]):
    CSS_PATH = STYLESHEETS
    TITLE = "interview"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("ctrl+t", "toggle_dark", "Theme", show=False, id="app.theme"),
    ]

    def __init__(self, workspace: Workspace, start: PracticeRequest | None = None,
                 *, show: Literal["history", "bank"] | None = None,
                 editing: PlanDraft | None = None, editing_note: str = "",
                 editing_file: str = "", interview: InterviewRun | None = None,
                 debrief: Debrief | None = None) -> None:
        """`start` goes straight to that session's first question; `show`
        opens the history (`interview review`) or the bank (`interview browse`);
        `editing` opens the plan editor on that plan (`interview plan new/edit`);
        `interview` opens a live interview where it stands (`interview run`),
        `debrief` a candidate's debrief (`interview debrief --app`)."""
        super().__init__()
        self.workspace = workspace
        self._start = start
        self.first_screen = show
        self._editing = editing
        self._editing_note = editing_note
        self._editing_file = editing_file
        self.current_run: PracticeRun | None = None  # the session on screen, if any
        self._interview = interview
        self._debrief = debrief
        self.current_interview: InterviewRun | None = None

    def run(self, *args: Any, **kwargs: Any) -> None:
        """Run the app (the console script; Pilot tests use run_test instead)."""
        keep_what_is_built()  # the imports are done: collections need not walk them
        return super().run(*args, **kwargs)

    def on_mount(self) -> None:
        if self.is_web:
            self.update_keymap(BROWSER_KEYS)
        self.push_screen(HomeScreen(self.workspace, start=self._start))
        if self.first_screen == "history":
            self.call_after_refresh(self.home.action_history)
        elif self.first_screen == "bank":
            self.call_after_refresh(self.home.action_browse)
        if self._editing is not None:
            from interview.tui.screens.plan_editor import PlanEditorScreen

            self.push_screen(PlanEditorScreen(self.workspace, self._editing,
                                              note=self._editing_note,
                                              saved_to=self._editing_file))
        if self._interview is not None:
            self.show_interview(self._interview)
        if self._debrief is not None:
            from interview.tui.screens.debrief import DebriefScreen

            self.push_screen(DebriefScreen(self._debrief))

    def on_ready(self) -> None:
        self.home.reload()

    @property
    def home(self) -> HomeScreen:
        """The home screen, always at the bottom of the stack."""
        screen = self.screen_stack[1]
        assert isinstance(screen, HomeScreen)
        return screen

    @property
    def home_info(self) -> HomeInfo | None:
        return self.home.info if len(self.screen_stack) > 1 else None

    # -- navigation ---------------------------------------------------------------------
    def on_home_screen_session_started(self, message: HomeScreen.SessionStarted) -> None:
        self.show_run(message.run)

    def on_practice_screen_question_closed(self, message: PracticeScreen.QuestionClosed) -> None:
        self.show_run(message.run)

    def on_rubric_screen_answer_graded(self, message: RubricScreen.AnswerGraded) -> None:
        self.show_run(message.run)

    def on_summary_screen_closed(self, _: SummaryScreen.Closed) -> None:
        self.go_home()

    def on_run_screen_left(self, _: RunScreen.Left) -> None:
        self.go_home()  # the session stays in progress, resumable from home

    def show_run(self, run: PracticeRun) -> None:
        """Show the screen for the run's current phase, above the home screen."""
        # Imported on first use: the first frame needs only the home screen.
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

    # -- a live interview -------------------------------------------------------------
    def on_interviewer_screen_moved(self, message: InterviewerScreen.Moved) -> None:
        self.show_interview(message.run)

    def on_interview_end_screen_submitted(self, message: InterviewEndScreen.Submitted) -> None:
        self.show_interview(message.run)

    def on_scorecards_screen_interview_opened(
            self, message: ScorecardsScreen.InterviewOpened) -> None:
        self.show_interview(message.run)

    def on_scorecards_screen_scorecard_opened(
            self, message: ScorecardsScreen.ScorecardOpened) -> None:
        from interview.tui.screens.scorecard_view import ScorecardScreen

        self.push_screen(ScorecardScreen(message.view.card, message.view.questions,
                                         tuple(self.workspace.bank().taxonomy.levels)))

    def on_scorecards_screen_debrief_opened(
            self, message: ScorecardsScreen.DebriefOpened) -> None:
        from interview.tui.screens.debrief import DebriefScreen

        self.push_screen(DebriefScreen(message.debrief))

    def on_scorecard_screen_closed(self, _: ScorecardScreen.Closed) -> None:
        self._back_to_scorecards()

    def on_debrief_screen_closed(self, _: DebriefScreen.Closed) -> None:
        self._back_to_scorecards()

    def _back_to_scorecards(self) -> None:
        """Back to the scorecard list when it opened this screen, else home."""
        from interview.tui.screens.scorecards import ScorecardsScreen

        below = self.screen_stack[-2] if len(self.screen_stack) > 3 else None
        if isinstance(below, ScorecardsScreen):
            self.pop_screen()
            below.reload()
        else:
            self.go_home()

    def show_interview(self, run: InterviewRun) -> None:
        """Show the screen for the interview's stage, above the home screen."""
        from interview.practice.interview_run import Stage
        from interview.tui.screens.interview_end import InterviewEndScreen
        from interview.tui.screens.interviewer import InterviewerScreen
        from interview.tui.screens.scorecard_view import ScorecardScreen

        self.current_interview = run
        screen: Screen[None]
        if run.stage in (Stage.QUESTION, Stage.SELF_GRADE):
            screen = InterviewerScreen(run)
        elif run.stage is Stage.CLOSING:
            screen = InterviewEndScreen(run)
        else:
            questions = {q.question_id: found for q in run.card.questions
                         if (found := run.question_for(q)) is not None}
            screen = ScorecardScreen(run.card, questions,
                                     tuple(self.workspace.bank().taxonomy.levels))
            self.current_interview = None
        if len(self.screen_stack) > 2:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def go_home(self) -> None:
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.current_run = None
        self.current_interview = None
        self.home.reload()

    def on_work_screen_work_failed(self, message: WorkScreen.WorkFailed) -> None:
        self.notify(message.text, title="Something went wrong", severity="error", timeout=10,
                    markup=False)

    async def action_quit(self) -> None:
        from interview.tui.screens.interview_end import InterviewEndScreen
        from interview.tui.screens.practice import PracticeScreen

        # Quitting must never fail; the autosaves already kept all but seconds.
        with contextlib.suppress(Exception):
            if isinstance(self.screen, PracticeScreen):
                self.screen.save_draft_now()
            elif isinstance(self.screen, InterviewEndScreen):
                self.screen.save_now()
            elif self.current_interview is not None:
                self.current_interview.save_time()
        self.exit()

    # -- commands -------------------------------------------------------------------
    def action_toggle_dark(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand("Toggle light and dark theme", "Switch between the light and "
                            "dark themes", self.action_toggle_dark)
        if self.current_run is not None or self.current_interview is not None:
            return
        yield SystemCommand("Home", "Back to the home screen", self.go_home)
        info = self.home_info
        if info and info.resumable is not None:
            yield SystemCommand("Resume interrupted session", "Continue where you left off",
                                self.home.action_resume)
        if isinstance(screen, HomeScreen):
            yield SystemCommand("Review past sessions", "History, trends and readiness",
                                screen.action_history)
            yield SystemCommand("Browse the bank", "Search questions as you type, with "
                                "their rubrics", screen.action_browse)
            yield SystemCommand("Scorecards", "Live interviews: start one from a plan, read "
                                "scorecards, debrief a candidate", screen.action_scorecards)
            yield SystemCommand("Practise what is due", "Questions due for review",
                                screen.action_due)
            yield SystemCommand("Practise weakest competencies", "Lowest average grade "
                                "first", screen.action_weakest)


def run_app(workspace: Workspace, start: PracticeRequest | None = None, *,
            show: Literal["history", "bank"] | None = None,
            editing: PlanDraft | None = None, editing_note: str = "",
            editing_file: str = "", interview: InterviewRun | None = None,
            debrief: Debrief | None = None) -> None:
    try:
        InterviewApp(workspace, start=start, show=show, editing=editing,
                     editing_note=editing_note, editing_file=editing_file,
                     interview=interview, debrief=debrief).run()
    finally:
        workspace.close()
