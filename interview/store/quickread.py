"""History reads over the stdlib sqlite3 driver, for commands that open no screen.

`interview history`, `due` and `stats` are budgeted at a fraction of
Textual's import time (DESIGN.md), and importing SQLAlchemy alone costs more
than that. So on a plain SQLite file already at the schema head these
commands read through sqlite3 directly; any other database, a file that does
not exist yet or one that needs migrating goes through Store, which creates
or migrates it. The queries mirror interview.store.history and share its row
converters (interview.store.convert); tests/store/test_quickread.py runs both
readers over the same histories and requires identical results.

Values come back as SQLAlchemy stored them on SQLite: JSON as text and
datetimes as naive UTC text ("2026-03-02 09:10:00.000000").
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from interview.practice.domain import Status
from interview.store import convert
from interview.store.errors import translate
from interview.store.location import (
    BUSY_TIMEOUT_MS,
    no_database_yet,
    plain_sqlite_file,
    read_only_here,
    read_uri,
)
from interview.store.revisions import head_revision
from interview.store.views import CompetencyStats, DueQuestion, SessionSummary, weakest_first

_JSON_COLUMNS = frozenset({"filters", "items", "recent", "card"})
_TIME_COLUMNS = frozenset({"started_at", "finished_at", "last_answered_at", "due",
                           "last_review"})
_STORED_TIME = "%Y-%m-%d %H:%M:%S.%f"  # SQLAlchemy's DateTime storage format on SQLite


def open_quick_reader(database: str | None = None) -> QuickReader | None:
    """A reader for the database `database` names (as Store.open would read it),
    or None when only Store can serve it (see the module docstring). A file
    that does not exist and cannot be made (a read-only INTERVIEW_HOME) has
    no history yet: NoHistory reads as an empty one."""
    path = plain_sqlite_file(database)
    if path is not None and no_database_yet(path):
        return NoHistory()
    if path is None or not path.is_file():
        return None
    # mode=rw: never create a file; read-write so WAL's shared memory works.
    # Where this process cannot write, read-only (location.read_uri).
    uri = read_uri(path) if read_only_here(path) else f"{path.resolve().as_uri()}?mode=rw"
    try:
        connection = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000,
                                     isolation_level=None,
                                     check_same_thread=False)  # QuickReader locks
    except sqlite3.Error:
        return None  # Store will say why it cannot be opened
    try:
        rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    except sqlite3.OperationalError as exc:
        connection.close()
        if "locked" in str(exc):
            raise translate(exc, f"sqlite:///{path}", str(path)) from exc
        return None
    except sqlite3.Error:
        connection.close()
        return None
    if [tuple(row) for row in rows] != [(head_revision(),)]:
        connection.close()
        return None
    connection.row_factory = _decoded_row
    return QuickReader(connection, path)


class QuickReader:
    """The HistoryReader methods over one sqlite3 connection; each call is one
    read transaction, so a page and its totals come from the same snapshot."""

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self._connection = connection
        self._path = path
        self._lock = threading.Lock()  # the app's workers share one Workspace

    def close(self) -> None:
        self._connection.close()

    def profiles(self) -> list[str]:
        with self._reading() as read:
            return [row.name for row in read("SELECT name FROM profiles ORDER BY name")]

    def list_sessions(self, profile: str | None = None, limit: int = 100,
                      offset: int = 0, status: Status | None = None) -> list[SessionSummary]:
        where: list[str] = []
        params: dict[str, object] = {"limit": limit, "offset": offset}
        with self._reading() as read:
            if profile is not None:
                profile_id = self._profile_id(read, profile)
                if profile_id is None:
                    return []
                where.append("s.profile_id = :profile_id")
                params["profile_id"] = profile_id
            if status is not None:
                where.append("s.status = :status")
                params["status"] = status.value
            rows = read(
                "SELECT s.id, s.mode, s.status, s.filters, s.items, s.started_at,"
                " s.finished_at, p.name AS profile"
                " FROM sessions s JOIN profiles p ON p.id = s.profile_id"
                + (" WHERE " + " AND ".join(where) if where else "")
                + " ORDER BY s.started_at DESC, s.id DESC LIMIT :limit OFFSET :offset",
                params)
            ids = [row.id for row in rows]
            totals = {row.session_id: row for row in read(
                "SELECT session_id, count(*) AS answered, count(grade) AS graded,"
                " avg(grade) AS average, coalesce(sum(seconds_used), 0.0) AS seconds"
                f" FROM answers WHERE session_id IN ({_marks(ids)}) GROUP BY session_id", ids)}
            unfinished = [row.id for row in rows if row.status == Status.IN_PROGRESS.value]
            drafted = {row.session_id: float(row.seconds or 0.0) for row in read(
                "SELECT session_id, sum(seconds_used) AS seconds FROM drafts"
                f" WHERE session_id IN ({_marks(unfinished)}) GROUP BY session_id", unfinished)}
        summaries = []
        for row in rows:
            total = totals.get(row.id)
            answered, graded, average, seconds = (
                (total.answered, total.graded, total.average, total.seconds)
                if total else (0, 0, None, 0.0))
            summaries.append(convert.session_summary(
                row, row.profile, answered, graded, average,
                float(seconds) + drafted.get(row.id, 0.0)))
        return summaries

    def competency_stats(self, profile: str) -> list[CompetencyStats]:
        with self._reading() as read:
            profile_id = self._profile_id(read, profile)
            if profile_id is None:
                return []
            rows = read("SELECT competency, answers, graded, grade_sum, last_answered_at, recent"
                        " FROM competency_totals WHERE profile_id = :profile_id",
                        {"profile_id": profile_id})
        return sorted((convert.competency_stats(row) for row in rows), key=weakest_first)

    def due_questions(self, profile: str, now: datetime) -> list[DueQuestion]:
        with self._reading() as read:
            profile_id = self._profile_id(read, profile)
            if profile_id is None:
                return []
            rows = read(
                "SELECT r.question_id, r.card, r.due, r.reviews, r.last_grade, r.last_review,"
                " a.competency, v.title"
                " FROM review_states r"
                " LEFT JOIN answers a ON a.id = (SELECT l.id FROM answers l"
                "   WHERE l.question_id = r.question_id"
                "   ORDER BY l.answered_at DESC, l.id DESC LIMIT 1)"
                " LEFT JOIN question_versions v ON v.id = a.question_version_id"
                " WHERE r.profile_id = :profile_id AND r.due <= :now"
                " ORDER BY r.due, r.question_id",
                {"profile_id": profile_id, "now": _stored_time(now)})
        return [DueQuestion(convert.review_state(row, profile), row.competency or "unknown",
                            row.title or "") for row in rows]

    # -- helpers --------------------------------------------------------------

    @contextmanager
    def _reading(self) -> Iterator[Any]:
        """One read transaction; `read(sql, params)` returns all rows. Driver
        errors become the StoreError Store would raise."""
        connection = self._connection

        def read(sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[Any]:
            return connection.execute(sql, params).fetchall()

        try:
            with self._lock:
                connection.execute("BEGIN")
                try:
                    yield read
                finally:
                    connection.execute("COMMIT")
        except sqlite3.Error as exc:
            raise translate(exc, f"sqlite:///{self._path}", str(self._path)) from exc

    @staticmethod
    def _profile_id(read: Any, name: str) -> int | None:
        rows = read("SELECT id FROM profiles WHERE name = :name", {"name": name})
        return int(rows[0].id) if rows else None


class NoHistory(QuickReader):
    """The reader of a database that does not exist yet: an empty history."""

    def __init__(self) -> None:  # no connection: there is nothing to read
        pass

    def close(self) -> None:
        pass

    def profiles(self) -> list[str]:
        return []

    def list_sessions(self, profile: str | None = None, limit: int = 100,
                      offset: int = 0, status: Status | None = None) -> list[SessionSummary]:
        return []

    def competency_stats(self, profile: str) -> list[CompetencyStats]:
        return []

    def due_questions(self, profile: str, now: datetime) -> list[DueQuestion]:
        return []


def _decoded_row(cursor: sqlite3.Cursor, values: tuple[Any, ...]) -> SimpleNamespace:
    """A row with attribute access and JSON and time columns decoded, as
    convert's functions expect of an ORM row."""
    row = SimpleNamespace()
    for (name, *_rest), value in zip(cursor.description, values, strict=True):
        try:
            if value is not None and name in _JSON_COLUMNS:
                value = json.loads(value)
            elif value is not None and name in _TIME_COLUMNS:
                value = datetime.fromisoformat(value).replace(tzinfo=UTC)
        except (ValueError, TypeError) as exc:
            # Never the value itself in the message: it is someone's answer, perhaps.
            raise sqlite3.DatabaseError(f"malformed value in column {name}") from exc
        setattr(row, name, value)
    return row


def _stored_time(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(tzinfo=None).strftime(_STORED_TIME)


def _marks(values: Sequence[object]) -> str:
    return ", ".join("?" * len(values)) or "NULL"
