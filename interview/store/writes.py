"""Writes for the answer-commit hot path (budget: record_answer's p99 <=
1.3x a bare sqlite3 commit of the same rows, benchmarks/commit_bench.py):
Core statements built once and run on the DBAPI connection (direct.py), no
ORM unit of work, and one statement per row written when the rows exist.
Portable SQL only: UPDATE-then-INSERT instead of a dialect's upsert.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import (
    JSON,
    Integer,
    Table,
    and_,
    bindparam,
    case,
    delete,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError

from interview.practice.domain import Answer, ReviewState
from interview.store.coltypes import UTCDateTime
from interview.store.direct import DirectTransaction, Prepared
from interview.store.models import Base
from interview.store.views import RECENT

ANSWERS = Base.metadata.tables["answers"]
DRAFTS = Base.metadata.tables["drafts"]
REVIEW_STATES = Base.metadata.tables["review_states"]
TOTALS = Base.metadata.tables["competency_totals"]
SESSIONS = Base.metadata.tables["sessions"]


class Totals(NamedTuple):
    """What a (profile, competency) totals row held when this process last
    committed it: `answers` goes up by one with every change to the row, so it
    tells whether `recent` is still the stored one."""

    answers: int
    recent: list[Any]


def insert_answer(connection: DirectTransaction, answer: Answer, version_id: int) -> int:
    returning = connection.dialect.name != "sqlite"  # SQLite reports the rowid for free
    inserted = connection.execute(_INSERT_ANSWER if returning else _INSERT_ANSWER_NO_RETURNING, {
        "session_id": answer.session_id, "question_version_id": version_id,
        "question_id": answer.question_id, "competency": answer.competency,
        "position": answer.position, "started_at": answer.started_at,
        "answered_at": answer.answered_at, "seconds_used": float(answer.seconds_used),
        "time_limit_seconds": answer.time_limit_seconds, "text": answer.text,
        "signals_hit": [int(i) for i in answer.signals_hit], "hints_used": answer.hints_used,
        "grade": int(answer.grade) if answer.grade is not None else None,
        "outcome": answer.outcome.value, "test_run": answer.test_run,
    })
    key = inserted.scalar() if returning else inserted.lastrowid
    assert key is not None
    return int(key)


def grade_answer(connection: DirectTransaction, answer: Answer) -> int | None:
    """Grade the answer at (session, position) that awaits its grade; its id,
    or None if there is no such answer."""
    graded = connection.execute(_GRADE_ANSWER, {
        "k_session_id": answer.session_id, "k_position": answer.position,
        "v_grade": int(answer.grade) if answer.grade is not None else None,
        "v_signals_hit": [int(i) for i in answer.signals_hit],
    })
    if not graded.rowcount:
        return None
    found = connection.scalar(_ANSWER_ID, {"k_session_id": answer.session_id,
                                           "k_position": answer.position})
    return int(found)


def save_signals(connection: DirectTransaction, session_id: int, position: int,
                 signals: tuple[int, ...]) -> None:
    connection.execute(_SAVE_SIGNALS, {"k_session_id": session_id, "k_position": position,
                                       "v_signals_hit": [int(i) for i in signals]})


def upsert(connection: DirectTransaction, table: Table, key: dict[str, Any],
           values: dict[str, Any]) -> None:
    """UPDATE the row with `key`, or INSERT it. A concurrent first INSERT
    (possible on PostgreSQL) is caught in a savepoint and turned into an UPDATE."""
    statement = _update(table, tuple(key), tuple(values))
    params = {**_prefixed("k_", key), **_prefixed("v_", values)}
    if connection.execute(statement, params).rowcount:
        return
    try:
        with connection.savepoint():
            connection.execute(_insert(table), {**key, **values})
    except IntegrityError:
        connection.execute(statement, params)


def put_review(connection: DirectTransaction, profile_id: int, review: ReviewState) -> None:
    upsert(connection, REVIEW_STATES, {"profile_id": profile_id,
                                       "question_id": review.question_id}, {
        "card": dict(review.card), "due": review.due, "reviews": review.reviews,
        "last_grade": int(review.last_grade) if review.last_grade is not None else None,
        "last_review": review.last_review,
    })


def delete_draft(connection: DirectTransaction, session_id: int, position: int) -> None:
    connection.execute(_DELETE_DRAFT, {"k_session_id": session_id, "k_position": position})


def add_to_totals(connection: DirectTransaction, profile_id: int, answer: Answer,
                  seen: Totals | None = None) -> Totals:
    """Count the answer in its (profile, competency) totals, so per-competency
    stats never scan the answers table; what the row holds afterwards.

    With `seen` (the row as this process last committed it) it is one UPDATE
    that applies only if no one has changed the row since; otherwise, or if
    someone has, the row is read under lock first (or inserted)."""
    key = {"k_profile_id": profile_id, "k_competency": answer.competency}
    grade = int(answer.grade) if answer.grade is not None else None
    change = {"v_graded": int(grade is not None), "v_grade": grade or 0,
              "v_at": answer.answered_at}
    if seen is not None:
        recent = with_recent(seen.recent, answer.answered_at, grade)
        if connection.execute(_ADD_TO_SEEN_TOTALS, {
                **key, **change, "k_answers": seen.answers, "v_recent": recent}).rowcount:
            return Totals(seen.answers + 1, recent)
    row = connection.execute(_LOCK_TOTALS, key).first()
    if row is None:
        recent = with_recent([], answer.answered_at, grade)
        try:
            with connection.savepoint():
                connection.execute(_INSERT_TOTALS, {
                    "profile_id": profile_id, "competency": answer.competency, "answers": 1,
                    "graded": int(grade is not None), "grade_sum": grade or 0,
                    "last_answered_at": answer.answered_at, "recent": recent})
            return Totals(1, recent)
        except IntegrityError:  # a concurrent first answer in this competency won
            row = connection.execute(_LOCK_TOTALS, key).one()
    answers, stored_recent = row
    recent = with_recent(list(stored_recent or ()), answer.answered_at, grade)
    connection.execute(_ADD_TO_TOTALS, {**key, **change, "v_recent": recent})
    return Totals(answers + 1, recent)


def finish_session(connection: DirectTransaction, session_id: int, status: str,
                   finished_at: datetime) -> bool:
    """Set a session's status and end; False if there is no such session."""
    return bool(connection.execute(_FINISH_SESSION, {
        "k_id": session_id, "v_status": status, "v_finished_at": finished_at}).rowcount)


