"""History queries: the session list, per-competency stats and due reviews.

Each function runs inside a session the caller owns and returns read models
(interview.store.views). They are written to stay fast with a million
answers: page the sessions first and aggregate only their answers; walk the
(competency, answered_at) index backwards for trends.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session as OrmSession

from interview.practice.domain import Mode, PlannedQuestion, ReviewState, SessionFilters, Status
from interview.store import convert
from interview.store.models import (
    AnswerRow,
    ProfileRow,
    QuestionVersionRow,
    ReviewStateRow,
    SessionRow,
)
from interview.store.views import CompetencyStats, DueQuestion, SessionSummary

TREND_WINDOW = 5
_CHUNK = 500  # bound the size of IN (...) lists


def list_sessions(orm: OrmSession, profile_id: int | None, limit: int,
                  offset: int) -> list[SessionSummary]:
    page = (
        select(SessionRow, ProfileRow.name)
        .join(ProfileRow, ProfileRow.id == SessionRow.profile_id)
        .order_by(SessionRow.started_at.desc(), SessionRow.id.desc())
        .limit(limit)
        .offset(offset)
    )
    if profile_id is not None:
        page = page.where(SessionRow.profile_id == profile_id)
    rows = orm.execute(page).all()
    totals = _answer_totals(orm, [row.id for row, _name in rows])
    return [_summary(row, name, totals.get(row.id)) for row, name in rows]


def _answer_totals(orm: OrmSession, session_ids: Sequence[int]) -> dict[int, Any]:
    if not session_ids:
        return {}
    query = (
        select(
            AnswerRow.session_id,
            func.count().label("answered"),
            func.count(AnswerRow.grade).label("graded"),
            func.avg(AnswerRow.grade).label("average"),
            func.coalesce(func.sum(AnswerRow.seconds_used), 0.0).label("seconds"),
        )
        .where(AnswerRow.session_id.in_(session_ids))
        .group_by(AnswerRow.session_id)
    )
    return {row.session_id: row for row in orm.execute(query)}


def _summary(row: SessionRow, profile: str, totals: Any) -> SessionSummary:
    items = [PlannedQuestion.from_dict(item) for item in row.items or ()]
    return SessionSummary(
        id=row.id,
        profile=profile,
        mode=Mode(row.mode),
        status=Status(row.status),
        filters=SessionFilters.from_dict(row.filters or {}),
        started_at=row.started_at,
        finished_at=row.finished_at,
        planned=len(items),
        budget_seconds=sum(item.seconds for item in items),
        answered=int(totals.answered) if totals else 0,
        graded=int(totals.graded) if totals else 0,
        average_grade=_float(totals.average) if totals else None,
        seconds_used=float(totals.seconds) if totals else 0.0,
    )


def competency_stats(orm: OrmSession, profile_id: int) -> list[CompetencyStats]:
    """Per competency: answers, average grade, trend; weakest first.

    Weakest = lowest average grade; a competency with answers but no grade
    (all skipped or timed out) counts as weakest of all. Ties: falling trend first.
    """
    query = (
        select(
            AnswerRow.competency,
            func.count().label("answers"),
            func.count(AnswerRow.grade).label("graded"),
            func.avg(AnswerRow.grade).label("average"),
            func.max(AnswerRow.answered_at).label("last"),
        )
        .join(SessionRow, SessionRow.id == AnswerRow.session_id)
        .where(SessionRow.profile_id == profile_id)
        .group_by(AnswerRow.competency)
    )
    stats = [
        CompetencyStats(
            competency=row.competency,
            answers=int(row.answers),
            graded=int(row.graded),
            average_grade=_float(row.average),
            trend=_trend(orm, profile_id, row.competency) if row.graded > TREND_WINDOW else None,
            last_answered_at=row.last,
        )
        for row in orm.execute(query)
    ]
    return sorted(stats, key=_weakest_first)


def _weakest_first(stats: CompetencyStats) -> tuple[float, float, str]:
    average = stats.average_grade if stats.average_grade is not None else 0.0
    trend = stats.trend if stats.trend is not None else 0.0
    return (average, trend, stats.competency)


def _trend(orm: OrmSession, profile_id: int, competency: str) -> float | None:
    recent = (
        select(AnswerRow.grade)
        .join(SessionRow, SessionRow.id == AnswerRow.session_id)
        .where(
            AnswerRow.competency == competency,
            SessionRow.profile_id == profile_id,
            AnswerRow.grade.is_not(None),
        )
        .order_by(AnswerRow.answered_at.desc(), AnswerRow.id.desc())
        .limit(2 * TREND_WINDOW)
    )
    grades = [int(grade) for grade in orm.scalars(recent) if grade is not None]
    latest, before = grades[:TREND_WINDOW], grades[TREND_WINDOW:]
    if not latest or not before:
        return None
    return sum(latest) / len(latest) - sum(before) / len(before)


def due_reviews(orm: OrmSession, profile_id: int, profile: str,
                now: datetime) -> list[ReviewState]:
    query = (
        select(ReviewStateRow)
        .where(ReviewStateRow.profile_id == profile_id, ReviewStateRow.due <= now)
        .order_by(ReviewStateRow.due, ReviewStateRow.question_id)
    )
    return [convert.review_state(row, profile) for row in orm.scalars(query)]


def due_questions(orm: OrmSession, profile_id: int, profile: str,
                  now: datetime) -> list[DueQuestion]:
    reviews = due_reviews(orm, profile_id, profile, now)
    latest: dict[str, tuple[datetime, str, str]] = {}
    for ids in _chunks([review.question_id for review in reviews]):
        query = (
            select(AnswerRow.question_id, AnswerRow.answered_at, AnswerRow.competency,
                   QuestionVersionRow.title)
            .join(SessionRow, SessionRow.id == AnswerRow.session_id)
            .join(QuestionVersionRow, QuestionVersionRow.id == AnswerRow.question_version_id)
            .where(SessionRow.profile_id == profile_id, AnswerRow.question_id.in_(ids))
        )
        for question_id, answered_at, competency, title in orm.execute(query):
            seen = latest.get(question_id)
            if seen is None or answered_at > seen[0]:
                latest[question_id] = (answered_at, competency, title)
    return [
        DueQuestion(review, *latest.get(review.question_id, (None, "unknown", ""))[1:])
        for review in reviews
    ]


def _chunks(values: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start:start + _CHUNK]


def _float(value: Any) -> float | None:
    return None if value is None else float(value)
