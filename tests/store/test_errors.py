"""Storage failures surface as one-line StoreErrors naming the database."""

from __future__ import annotations

import sqlite3
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest

from interview.practice.domain import Draft
from interview.store.db import resolve
from interview.store.errors import StoreError
from interview.store.repository import open_store
from tests.store.builders import T0, answer, opened, start


def _sqlite_url(tmp_path: Path, query: str = "") -> str:
    return f"sqlite:///{tmp_path / 'interview.db'}{query}"


def test_a_locked_sqlite_database_fails_writes_quickly_but_still_reads(tmp_path: Path) -> None:
    with opened(_sqlite_url(tmp_path), busy_timeout_ms=100) as store:
        session = start(store)
        other = sqlite3.connect(tmp_path / "interview.db", isolation_level=None)
        other.execute("BEGIN EXCLUSIVE")
        try:
            began = time.monotonic()
            with pytest.raises(StoreError, match=r"interview\.db is locked by another process"):
                store.record_answer(answer(session, 0), None)
            with pytest.raises(StoreError, match="locked"):
                store.save_draft(Draft(session.id, 0, "text", T0))
            assert time.monotonic() - began < 2
            # WAL: readers are not blocked by a writer, so history stays usable.
            assert [s.id for s in store.list_sessions()] == [session.id]
        finally:
            other.execute("ROLLBACK")
            other.close()
        store.record_answer(answer(session, 0), None)  # nothing was lost or half-written
        assert len(store.answers(session.id)) == 1


def test_the_busy_timeout_can_come_from_the_url(tmp_path: Path) -> None:
    with opened(_sqlite_url(tmp_path, "?timeout=0.05")) as store:
        session = start(store)
        with store._engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 50
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert session.id == 1


def test_the_default_database_lives_in_the_interview_home(interview_home: Path) -> None:
    with opened(None) as store:  # type: ignore[arg-type]
        assert store.database.sqlite_path == interview_home / "interview.db"
    assert (interview_home / "interview.db").is_file()


def test_an_unreachable_server_names_the_url_without_its_password() -> None:
    url = "postgresql+psycopg://someone:s3cret@127.0.0.1:1/nowhere"
    with pytest.raises(StoreError) as caught:
        open_store(url)
    message = str(caught.value)
    assert message.startswith("cannot connect to the database at "
                              "postgresql+psycopg://someone:***@127.0.0.1:1/nowhere: ")
    assert "s3cret" not in message and "\n" not in message


def test_a_missing_postgres_driver_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(StoreError, match=r"install interview\[postgres\]"):
        open_store("postgresql+psycopg://someone@127.0.0.1/db")


@pytest.mark.parametrize(("url", "expected"), [
    ("not a url", "not a database URL"),
    ("sqlite:////no/such/directory/interview.db", "directory /no/such/directory does not exist"),
    ("nosuchdb://host/x", "unsupported database URL"),
])
def test_bad_urls(url: str, expected: str) -> None:
    with pytest.raises(StoreError, match=expected):
        open_store(url)


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    (tmp_path / "interview.db").write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match=r"not a valid database: .*interview\.db; no backup"):
        open_store(_sqlite_url(tmp_path))


def test_resolve_prefers_the_explicit_url(monkeypatch: pytest.MonkeyPatch,
                                          tmp_path: Path) -> None:
    monkeypatch.setenv("INTERVIEW_DATABASE_URL", _sqlite_url(tmp_path))
    assert resolve().sqlite_path == tmp_path / "interview.db"
    assert resolve(f"sqlite:///{tmp_path / 'x.db'}").sqlite_path == tmp_path / "x.db"


def test_time_is_utc_on_the_way_out_even_for_reads(tmp_path: Path) -> None:
    with opened(_sqlite_url(tmp_path)) as store:
        session = start(store, at=T0 + timedelta(minutes=1))
        assert store.list_sessions()[0].started_at == session.started_at
