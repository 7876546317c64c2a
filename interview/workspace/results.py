"""What the Workspace's reading methods return to the screens and commands
beyond the home screen: plans, a history page, answers as shown, trends,
readiness and reports.

Apart from the home screen's types (in the package itself), which load on
the way to the first frame, budgeted: each frozen dataclass costs its
definition at import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interview.bank.model import Plan
    from interview.bank.problems import Problem
    from interview.practice.domain import Answer, ShownQuestion
    from interview.reports.calibration import CompetencyCalibration
    from interview.reports.readiness import Readiness
    from interview.reports.trends import CompetencyTrend
    from interview.store.views import AnswerRecord, SessionSummary


@dataclass(frozen=True)
class PlanSet:
    plans: list[Plan]
    problems: list[Problem]


@dataclass(frozen=True)
class HistoryPage:
    sessions: tuple[SessionSummary, ...]
    offset: int  # of the first session on the page
    total: int  # sessions matching, counted up to HISTORY_COUNTED past the offset
    counted_all: bool = True  # False: there are more than `total`


@dataclass(frozen=True)
class AnswerShown:
    answer: Answer
    shown: ShownQuestion | None  # None only if the version was never stored


@dataclass(frozen=True)
class TrendsInfo:
    trends: list[CompetencyTrend]  # weakest first
    records: list[AnswerRecord]  # every answer, oldest first (the charts' dates)
    days: dict[date, int]  # answers per local day
    today: date
    streak: int  # consecutive practice days up to today
    calibration: list[CompetencyCalibration] = field(default_factory=list)  # self vs interviewer


@dataclass(frozen=True)
class ReadinessInfo:
    readiness: Readiness
    roles: list[str]  # what the target can be switched to
    levels: list[str]
    calibration: CompetencyCalibration | None = None  # every self-graded pair, if any
    interviewer_graded: int = 0  # answers whose evidence is an interviewer's grade


@dataclass(frozen=True)
class Report:
    text: str
    sessions: int
    answers: int
