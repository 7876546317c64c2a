"""Every scorecard, and the way into a live interview, a scorecard or a debrief.

Read as the workspace's interviewer: another interviewer's decision for a
candidate stays withheld, and their scorecard closed, until yours for that
candidate is submitted (interview.practice.interviewing.may_read). `n`
starts an interview from a plan; enter opens the scorecard (or resumes your
own in progress); `d` opens the candidate's debrief.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable, Footer, Static

from interview.practice.interview_run import InterviewRun
from interview.practice.interviewing import ScorecardHidden, ScorecardStatus
from interview.reports.debrief import Debrief
from interview.safetext import for_terminal
from interview.tui.screens.base import WorkScreen
from interview.tui.screens.new_interview import NewInterview
from interview.tui.widgets.fitted_table import fill_table
from interview.workspace import Workspace
from interview.workspace.panel import ListedScorecard, NoScorecard, ScorecardView

LABELS = ("ID", "Candidate", "Interviewer", "Plan", "Status", "Date", "Decision")
WIDTHS = (3, 0, 11, 0, 9, 6, 11)  # fits 80 columns: candidate and plan share the rest


class ScorecardsScreen(WorkScreen[None]):
    CSS_PATH = "scorecards.tcss"
    BINDINGS = [
        Binding("n", "new", "New interview"),
        Binding("d", "debrief", "Debrief"),
        Binding("escape", "app.pop_screen", "Back"),
    ]

    class Loaded(Message):
        def __init__(self, listed: list[ListedScorecard]) -> None:
            super().__init__()
            self.listed = listed

    class InterviewOpened(Message):
        """An interview was started or resumed: show `run`."""

        def __init__(self, run: InterviewRun) -> None:
            super().__init__()
            self.run = run

    class ScorecardOpened(Message):
        def __init__(self, view: ScorecardView) -> None:
            super().__init__()
            self.view = view

    class DebriefOpened(Message):
        def __init__(self, debrief: Debrief) -> None:
            super().__init__()
            self.debrief = debrief

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.viewer = workspace.panel().viewer
        self.listed: list[ListedScorecard] = []

    def compose(self) -> ComposeResult:
        yield Static(f"Scorecards · reading as {self.viewer} · loading…", id="title",
                     markup=False)
        yield DataTable(id="scorecards", cursor_type="row", zebra_stripes=True)
        yield Static("", id="empty", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#scorecards", DataTable).focus()
        self.reload()

    def reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="scorecards", exit_on_error=False,
          description="Reading the scorecards")
    def _load(self) -> None:
        self.post_message(self.Loaded(self.workspace.panel().scorecards(self.viewer)))

    def on_scorecards_screen_loaded(self, message: Loaded) -> None:
        self.listed = message.listed
        self.query_one("#title", Static).update(
            f"Scorecards · reading as {self.viewer} · {len(self.listed)}")
        empty = self.query_one("#empty", Static)
        empty.update("" if self.listed else
                     "No scorecards yet: n starts an interview from a plan.")
        empty.display = not self.listed
        self._fill()

    def on_resize(self) -> None:
        self._fill()

    def _fill(self) -> None:
        rows = []
        for item in self.listed:
            s = item.summary
            decision = ("hidden" if item.hidden else
                        s.recommendation.label if s.recommendation else "-")
            status = "open" if s.status is ScorecardStatus.IN_PROGRESS else "submitted"
            rows.append((str(s.id), s.candidate, s.interviewer, s.plan_title, status,
                         s.started_at.astimezone().strftime("%d %b"), decision))
        fill_table(self.query_one("#scorecards", DataTable), LABELS, WIDTHS, rows,
                   [str(item.summary.id) for item in self.listed], self.size.width)

    def _chosen(self) -> ListedScorecard | None:
        table = self.query_one("#scorecards", DataTable)
        if not self.listed or table.cursor_row >= len(self.listed):
            return None
        return self.listed[table.cursor_row]

    # -- actions ------------------------------------------------------------------------

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        chosen = self._chosen()
        if chosen is None:
            return
        summary = chosen.summary
        if summary.interviewer == self.viewer and summary.status is ScorecardStatus.IN_PROGRESS:
            self._resume(summary.id)
        elif chosen.hidden:
            self.notify(for_terminal(f"{summary.interviewer}'s scorecard for "
                                     f"{summary.candidate} opens once yours for "
                                     f"{summary.candidate} is submitted."),
                        severity="warning", markup=False)
        else:
            self._open(summary.id)

    @work(thread=True, exclusive=True, group="open", exit_on_error=False,
          description="Resuming the interview")
    def _resume(self, scorecard_id: int) -> None:
        self.post_message(self.InterviewOpened(self.workspace.panel().resume(scorecard_id)))

    @work(thread=True, exclusive=True, group="open", exit_on_error=False,
          description="Opening the scorecard")
    def _open(self, scorecard_id: int) -> None:
        try:
            view = self.workspace.panel().read(scorecard_id, self.viewer)
        except (ScorecardHidden, NoScorecard) as error:
            self.app.call_from_thread(self._refused, error)
            return
        self.post_message(self.ScorecardOpened(view))

    def _refused(self, error: Exception) -> None:
        """Why a scorecard or debrief stays closed (names come from the database)."""
        self.notify(for_terminal(str(error)), severity="warning", markup=False)

    def action_debrief(self) -> None:
        chosen = self._chosen()
        if chosen is not None:
            self._debrief(chosen.summary.candidate)

    @work(thread=True, exclusive=True, group="open", exit_on_error=False,
          description="Opening the debrief")
    def _debrief(self, candidate: str) -> None:
        try:
            found = self.workspace.panel().debrief(candidate, self.viewer)
        except (ScorecardHidden, NoScorecard) as error:
            self.app.call_from_thread(self._refused, error)
            return
        self.post_message(self.DebriefOpened(found))

    def action_new(self) -> None:
        from interview.tui.screens.new_interview import NewInterviewScreen

        def start(chosen: NewInterview | None) -> None:
            if chosen is not None:
                self._start(chosen)

        self.app.push_screen(NewInterviewScreen(self.workspace), start)

    @work(thread=True, exclusive=True, group="open", exit_on_error=False,
          description="Starting the interview")
    def _start(self, chosen: NewInterview) -> None:
        panel = self.workspace.panel()
        open_cards = panel.open_scorecards(chosen.candidate, self.viewer, chosen.plan_id)
        run = (panel.resume(open_cards[0].id) if open_cards else
               panel.start(chosen.plan_id, chosen.candidate, self.viewer,
                           self_graded=chosen.self_graded))
        self.post_message(self.InterviewOpened(run))
