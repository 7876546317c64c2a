"""Read models for history screens and reports: plain, immutable dataclasses.

The write side speaks the domain types of interview.practice.domain; these
are aggregates computed by queries, so they live with the queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from interview.practice.domain import Grade, Mode, Outcome, ReviewState, SessionFilters, Status

TREND_WINDOW = 5
RECENT = 2 * TREND_WINDOW  # graded answers kept per competency for the trend


@dataclass(frozen=True, slots=True)
class SessionSummary:
    """One row of the history list."""

    id: int
    profile: str
    mode: Mode
    status: Status
    filters: SessionFilters
    started_at: datetime
    finished_at: datetime | None
    planned: int  # questions in the session's plan
    budget_seconds: int  # the sum of the planned questions' time
    answered: int  # answers recorded, whatever their outcome
    graded: int
    average_grade: float | None  # over graded answers only
    seconds_used: float

    @property
    def description(self) -> str:
        """The plan, or what was asked for (`SessionFilters.describe`)."""
        return self.filters.describe()


@dataclass(frozen=True, slots=True)
class SessionQuery:
    """Which sessions a history list shows; None means any."""

    mode: Mode | None = None
    status: Status | None = None
    role: str | None = None
    level: str | None = None
    competency: str | None = None  # sessions with an answer filed under it
    since: datetime | None = None  # started at or after
    until: datetime | None = None  # started before


@dataclass(frozen=True, slots=True)
class CompetencyStats:
    """How one profile is doing in one competency."""

    competency: str
    answers: int
    graded: int
    average_grade: float | None
    # average of the last TREND_WINDOW graded answers minus the window before
    # (positive = improving); None until there is something to compare.
    trend: float | None
    last_answered_at: datetime | None


@dataclass(frozen=True, slots=True)
class AnswerRecord:
    """One recorded answer with what the reports need of its context: its
    session's mode and target, and its rubric as shown. Reports (trends,
    readiness, exports) are pure functions over these."""

    session_id: int
    mode: Mode
    role: str | None  # the session's target role (from its filters)
    level: str | None  # the session's target level
    question_id: str
    competency: str  # as filed: the competency the user chose, else the question's
    answered_at: datetime  # timezone-aware UTC
    outcome: Outcome
    grade: Grade | None
    seconds_used: float
    time_limit_seconds: int
    hints_used: int
    signals_hit: int  # rubric signals ticked
    signals_total: int  # rubric signals in the question as shown (0: no rubric)

    @property
    def over_time(self) -> bool:
        return self.seconds_used > self.time_limit_seconds


@dataclass(frozen=True, slots=True)
class QuestionPractice:
    """How often a profile has answered one question, and how it went last."""

    answers: int
    last_grade: Grade | None  # of the latest answer (None: not graded)
    last_answered_at: datetime | None


@dataclass(frozen=True, slots=True)
class DueQuestion:
    """A review that is due, with what history says about its question."""

    review: ReviewState
    competency: str  # as recorded with its latest answer
    title: str  # as last shown


def trend(recent: list[Any]) -> float | None:
    """Average of the last TREND_WINDOW grades minus the average of those before
    (`recent`: [ISO time, grade] pairs, oldest first)."""
    grades = [int(grade) for _when, grade in recent][-RECENT:]
    latest, before = grades[-TREND_WINDOW:], grades[:-TREND_WINDOW]
    if not latest or not before:
        return None
    return sum(latest) / len(latest) - sum(before) / len(before)


def weakest_first(stats: CompetencyStats) -> tuple[float, float, str]:
    """Sort key: lowest average first (no grade at all counts as the lowest),
    then the falling trend first."""
    average = stats.average_grade if stats.average_grade is not None else 0.0
    falling = stats.trend if stats.trend is not None else 0.0
    return (average, falling, stats.competency)


class HistoryReader(Protocol):
    """What the commands that only read history need (`history`, `due`,
    `stats`): Store on any database, QuickReader on a plain SQLite file."""

    def profiles(self) -> list[str]: ...

    def list_sessions(self, profile: str | None = None, limit: int = 100,
                      offset: int = 0, status: Status | None = None) -> list[SessionSummary]: ...

    def competency_stats(self, profile: str) -> list[CompetencyStats]: ...

    def due_questions(self, profile: str, now: datetime) -> list[DueQuestion]: ...

    def close(self) -> None: ...
