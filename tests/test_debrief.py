"""The debrief grid against a hand-checked panel."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from interview.practice.domain import Grade, PlannedQuestion
from interview.practice.interviewing import (
    Closing,
    QuestionScore,
    Recommendation,
    Scorecard,
    ScorecardStatus,
)
from interview.reports import calibration
from interview.reports.debrief import SPLIT, Debrief, DebriefRow, build_debrief

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
G = Grade


def question(qid: str, grade: int | None = None, *, competency: str = "design",
             not_asked: bool = False) -> QuestionScore:
    return QuestionScore(position=0, item=PlannedQuestion(qid, competency, 600),
                         grade=Grade(grade) if grade is not None else None, not_asked=not_asked)


def card(card_id: int, interviewer: str, questions: Sequence[QuestionScore], *,
         candidate: str = "cam", submitted_at: datetime | None = T0,
         ratings: Mapping[str, int] | None = None,
         recommendation: Recommendation | None = None) -> Scorecard:
    """A scorecard, submitted at `submitted_at` (None: still in progress)."""
    return Scorecard(
        id=card_id, candidate=candidate, interviewer=interviewer, plan_id="plan",
        plan_title="Plan", role="software-engineer", level="senior", started_at=T0,
        questions=tuple(replace(q, position=n) for n, q in enumerate(questions)),
        status=(ScorecardStatus.IN_PROGRESS if submitted_at is None
                else ScorecardStatus.SUBMITTED),
        submitted_at=submitted_at,
        closing=Closing(ratings={k: Grade(v) for k, v in (ratings or {}).items()},
                        recommendation=recommendation))


# bob submitted first (column 1) though his card has the higher id.
#   q1 design:  bob 3, ann 1           spread 2 -> split
#   q2 design:  bob not asked, ann 3   one mark, no spread
#   q3 coding:  bob 2, ann 3           spread 1 -> not a split
#   q4 comms:   ann 4 only (not on bob's card, so not "not asked")
# Ratings: design bob 2, ann 4 (split); coding 3, 3; comms unrated;
# leadership rated by ann only (no question asks it).
# Question marks 3+1+3+2+3+4 = 16 over 6 -> overall mean 8/3 = 2.6667.
PANEL = [
    card(1, "ann", [question("q1", 1), question("q2", 3), question("q3", 3, competency="coding"),
                    question("q4", 4, competency="comms")],
         submitted_at=T0 + timedelta(hours=2),
         ratings={"design": 4, "coding": 3, "leadership": 2},
         recommendation=Recommendation.YES),
    card(2, "bob", [question("q1", 3), question("q2", not_asked=True),
                    question("q3", 2, competency="coding")],
         submitted_at=T0 + timedelta(hours=1), ratings={"design": 2, "coding": 3},
         recommendation=Recommendation.NO),
    card(3, "cy", [question("q1", 4), question("q5", 1)], submitted_at=None),  # in progress
    card(4, "ann", [question("q1", 4)], candidate="dee"),  # another candidate
]


def test_columns_are_submitted_cards_in_submission_order() -> None:
    debrief = build_debrief("cam", PANEL)
    assert debrief.candidate == "cam"
    assert debrief.interviewers == ("bob", "ann")
    assert debrief.scorecard_ids == (2, 1)
    assert debrief.recommendations == (Recommendation.NO, Recommendation.YES)


def test_question_rows_and_not_asked() -> None:
    rows = {row.key: row for row in build_debrief("cam", PANEL).questions}
    assert list(rows) == ["q1", "q2", "q3", "q4"]  # cy's in-progress q5 is not a row
    assert rows["q1"] == DebriefRow("q1", (G.YES, G.STRONG_NO), (False, False))
    assert rows["q2"] == DebriefRow("q2", (None, G.YES), (True, False))
    assert rows["q4"] == DebriefRow("q4", (None, G.STRONG_YES), (False, False))
    assert (rows["q1"].mean, rows["q1"].spread) == (2.0, 2)
    assert (rows["q2"].mean, rows["q2"].spread) == (3.0, None)
    assert (rows["q3"].mean, rows["q3"].spread) == (2.5, 1)


def test_splits_are_flagged_at_two_points_not_one() -> None:
    debrief = build_debrief("cam", PANEL)
    rows = {row.key: row for row in debrief.questions}
    assert rows["q1"].split and not rows["q3"].split and not rows["q2"].split
    assert [row.key for row in debrief.splits] == ["q1", "design"]  # questions first
    assert SPLIT == calibration.SPLIT == 2


def test_competency_rows_come_from_questions_and_ratings() -> None:
    rows = build_debrief("cam", PANEL).competencies
    # bob's card: design, coding; ann's adds comms (a question), then leadership (a rating).
    assert [row.key for row in rows] == ["design", "coding", "comms", "leadership"]
    assert [row.marks for row in rows] == [
        (G.NO, G.STRONG_YES), (G.YES, G.YES), (None, None), (None, G.NO)]
    assert all(row.not_asked == (False, False) for row in rows)
    assert [row.spread for row in rows] == [2, 0, None, None]


def test_overall_mean_is_over_question_marks_only() -> None:
    # 16/6; the ratings (2, 4, 3, 3, 2) would give 14/5 = 2.8 instead.
    assert build_debrief("cam", PANEL).overall_mean == pytest.approx(8 / 3)


def test_one_interviewer_with_two_cards_gets_two_columns() -> None:
    cards = [card(5, "ann", [question("q1", 2)], submitted_at=T0 + timedelta(days=1)),
             card(6, "ann", [question("q1", 4)], submitted_at=T0)]
    debrief = build_debrief("cam", cards)
    assert debrief.interviewers == ("ann", "ann")
    assert debrief.scorecard_ids == (6, 5)
    assert debrief.questions[0].marks == (G.STRONG_YES, G.NO)
    assert debrief.questions[0].split


def test_no_submitted_cards_is_an_empty_debrief() -> None:
    only_open = [card(1, "ann", [question("q1", 3)], submitted_at=None)]
    assert build_debrief("cam", only_open) == Debrief("cam", (), (), (), (), ())
    assert build_debrief("cam", only_open).overall_mean is None
    assert build_debrief("nobody", PANEL).splits == ()