# Statements are built once with bound parameters: building them per call
# (coercion, cache keys) costs more than executing them.

def _key_clause(table: Table, names: tuple[str, ...]) -> Any:
    return and_(*(table.c[name] == bindparam(f"k_{name}") for name in names))


@cache
def _update(table: Table, key: tuple[str, ...], values: tuple[str, ...]) -> Prepared:
    return Prepared(update(table).where(_key_clause(table, key))
                    .values({name: bindparam(f"v_{name}") for name in values}))


@cache
def _insert(table: Table) -> Prepared:
    return Prepared(insert(table))


def _prefixed(prefix: str, values: dict[str, Any]) -> dict[str, Any]:
    return {f"{prefix}{name}": value for name, value in values.items()}


_INSERT_ANSWER = Prepared(insert(ANSWERS).returning(ANSWERS.c.id))
_INSERT_ANSWER_NO_RETURNING = Prepared(insert(ANSWERS))
_ANSWER_KEY = _key_clause(ANSWERS, ("session_id", "position"))
_AWAITING = and_(ANSWERS.c.outcome == "graded", ANSWERS.c.grade.is_(None))
_GRADE_ANSWER = Prepared(update(ANSWERS).where(_ANSWER_KEY, _AWAITING).values(
    grade=bindparam("v_grade", type_=Integer()),
    signals_hit=bindparam("v_signals_hit", type_=JSON())))
_SAVE_SIGNALS = Prepared(update(ANSWERS).where(_ANSWER_KEY, _AWAITING).values(
    signals_hit=bindparam("v_signals_hit", type_=JSON())))
_ANSWER_ID = Prepared(select(ANSWERS.c.id).where(_ANSWER_KEY))
_DELETE_DRAFT = Prepared(delete(DRAFTS).where(_key_clause(DRAFTS, ("session_id", "position"))))
_TOTALS_KEY = _key_clause(TOTALS, ("profile_id", "competency"))
_LOCK_TOTALS = Prepared(select(TOTALS.c.answers, TOTALS.c.recent).where(_TOTALS_KEY)
                        .with_for_update())
_INSERT_TOTALS = _insert(TOTALS)
_AT = bindparam("v_at", type_=UTCDateTime())
_ADD_TO_TOTALS_STATEMENT = update(TOTALS).where(_TOTALS_KEY).values(
    answers=TOTALS.c.answers + 1,
    graded=TOTALS.c.graded + bindparam("v_graded", type_=Integer()),
    grade_sum=TOTALS.c.grade_sum + bindparam("v_grade", type_=Integer()),
    last_answered_at=case((TOTALS.c.last_answered_at < _AT, _AT),
                          else_=TOTALS.c.last_answered_at),
    recent=bindparam("v_recent", type_=JSON()),
)
_ADD_TO_TOTALS = Prepared(_ADD_TO_TOTALS_STATEMENT)
# The row as this process last left it, else no row (`Totals`).
_ADD_TO_SEEN_TOTALS = Prepared(_ADD_TO_TOTALS_STATEMENT.where(
    TOTALS.c.answers == bindparam("k_answers", type_=Integer())))
_FINISH_SESSION = _update(SESSIONS, ("id",), ("status", "finished_at"))


def with_recent(recent: list[Any], answered_at: datetime,
                grade: int | None) -> list[Any]:
    """The last RECENT graded answers as [ISO time, grade] pairs, oldest first."""
    if grade is None:
        return recent
    entry = [answered_at.astimezone(UTC).isoformat(), grade]
    moment = answered_at.timestamp()
    index = len(recent)
    while index and datetime.fromisoformat(recent[index - 1][0]).timestamp() > moment:
        index -= 1
    return [*recent[:index], entry, *recent[index:]][-RECENT:]
