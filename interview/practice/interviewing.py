"""The interviewer mode's domain: candidates, scorecards and what fills them.

An interviewer runs a plan with a candidate and fills one `Scorecard`: per
question a grade on the 4-point scale (or "not asked"), the rubric signals
and red flags heard, the hints given and time-stamped notes; per competency
the plan covers a rating; at the end a recommendation, take-aways and
private notes. Candidates are their own records, apart from practice
profiles, so scorecards never mix with anyone's self-practice statistics.
Plain dataclasses; storage converts its rows into these.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from interview.practice.domain import Grade, PlannedQuestion


class Recommendation(StrEnum):
    STRONG_NO = "strong-no"
    NO = "no"
    YES = "yes"
    STRONG_YES = "strong-yes"
    NO_DECISION = "no-decision"

    @property
    def label(self) -> str:
        return self.value.replace("-", " ")


class ScorecardStatus(StrEnum):
    IN_PROGRESS = "in-progress"
    SUBMITTED = "submitted"


@dataclass(frozen=True, slots=True)
class HintGiven:
    """A hint the interviewer gave: which one (from 0), how far into the question."""

    index: int
    at_seconds: float


@dataclass(frozen=True, slots=True)
class Note:
    """One note, time-stamped by how far into its question it was written."""

    position: int
    at_seconds: float
    written_at: datetime
    text: str


@dataclass(frozen=True, slots=True)
class QuestionScore:
    """What the interviewer recorded for one question of the plan."""

    position: int
    item: PlannedQuestion
    grade: Grade | None = None
    not_asked: bool = False
    signals: tuple[int, ...] = ()  # indices into the rubric's signals
    red_flags: tuple[int, ...] = ()  # indices into the rubric's red flags
    hints: tuple[HintGiven, ...] = ()
    seconds_used: float = 0.0
    self_grade: Grade | None = None  # the candidate's own, in a self-graded loop

    @property
    def question_id(self) -> str:
        return self.item.question_id

    @property
    def competency(self) -> str:
        return self.item.competency

    @property
    def closed(self) -> bool:
        """Graded, or marked not asked: the interviewer's part is locked."""
        return self.grade is not None or self.not_asked

    @property
    def status(self) -> str:
        if self.not_asked:
            return "not asked"
        return self.grade.label if self.grade is not None else "open"

    def __post_init__(self) -> None:
        if self.not_asked and self.grade is not None:
            raise ValueError("a question not asked has no grade")


@dataclass(frozen=True, slots=True)
class Closing:
    """The end-of-interview form: ratings per competency and the decision."""

    ratings: dict[str, Grade] = field(default_factory=dict)
    recommendation: Recommendation | None = None
    takeaways: str = ""
    private_notes: str = ""


@dataclass(frozen=True, slots=True)
class Scorecard:
    id: int
    candidate: str
    interviewer: str
    plan_id: str
    plan_title: str
    role: str
    level: str
    started_at: datetime
    questions: tuple[QuestionScore, ...]
    self_graded: bool = False
    status: ScorecardStatus = ScorecardStatus.IN_PROGRESS
    submitted_at: datetime | None = None
    notes: tuple[Note, ...] = ()
    closing: Closing = Closing()

    @property
    def submitted(self) -> bool:
        return self.status is ScorecardStatus.SUBMITTED

    @property
    def competencies(self) -> tuple[str, ...]:
        """The competencies the plan covers, in the order its questions ask them."""
        return tuple(dict.fromkeys(q.competency for q in self.questions))

    @property
    def graded(self) -> int:
        return sum(q.grade is not None for q in self.questions)

    def notes_for(self, position: int) -> tuple[Note, ...]:
        return tuple(note for note in self.notes if note.position == position)

    def with_question(self, score: QuestionScore) -> Scorecard:
        questions = list(self.questions)
        questions[score.position] = score
        return replace(self, questions=tuple(questions))


@dataclass(frozen=True, slots=True)
class ScorecardSummary:
    """One line of `interview scorecard list`."""

    id: int
    candidate: str
    interviewer: str
    plan_id: str
    plan_title: str
    status: ScorecardStatus
    started_at: datetime
    submitted_at: datetime | None
    recommendation: Recommendation | None
    graded: int
    questions: int


class ScorecardHidden(Exception):
    """Another interviewer's scorecard, asked for before the asker submitted theirs."""


def may_read(viewer: str, card_interviewer: str, viewer_cards: tuple[ScorecardStatus, ...],
             lead: bool = False) -> bool:
    """The independence rule: an interviewer reads their own scorecard any
    time, and another's for the same candidate only once one of their own
    for that candidate is submitted, so nobody's grades anchor anyone else's.
    A hiring lead who is not on the panel (`lead`) reads them all, but not
    while holding a scorecard of their own for the candidate still open.
    Names are not authenticated: this keeps an honest panel independent; it
    is not access control."""
    if viewer == card_interviewer or ScorecardStatus.SUBMITTED in viewer_cards:
        return True
    return lead and ScorecardStatus.IN_PROGRESS not in viewer_cards
