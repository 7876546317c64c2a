"""The debrief: one candidate's submitted scorecards side by side.

One column per submitted scorecard, ordered by when it was submitted; one
row per question and per competency any of them covers. A row whose marks
are `SPLIT` or more points apart is a split: the panel heard the same
answer differently and should talk it through before deciding.
In-progress scorecards are left out, so a debrief never shows grades an
interviewer has not committed to (docs/calibration.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from interview.practice.domain import Grade
from interview.practice.interviewing import Recommendation, Scorecard
from interview.reports.calibration import SPLIT

__all__ = ["SPLIT", "Debrief", "DebriefRow", "build_debrief"]


@dataclass(frozen=True, slots=True)
class DebriefRow:
    """One question or competency across the panel, a mark per column."""

    key: str  # the question id, or the competency name
    marks: tuple[Grade | None, ...]  # None: not graded, not asked, not rated or not on the card
    not_asked: tuple[bool, ...]  # True where that card marked the question not asked

    @property
    def given(self) -> tuple[Grade, ...]:
        return tuple(mark for mark in self.marks if mark is not None)

    @property
    def mean(self) -> float | None:
        given = self.given
        return sum(given) / len(given) if given else None

    @property
    def spread(self) -> int | None:
        """Highest mark minus lowest; None with fewer than two marks."""
        given = self.given
        return max(given) - min(given) if len(given) >= 2 else None

    @property
    def split(self) -> bool:
        spread = self.spread
        return spread is not None and spread >= SPLIT


@dataclass(frozen=True, slots=True)
class Debrief:
    candidate: str
    interviewers: tuple[str, ...]  # the column labels; a name twice if they filed two cards
    scorecard_ids: tuple[int, ...]  # the card behind each column
    questions: tuple[DebriefRow, ...]
    competencies: tuple[DebriefRow, ...]
    recommendations: tuple[Recommendation | None, ...]  # one per column

    @property
    def splits(self) -> tuple[DebriefRow, ...]:
        """The rows to discuss: split questions, then split competencies."""
        return tuple(row for row in self.questions + self.competencies if row.split)

    @property
    def overall_mean(self) -> float | None:
        """Mean of every question mark in the debrief (competency ratings aside)."""
        marks = [mark for row in self.questions for mark in row.given]
        return sum(marks) / len(marks) if marks else None


def build_debrief(candidate: str, cards: Sequence[Scorecard]) -> Debrief:
    """The debrief of `candidate` from the submitted ones among `cards`,
    ordered by submission time, then id."""
    columns = sorted((c for c in cards if c.candidate == candidate and c.submitted),
                     key=_submitted_order)
    question_ids = dict.fromkeys(q.question_id for card in columns for q in card.questions)
    competencies = dict.fromkeys(
        name for card in columns for name in (*card.competencies, *card.closing.ratings))
    return Debrief(
        candidate=candidate,
        interviewers=tuple(card.interviewer for card in columns),
        scorecard_ids=tuple(card.id for card in columns),
        questions=tuple(_question_row(qid, columns) for qid in question_ids),
        competencies=tuple(
            DebriefRow(name, tuple(card.closing.ratings.get(name) for card in columns),
                       (False,) * len(columns))
            for name in competencies),
        recommendations=tuple(card.closing.recommendation for card in columns),
    )


def _submitted_order(card: Scorecard) -> tuple[datetime, int]:
    # A submitted card should carry its submission time; should one not,
    # its start time keeps the order total rather than failing the debrief.
    return (card.submitted_at or card.started_at, card.id)


def _question_row(question_id: str, columns: Sequence[Scorecard]) -> DebriefRow:
    marks: list[Grade | None] = []
    not_asked: list[bool] = []
    for card in columns:
        # A plan may ask one question twice; a grade anywhere on the card
        # wins over a "not asked" elsewhere on it, and the later grade wins.
        scores = [q for q in card.questions if q.question_id == question_id]
        grades = [q.grade for q in scores if q.grade is not None]
        marks.append(grades[-1] if grades else None)
        not_asked.append(not grades and any(q.not_asked for q in scores))
    return DebriefRow(question_id, tuple(marks), tuple(not_asked))
