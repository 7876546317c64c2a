"""The practice domain: sessions, answers, grades and review state.

Plain dataclasses; storage converts its rows into these before its SQLAlchemy
session closes, and the UI only ever sees these.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import IntEnum, StrEnum
from typing import Any

from interview.bank.filters import QuestionFilter


class Mode(StrEnum):
    PRACTICE = "practice"  # updates the spaced-repetition schedule
    MOCK = "mock"  # a rehearsal loop: recorded, never reschedules
    INTERVIEWER = "interviewer"  # an interviewer grading a candidate live


class Status(StrEnum):
    IN_PROGRESS = "in-progress"
    COMPLETED = "completed"
    ABANDONED = "abandoned"


class Outcome(StrEnum):
    GRADED = "graded"
    SKIPPED = "skipped"
    TIMED_OUT = "timed-out"  # time ran out and nothing was written


class Grade(IntEnum):
    """The structured-interview 4-point scale."""

    STRONG_NO = 1
    NO = 2
    YES = 3
    STRONG_YES = 4

    @property
    def label(self) -> str:
        return self.name.lower().replace("_", " ")


@dataclass(frozen=True, slots=True)
class SessionFilters:
    """What the user asked for; kept with the session so history can show it."""

    role: str | None = None
    level: str | None = None
    competencies: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    count: int | None = None
    minutes: int | None = None
    plan_id: str | None = None
    seed: int = 0
    prefer_due: bool = False
    prefer_weak: bool = False

    @property
    def questions(self) -> QuestionFilter:
        """Which questions the session may draw from."""
        return QuestionFilter(self.role, self.level, self.competencies, self.kinds)

    def to_dict(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "level": self.level,
            "competencies": list(self.competencies),
            "kinds": list(self.kinds),
            "count": self.count,
            "minutes": self.minutes,
            "plan_id": self.plan_id,
            "seed": self.seed,
            "prefer_due": self.prefer_due,
            "prefer_weak": self.prefer_weak,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SessionFilters:
        return cls(
            role=data.get("role"),
            level=data.get("level"),
            competencies=tuple(data.get("competencies") or ()),
            kinds=tuple(data.get("kinds") or ()),
            count=data.get("count"),
            minutes=data.get("minutes"),
            plan_id=data.get("plan_id"),
            seed=int(data.get("seed") or 0),
            prefer_due=bool(data.get("prefer_due")),
            prefer_weak=bool(data.get("prefer_weak")),
        )

    def describe(self) -> str:
        if self.plan_id:
            return f"plan {self.plan_id}"
        parts = [p for p in (self.role, self.level) if p]
        parts += list(self.competencies) + list(self.kinds)
        if self.prefer_due:
            parts.append("due")
        if self.prefer_weak:
            parts.append("weakest")
        return " ".join(parts) or "any"


@dataclass(frozen=True, slots=True)
class PlannedQuestion:
    """One slot of a session: which question, in which order, for how long."""

    question_id: str
    competency: str
    seconds: int
    round_title: str = ""
    content_hash: str = ""  # the version shown; resume uses it if the bank changed

    def to_dict(self) -> dict[str, Any]:
        return {
            "question_id": self.question_id,
            "competency": self.competency,
            "seconds": self.seconds,
            "round_title": self.round_title,
            "content_hash": self.content_hash,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PlannedQuestion:
        return cls(data["question_id"], data["competency"], int(data["seconds"]),
                   data.get("round_title") or "", data.get("content_hash") or "")


@dataclass(frozen=True, slots=True)
class ShownQuestion:
    """The exact question text a user was shown, so bank edits never rewrite history."""

    question_id: str
    content_hash: str
    title: str
    content: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Session:
    id: int
    profile: str
    mode: Mode
    filters: SessionFilters
    items: tuple[PlannedQuestion, ...]
    started_at: datetime
    status: Status = Status.IN_PROGRESS
    finished_at: datetime | None = None

    @property
    def role(self) -> str | None:
        return self.filters.role

    @property
    def level(self) -> str | None:
        return self.filters.level

    @property
    def budget_seconds(self) -> int:
        return sum(item.seconds for item in self.items)


@dataclass(frozen=True, slots=True)
class Answer:
    session_id: int
    position: int
    question_id: str
    question_hash: str
    competency: str
    started_at: datetime
    answered_at: datetime
    seconds_used: float
    time_limit_seconds: int
    text: str
    outcome: Outcome
    grade: Grade | None = None
    signals_hit: tuple[int, ...] = ()
    hints_used: int = 0
    id: int | None = None
    # A coding answer's last test run, as interview.coding's TestRun.to_dict()
    # made it: kept as plain JSON here, so the engine never runs code itself.
    test_run: dict[str, Any] | None = None

    @property
    def over_time(self) -> bool:
        return self.seconds_used > self.time_limit_seconds

    @property
    def awaiting_grade(self) -> bool:
        """Submitted and stored, the rubric not yet graded."""
        return self.outcome is Outcome.GRADED and self.grade is None

    def __post_init__(self) -> None:
        if self.grade is not None and self.outcome is not Outcome.GRADED:
            raise ValueError("skipped and timed-out answers have no grade")


@dataclass(frozen=True, slots=True)
class ReviewState:
    """Spaced-repetition state of one question for one profile (an fsrs Card)."""

    profile: str
    question_id: str
    due: datetime
    card: dict[str, Any] = field(default_factory=dict)
    reviews: int = 0
    last_grade: Grade | None = None
    last_review: datetime | None = None


@dataclass(frozen=True, slots=True)
class Draft:
    """The unfinished answer of one position, saved every few seconds so a
    resumed session continues with the same text, hints and time used."""

    session_id: int
    position: int
    text: str
    saved_at: datetime
    hints_shown: int = 0
    seconds_used: float = 0.0
