"""History queries: the session list, per-competency stats and due reviews.

Each function runs inside a session the caller owns and returns read models
(interview.store.views). They are written to stay fast with a million
answers: page the sessions first and aggregate only their answers; read
per-competency figures from running totals; one index seek per due question.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import aliased

from interview.practice.domain import (
    Answer,
    Grade,
    Mode,
    Outcome,
    ReviewState,
    SessionFilters,
    Status,
)
from interview.store import convert
from interview.store.models import (
    AnswerRow,
    CompetencyTotalRow,
    DraftRow,
    ProfileRow,
    QuestionVersionRow,
    ReviewStateRow,
    SessionRow,
)
from interview.store.views import (
    AnswerRecord,
    CompetencyStats,
    DueQuestion,
    QuestionPractice,
    SessionQuery,
    SessionSummary,
    weakest_first,
)


def list_sessions(orm: OrmSession, profile_id: int | None, limit: int,
                  offset: int, where: SessionQuery) -> list[SessionSummary]:
    page = (
        select(SessionRow, ProfileRow.name)
        .join(ProfileRow, ProfileRow.id == SessionRow.profile_id)
        .where(*_conditions(profile_id, where))
        .order_by(SessionRow.started_at.desc(), SessionRow.id.desc())
        .limit(limit)
        .offset(offset)
    )
    rows = orm.execute(page).all()
    ids = [row.id for row, _name in rows]
    totals = _answer_totals(orm, ids)
    drafted = _draft_seconds(orm, [row.id for row, _name in rows
                                   if row.status == Status.IN_PROGRESS.value])
    summaries = []
    for row, name in rows:
        totals_row = totals.get(row.id)
        answered, graded, average, seconds = (
            (totals_row.answered, totals_row.graded, totals_row.average, totals_row.seconds)
            if totals_row else (0, 0, None, 0.0))
        summaries.append(convert.session_summary(row, name, answered, graded, average,
                                                 float(seconds) + drafted.get(row.id, 0.0)))
    return summaries


def count_sessions(orm: OrmSession, profile_id: int | None, where: SessionQuery,
                   cap: int | None = None) -> int:
    """How many sessions match, counting no further than `cap` (a count of a
    filter that probes answers per session costs ~0.3 s at 100,000 sessions)."""
    matching = select(SessionRow.id).where(*_conditions(profile_id, where))
    if cap is not None:
        matching = matching.limit(cap)
    return int(orm.scalar(select(func.count()).select_from(matching.subquery())) or 0)


def _conditions(profile_id: int | None, where: SessionQuery) -> list[ColumnElement[bool]]:
    """WHERE terms for the sessions `where` asks for; each has an index to use
    (profile, mode and start time; an answer's session and competency)."""
    terms: list[ColumnElement[bool]] = []
    if profile_id is not None:
        terms.append(SessionRow.profile_id == profile_id)
    if where.mode is not None:
        terms.append(SessionRow.mode == where.mode.value)
    if where.status is not None:
        terms.append(SessionRow.status == where.status.value)
    if where.role is not None:
        terms.append(SessionRow.role == where.role)
    if where.level is not None:
        terms.append(SessionRow.level == where.level)
    if where.since is not None:
        terms.append(SessionRow.started_at >= where.since)
    if where.until is not None:
        terms.append(SessionRow.started_at < where.until)
    if where.competency is not None:
        terms.append(select(AnswerRow.id).where(AnswerRow.session_id == SessionRow.id,
                                                AnswerRow.competency == where.competency)
                     .exists())
    return terms


def _draft_seconds(orm: OrmSession, session_ids: Sequence[int]) -> dict[int, float]:
    """Time spent on questions not yet answered, as their last autosave recorded it."""
    if not session_ids:
        return {}
    query = (select(DraftRow.session_id, func.sum(DraftRow.seconds_used))
             .where(DraftRow.session_id.in_(session_ids))
             .group_by(DraftRow.session_id))
    return {session_id: float(seconds or 0.0) for session_id, seconds in orm.execute(query)}


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


def competency_stats(orm: OrmSession, profile_id: int) -> list[CompetencyStats]:
    """Per competency: answers, average grade, trend; weakest first.

    Read from the running totals record_answer keeps, so the cost does not grow
    with history. Weakest = lowest average grade; a competency with answers but
    no grade (all skipped or timed out) counts as weakest of all. Ties: the
    falling trend first.
    """
    rows = orm.scalars(select(CompetencyTotalRow)
                       .where(CompetencyTotalRow.profile_id == profile_id))
    return sorted((convert.competency_stats(row) for row in rows), key=weakest_first)


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
    """Due reviews with the competency and title of each question's latest
    answer: one (question_id, answered_at) index seek per due question."""
    latest = aliased(AnswerRow)
    latest_id = (
        select(latest.id)
        .where(latest.question_id == ReviewStateRow.question_id)
        .order_by(latest.answered_at.desc(), latest.id.desc())
        .limit(1)
        .correlate(ReviewStateRow)
        .scalar_subquery()
    )
    query = (
        select(ReviewStateRow, AnswerRow.competency, QuestionVersionRow.title)
        .select_from(ReviewStateRow)
        .outerjoin(AnswerRow, AnswerRow.id == latest_id)
        .outerjoin(QuestionVersionRow, QuestionVersionRow.id == AnswerRow.question_version_id)
        .where(ReviewStateRow.profile_id == profile_id, ReviewStateRow.due <= now)
        .order_by(ReviewStateRow.due, ReviewStateRow.question_id)
    )
    return [DueQuestion(convert.review_state(row, profile), competency or "unknown", title or "")
            for row, competency, title in orm.execute(query)]



def answer_records(orm: OrmSession, profile_id: int,
                   since: datetime | None = None) -> list[AnswerRecord]:
    """Every answer of the profile (answered at or after `since`), oldest first.
    Each question version's rubric is read once, however often it was answered."""
    query = (
        select(AnswerRow, SessionRow.mode, SessionRow.filters)
        .join(SessionRow, SessionRow.id == AnswerRow.session_id)
        .where(SessionRow.profile_id == profile_id)
        .order_by(AnswerRow.answered_at, AnswerRow.id)
    )
    if since is not None:
        query = query.where(AnswerRow.answered_at >= since)
    rows = orm.execute(query).all()
    version_ids = {row.question_version_id for row, _mode, _filters in rows}
    signals = {version_id: _signal_count(content) for version_id, content in orm.execute(
        select(QuestionVersionRow.id, QuestionVersionRow.content)
        .where(QuestionVersionRow.id.in_(version_ids)))} if version_ids else {}
    return [convert.answer_record(row, Mode(mode), SessionFilters.from_dict(filters or {}),
                                  signals.get(row.question_version_id, 0))
            for row, mode, filters in rows]


def _signal_count(content: Any) -> int:
    rubric = content.get("rubric") if isinstance(content, dict) else None
    found = rubric.get("signals") if isinstance(rubric, dict) else None
    return len(found) if isinstance(found, list) else 0


SESSIONS_PER_QUERY = 500  # ids per IN list: well inside every backend's parameter limit


def answers_by_session(orm: OrmSession, session_ids: Sequence[int]) -> dict[int, list[Answer]]:
    """The answers of many sessions at once, each session's in position order:
    `Store.answers` for a page of sessions in one query per 500 of them.
    Plain columns, read by position: no ORM objects for what may be 10,000 rows."""
    wanted = sorted(set(session_ids))
    found: dict[int, list[Answer]] = {session_id: [] for session_id in wanted}
    outcomes = {outcome.value: outcome for outcome in Outcome}
    for first in range(0, len(wanted), SESSIONS_PER_QUERY):
        query = (
            select(AnswerRow.id, AnswerRow.session_id, AnswerRow.position, AnswerRow.question_id,
                   QuestionVersionRow.content_hash, AnswerRow.competency, AnswerRow.started_at,
                   AnswerRow.answered_at, AnswerRow.seconds_used, AnswerRow.time_limit_seconds,
                   AnswerRow.text, AnswerRow.outcome, AnswerRow.grade, AnswerRow.signals_hit,
                   AnswerRow.hints_used, AnswerRow.test_run)
            .join(QuestionVersionRow, QuestionVersionRow.id == AnswerRow.question_version_id)
            .where(AnswerRow.session_id.in_(wanted[first:first + SESSIONS_PER_QUERY]))
            .order_by(AnswerRow.session_id, AnswerRow.position)
        )
        for (answer_id, session_id, position, question_id, content_hash, competency, started_at,
             answered_at, seconds_used, limit, text, outcome, grade, signals_hit,
             hints_used, test_run) in orm.connection().execute(query):
            found[session_id].append(Answer(
                session_id=session_id, position=position, question_id=question_id,
                question_hash=content_hash, competency=competency, started_at=started_at,
                answered_at=answered_at, seconds_used=float(seconds_used),
                time_limit_seconds=limit, text=text, outcome=outcomes[outcome],
                grade=Grade(grade) if grade is not None else None,
                signals_hit=tuple(int(i) for i in signals_hit or ()), hints_used=hints_used,
                id=answer_id, test_run=test_run))
    return found


def question_practice(orm: OrmSession, profile_id: int, question_id: str) -> QuestionPractice:
    """The profile's answers to one question: an index range on (question_id,
    answered_at), newest first, filtered to the profile's sessions."""
    rows = orm.execute(
        select(AnswerRow.grade, AnswerRow.answered_at)
        .join(SessionRow, SessionRow.id == AnswerRow.session_id)
        .where(AnswerRow.question_id == question_id, SessionRow.profile_id == profile_id)
        .order_by(AnswerRow.answered_at.desc(), AnswerRow.id.desc())
    ).all()
    if not rows:
        return QuestionPractice(0, None, None)
    grade, answered_at = rows[0]
    return QuestionPractice(len(rows), Grade(grade) if grade is not None else None, answered_at)
