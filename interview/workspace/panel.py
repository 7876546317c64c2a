"""The interviewer's use cases: run a plan with a candidate, read scorecards
under the independence rule, debrief a loop, and calibrate graders.

`Panel` sits beside the Workspace (it uses the same bank, plans, store and
clock) and, like it, blocks: the app calls it from thread workers. Who is
asking (`viewer`) is a name, not an authenticated user; the rule keeps an
honest panel independent (interview.practice.interviewing.may_read).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from interview.config import default_profile

if TYPE_CHECKING:
    from interview.bank.model import Question
    from interview.practice.interview_run import InterviewRun
    from interview.practice.interviewing import Scorecard, ScorecardStatus, ScorecardSummary
    from interview.reports.calibration import (
        CompetencyCalibration,
        InterviewerSeverity,
        QuestionDisagreement,
    )
    from interview.reports.debrief import Debrief
    from interview.store.scorecards import ScorecardRepository
    from interview.workspace import Workspace

INTERVIEWER_ENV = "INTERVIEW_INTERVIEWER"


def default_interviewer() -> str:
    """Who is interviewing when nobody says: INTERVIEW_INTERVIEWER, else the login name."""
    return os.environ.get(INTERVIEWER_ENV, "").strip() or default_profile()


class NoScorecard(LookupError):
    """No scorecard has the id asked for."""


@dataclass(frozen=True)
class ListedScorecard:
    summary: ScorecardSummary
    hidden: bool  # another interviewer's, not yet readable: its decision is withheld


@dataclass(frozen=True)
class ScorecardView:
    card: Scorecard
    questions: dict[str, Question]  # as the scorecard showed them


@dataclass(frozen=True)
class PanelCalibration:
    self_grades: list[CompetencyCalibration]  # the profile's, with its interviewers
    severity: list[InterviewerSeverity]
    disagreement: list[QuestionDisagreement]


class Panel:
    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace

    @property
    def viewer(self) -> str:
        """Who is asking when nobody says: the workspace's interviewer, else the default."""
        return self._workspace.interviewer or default_interviewer()

    def _cards(self) -> ScorecardRepository:
        return self._workspace.store().scorecards

    # -- running an interview ------------------------------------------------------

    def open_scorecards(self, candidate: str, interviewer: str,
                        plan_id: str | None = None) -> list[ScorecardSummary]:
        """The in-progress scorecards `interviewer` holds for `candidate`, newest first."""
        from interview.practice.interviewing import ScorecardStatus

        return [s for s in self._cards().scorecards(candidate, interviewer,
                                                    ScorecardStatus.IN_PROGRESS)
                if plan_id is None or s.plan_id == plan_id]

    def start(self, plan_id: str, candidate: str, interviewer: str, *,
              self_graded: bool = False, seed: int = 0) -> InterviewRun:
        from interview.practice.interview_run import start_interview

        plan = self._workspace.plan(plan_id)
        return start_interview(plan, self._workspace.bank().questions, self._cards(),
                               self._workspace.clock, candidate, interviewer, seed=seed,
                               self_graded=self_graded)

    def resume(self, scorecard_id: int) -> InterviewRun:
        from interview.practice.interview_run import resume_interview

        card = self._card(scorecard_id)
        cards = self._cards()
        return resume_interview(card, self._workspace.bank().questions, cards,
                                self._workspace.clock, cards.shown_questions(card.id))

    def discard(self, scorecard_id: int) -> None:
        self._cards().discard_scorecard(scorecard_id)

    # -- reading under the independence rule --------------------------------------

    def scorecards(self, viewer: str, *, lead: bool = False, candidate: str | None = None,
                   interviewer: str | None = None) -> list[ListedScorecard]:
        """Every scorecard (newest first), the decisions `viewer` may not read withheld."""
        summaries = self._cards().scorecards(candidate, interviewer)
        statuses = self._viewer_statuses(viewer, summaries)
        listed = []
        for summary in summaries:
            hidden = not self._may_read(viewer, summary.interviewer,
                                        statuses.get(summary.candidate, ()), lead)
            if hidden:
                summary = replace(summary, recommendation=None, graded=0)
            listed.append(ListedScorecard(summary, hidden))
        return listed

    def read(self, scorecard_id: int, viewer: str, *, lead: bool = False) -> ScorecardView:
        """The scorecard with its questions as shown; ScorecardHidden when the
        rule withholds it from `viewer`."""
        from interview.bank.model import Question
        from interview.practice.interviewing import ScorecardHidden

        card = self._card(scorecard_id)
        own = self.open_scorecards(card.candidate, viewer)
        submitted = self._submitted_by(card.candidate, viewer)
        if not self._may_read(viewer, card.interviewer, own_statuses(own, submitted), lead):
            raise ScorecardHidden(
                f"scorecard {scorecard_id} is {card.interviewer}'s for {card.candidate}: "
                f"submit your own scorecard for {card.candidate} first, so your grades "
                "stay independent")
        shown = self._cards().shown_questions(card.id)
        questions = dict(self._workspace.bank().questions)
        for question_id, version in shown.items():  # as the interview showed it
            questions[question_id] = Question.from_content(version.content)
        return ScorecardView(card, {q.question_id: questions[q.question_id]
                                    for q in card.questions if q.question_id in questions})

    def debrief(self, candidate: str, viewer: str, *, lead: bool = False) -> Debrief:
        """The candidate's submitted scorecards side by side; ScorecardHidden
        while `viewer` may not read the others'."""
        from interview.practice.interviewing import ScorecardHidden
        from interview.reports.debrief import build_debrief

        cards = self._cards().candidate_scorecards(candidate)
        if not cards:
            raise NoScorecard(f"no scorecards for {candidate!r}; "
                              "`interview scorecard list` shows the candidates")
        statuses = tuple(c.status for c in cards if c.interviewer == viewer)
        others = [c for c in cards if c.interviewer != viewer]
        if others and not self._may_read(viewer, others[0].interviewer, statuses, lead):
            raise ScorecardHidden(
                f"the debrief for {candidate} opens once your own scorecard for them is "
                "submitted (a hiring lead not on the panel: --lead)")
        return build_debrief(candidate, cards)

    def calibration(self, viewer: str) -> PanelCalibration:
        """The profile's self-grade calibration, and every interviewer's
        severity and each question's disagreement over submitted scorecards,
        leaving out candidates `viewer` is still scoring."""
        from interview.practice.interviewing import ScorecardStatus
        from interview.reports.calibration import (
            interviewer_severity,
            question_disagreement,
            self_calibration,
            self_grade_pairs,
        )

        cards = self._cards()
        own = self._workspace.profile
        self_grades = self_calibration(self_grade_pairs(cards.profile_scorecards(own)))
        scoring = {s.candidate for s in cards.scorecards(interviewer=viewer,
                                                         status=ScorecardStatus.IN_PROGRESS)}
        panel = [card for name in cards.candidates() if name not in scoring
                 for card in cards.candidate_scorecards(name)]
        return PanelCalibration(self_grades, interviewer_severity(panel),
                                question_disagreement(panel))

    # -- helpers ----------------------------------------------------------------------

    def _card(self, scorecard_id: int) -> Scorecard:
        card = self._cards().scorecard(scorecard_id)
        if card is None:
            raise NoScorecard(f"no scorecard {scorecard_id}; `interview scorecard list` "
                              "shows them")
        return card

    def _submitted_by(self, candidate: str, viewer: str) -> bool:
        from interview.practice.interviewing import ScorecardStatus

        return bool(self._cards().scorecards(candidate, viewer, ScorecardStatus.SUBMITTED))

    def _viewer_statuses(self, viewer: str, summaries: list[ScorecardSummary]
                         ) -> dict[str, tuple[ScorecardStatus, ...]]:
        statuses: dict[str, tuple[ScorecardStatus, ...]] = {}
        for summary in summaries:
            if summary.interviewer == viewer:
                statuses[summary.candidate] = (*statuses.get(summary.candidate, ()),
                                               summary.status)
        return statuses

    @staticmethod
    def _may_read(viewer: str, interviewer: str, statuses: tuple[ScorecardStatus, ...],
                  lead: bool) -> bool:
        from interview.practice.interviewing import may_read

        return may_read(viewer, interviewer, statuses, lead)


def own_statuses(open_cards: list[ScorecardSummary], submitted: bool
                 ) -> tuple[ScorecardStatus, ...]:
    from interview.practice.interviewing import ScorecardStatus

    statuses = tuple(s.status for s in open_cards)
    return (*statuses, ScorecardStatus.SUBMITTED) if submitted else statuses
