"""Migrations: real history from 0001, backups on SQLite, refusing newer schemas."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from interview.practice.domain import Grade, Outcome, Status
from interview.store import migrate, revisions
from interview.store.db import make_engine, resolve
from interview.store.errors import StoreError
from interview.store.models import Base
from interview.store.repository import open_store
from tests.store.builders import T0, opened, start


def _engine(url: str):  # type: ignore[no-untyped-def]
    return make_engine(resolve(url))


def test_a_new_database_is_created_at_head_without_a_backup(database_url: str,
                                                              tmp_path: Path) -> None:
    with opened(database_url) as store, store._engine.connect() as conn:
        assert migrate.current_revision(conn) == revisions.head_revision()
    assert not list(tmp_path.glob("*.backup-*"))


def test_the_models_match_the_migrated_schema(database_url: str) -> None:
    with opened(database_url) as store, store._engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert differences == []


def test_upgrading_from_0001_keeps_every_row(database_url: str, tmp_path: Path) -> None:
    engine = _engine(database_url)
    migrate.upgrade(engine, resolve(database_url), target="0001")
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SET LOCAL TIME ZONE 'UTC'"))  # the literals below are UTC
        conn.execute(text("INSERT INTO profiles (id, name, created_at) "
                          "VALUES (1, 'alice', '2026-01-05 09:00:00')"))
        conn.execute(text(
            "INSERT INTO question_versions (id, question_id, content_hash, title, content) "
            "VALUES (1, 'q1', 'h1', 'Old title', '{\"rubric\": {\"signals\": [\"s\"]}}')"))
        conn.execute(text(
            "INSERT INTO sessions (id, profile_id, mode, status, filters, items, started_at) "
            "VALUES (1, 1, 'practice', 'completed', '{\"role\": \"systems-developer\"}', "
            "'[{\"question_id\": \"q1\", \"competency\": \"networking\", \"seconds\": 600}]', "
            "'2026-01-05 09:00:00')"))
        conn.execute(text(
            "INSERT INTO answers (id, session_id, question_version_id, question_id, competency, "
            "position, started_at, answered_at, seconds_used, time_limit_seconds, text, "
            "signals_hit, hints_used, grade, outcome) VALUES (1, 1, 1, 'q1', 'networking', 0, "
            "'2026-01-05 09:00:00', '2026-01-05 09:10:00', 600.0, 600, 'kept text', '[0]', 0, "
            "3, 'graded')"))
        conn.execute(text(
            "INSERT INTO review_states (profile_id, question_id, card, due, reviews, last_grade, "
            "last_review) VALUES (1, 'q1', '{}', '2026-01-08 09:00:00', 1, 3, "
            "'2026-01-05 09:10:00')"))
    engine.dispose()

    with opened(database_url) as store:
        session = store.get_session(1)
        assert session is not None and session.status is Status.COMPLETED
        assert session.filters.role == "systems-developer"
        (old,) = store.answers(1)
        assert (old.text, old.grade, old.outcome) == ("kept text", Grade.YES, Outcome.GRADED)
        assert old.answered_at == T0.replace(month=1, day=5, minute=10)
        assert store.shown_question("q1", "h1") is not None
        assert list(store.review_states("alice")) == ["q1"]
        assert store.drafts(1) == {}  # the 0002 table exists and works
        (totals,) = store.competency_stats("alice")  # 0003 backfilled the totals
        assert (totals.competency, totals.answers, totals.graded) == ("networking", 1, 1)
        assert totals.average_grade == 3.0 and totals.last_answered_at == old.answered_at
        with store._engine.begin() as conn:  # 0005: an answer may await its grade
            conn.execute(text("UPDATE answers SET grade = NULL WHERE id = 1"))
        assert store.answers(1)[0].awaiting_grade
        with store._engine.connect() as conn:  # 0006: the target copied out of the filters
            targets = conn.execute(text("SELECT role, level FROM sessions")).all()
            assert [tuple(row) for row in targets] == [("systems-developer", None)]
            assert migrate.current_revision(conn) == revisions.head_revision()

    if "sqlite" in database_url:
        (backup,) = tmp_path.glob("interview.db.backup-0001-*")
        copy = sqlite3.connect(backup)
        try:
            assert copy.execute("SELECT version_num FROM alembic_version").fetchall() == [
                ("0001",)]
            assert copy.execute("SELECT text FROM answers").fetchall() == [("kept text",)]
        finally:
            copy.close()


def test_a_database_from_a_newer_version_is_refused_and_untouched(database_url: str,
                                                                  tmp_path: Path) -> None:
    with opened(database_url) as store:
        start(store)
        with store._engine.begin() as conn:
            conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    path = tmp_path / "interview.db"
    before = _digest(path) if "sqlite" in database_url else None

    with pytest.raises(StoreError, match=r"newer version of interview.*9999_from_the_future"):
        open_store(database_url)

    if before is not None:
        assert _digest(path) == before
        assert not list(tmp_path.glob("*.backup-*"))


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_newer_sqlite_file_in_rollback_journal_mode_is_not_switched_to_wal(
        tmp_path: Path) -> None:
    path = tmp_path / "interview.db"
    with opened(f"sqlite:///{path}") as store:
        start(store)
    raw = sqlite3.connect(path, isolation_level=None)
    try:
        raw.execute("PRAGMA journal_mode = DELETE")
        raw.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    finally:
        raw.close()
    before = _digest(path)

    with pytest.raises(StoreError, match="newer version of interview"):
        open_store(f"sqlite:///{path}")

    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["interview.db"]


def test_the_shipped_revisions_are_the_ones_alembic_finds() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(migrate.alembic_config())
    alembic_order = [r.revision for r in reversed(list(script.walk_revisions()))]
    assert list(revisions.shipped_revisions()) == alembic_order
    assert revisions.head_revision() == script.get_current_head()


def test_a_database_at_head_opens_without_importing_alembic(tmp_path: Path) -> None:
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'at-head.db'}"
    opened(url).__enter__().close()  # created and migrated to head
    probe = ("import sys; from interview.store.repository import open_store; "
             f"open_store({url!r}).close(); print('alembic' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=60, check=True)
    assert done.stdout.strip() == "False", done.stderr


def test_four_processes_migrating_one_new_database_at_once_all_succeed(
        database_url: str) -> None:
    # A team's first morning: several people start the app on the new shared
    # database together; one migrates, the others wait for it and carry on.
    import subprocess
    import sys

    opener = ("import sys; from interview.store.repository import open_store; "
              "open_store(sys.argv[1]).close()")
    processes = [subprocess.Popen([sys.executable, "-c", opener, database_url],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(4)]
    results = [(p.wait(timeout=120), p.stderr.read() if p.stderr else "") for p in processes]
    assert [code for code, _ in results] == [0, 0, 0, 0], results
    with opened(database_url) as store:
        assert store.scorecards.candidates() == []  # at head: the newest tables exist
