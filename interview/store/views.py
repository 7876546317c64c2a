"""Read models for history screens and reports: plain, immutable dataclasses.

The write side speaks the domain types of interview.practice.domain; these
are aggregates computed by queries, so they live with the queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from interview.practice.domain import Mode, ReviewState, SessionFilters, Status


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
class DueQuestion:
    """A review that is due, with what history says about its question."""

    review: ReviewState
    competency: str  # as recorded with its latest answer
    title: str  # as last shown
