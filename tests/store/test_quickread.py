"""The stdlib reader (interview.store.quickread) reads exactly what Store reads,
serves only the databases it can, and fails the way Store does."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview.practice.domain import (
    Draft,
    Grade,
    Mode,
    Outcome,
    PlannedQuestion,
    SessionFilters,
    Status,
)
from interview.store import migrate
from interview.store.db import make_engine, resolve
from interview.store.errors import StoreError
from interview.store.quickread import QuickReader, open_quick_reader
from interview.store.repository import Store
from interview.store.revisions import shipped_revisions
from tests.store.builders import T0, answer, opened, review, shown, start

# One answered question: its grade (None: skipped) and whether it comes due.
ANSWERS = st.lists(st.tuples(st.sampled_from([None, *Grade]), st.booleans()), max_size=4)
SESSIONS = st.lists(
    st.tuples(st.sampled_from(["alice", "bob"]), st.sampled_from(list(Status)), ANSWERS,
              st.sampled_from(["networking", "databases-data", "security"]),
              st.floats(min_value=0, max_value=900, allow_nan=False)),
    max_size=6)
PAGES = [(None, 100, 0, None), ("alice", 2, 0, None), ("alice", 2, 2, None),
         ("bob", 100, 0, Status.IN_PROGRESS), (None, 3, 1, Status.COMPLETED),
         ("nobody", 10, 0, None)]


def quick(path: Path) -> QuickReader:
    reader = open_quick_reader(f"sqlite:///{path}")
    assert reader is not None, "a database at head must be served by the quick reader"
    return reader


def seed(store: Store, sessions: list[tuple[str, Status, list[tuple[Grade | None, bool]],
                                            str, float]]) -> None:
    for index, (profile, status, answers, competency, drafted) in enumerate(sessions):
        at = T0 + timedelta(hours=index)
        ids = [f"{competency}-{index}-{n}" for n in range(len(answers) + 1)]
        session = start(store, ids, profile=profile, competency=competency, at=at,
                        mode=Mode.MOCK if index % 2 else Mode.PRACTICE,
                        filters=SessionFilters(competencies=(competency,), minutes=index))
        for position, (grade, comes_due) in enumerate(answers):
            due = at + (timedelta(days=1) if comes_due else timedelta(days=3650))
            store.record_answer(
                answer(session, position, grade,
                       outcome=None if grade is not None else Outcome.SKIPPED,
                       seconds=60.0 * (position + 1)),
                review(profile, ids[position], due, grade or Grade.NO))
        store.save_draft(Draft(session.id, len(answers), "half an answer",
                               at + timedelta(minutes=40), hints_shown=1, seconds_used=drafted))
        if status is not Status.IN_PROGRESS:
            store.finish_session(session.id, status, at + timedelta(minutes=50))


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sessions=SESSIONS)
def test_the_quick_reader_reads_what_store_reads(tmp_path_factory: pytest.TempPathFactory,
                                                 sessions: list) -> None:  # type: ignore[type-arg]
    path = tmp_path_factory.mktemp("quickread") / "interview.db"
    with opened(f"sqlite:///{path}") as store:
        seed(store, sessions)
        reader = quick(path)
        try:
            assert reader.profiles() == store.profiles()
            for profile, limit, offset, status in PAGES:
                assert (reader.list_sessions(profile, limit, offset, status)
                        == store.list_sessions(profile, limit, offset, status))
            for profile in ("alice", "bob", "nobody"):
                assert reader.competency_stats(profile) == store.competency_stats(profile)
                for now in (T0, T0 + timedelta(days=2), T0 + timedelta(days=4000)):
                    assert reader.due_questions(profile, now) == store.due_questions(profile,
                                                                                     now)
        finally:
            reader.close()


def test_a_trend_and_drafted_time_come_through(tmp_path: Path) -> None:
    # Guards the property test: a history with a trend, drafts and due reviews.
    path = tmp_path / "interview.db"
    grades = [Grade.NO] * 5 + [Grade.STRONG_YES] * 5
    with opened(f"sqlite:///{path}") as store:
        seed(store, [("alice", Status.IN_PROGRESS, [(g, True) for g in grades[:4]],
                      "security", 90.0),
                     ("alice", Status.COMPLETED, [(g, True) for g in grades[4:]],
                      "security", 0.0)])
    reader = quick(path)
    try:
        (stats,) = reader.competency_stats("alice")
        assert stats.trend == pytest.approx(int(Grade.STRONG_YES) - int(Grade.NO))
        newest, oldest = reader.list_sessions("alice")
        assert oldest.status is Status.IN_PROGRESS
        assert oldest.seconds_used == pytest.approx(60 + 120 + 180 + 240 + 90)
        assert newest.mode is Mode.MOCK and newest.answered == 6
        assert len(reader.due_questions("alice", T0 + timedelta(days=2))) == 10
    finally:
        reader.close()


def test_only_a_plain_file_at_head_is_served(tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    assert open_quick_reader(f"sqlite:///{missing}") is None
    assert not missing.exists(), "the quick reader must never create a database"
    older = tmp_path / "older.db"
    engine = make_engine(resolve(f"sqlite:///{older}"))
    try:
        migrate.upgrade(engine, resolve(f"sqlite:///{older}"), shipped_revisions()[-2])
    finally:
        engine.dispose()
    assert open_quick_reader(f"sqlite:///{older}") is None, "a database to migrate is Store's"
    current = tmp_path / "current.db"
    with opened(f"sqlite:///{current}"):
        pass
    assert open_quick_reader(f"sqlite:///{current}?timeout=1") is None
    assert open_quick_reader("postgresql+psycopg://someone@127.0.0.1/interview") is None
    not_ours = tmp_path / "notes.db"
    sqlite3.connect(not_ours).execute("CREATE TABLE notes (x)").connection.close()
    assert open_quick_reader(f"sqlite:///{not_ours}") is None


def test_a_locked_database_is_the_same_one_line(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "interview.db"
    with opened(f"sqlite:///{path}") as store:
        start(store)
    monkeypatch.setattr("interview.store.quickread.BUSY_TIMEOUT_MS", 50)
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        # WAL lets readers through anything but an exclusive locking mode.
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("UPDATE sessions SET status = status")
        with pytest.raises(StoreError, match=f"^the database {path} is locked by another"):
            open_quick_reader(f"sqlite:///{path}")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    reader = quick(path)
    assert [s.id for s in reader.list_sessions()] == [1], "the lock took nothing away"
    reader.close()


def test_history_on_the_default_database_imports_no_sqlalchemy(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    with opened(f"sqlite:///{home / 'interview.db'}") as store:
        start(store, profile="alice")
    env = {**os.environ, "INTERVIEW_HOME": str(home)}
    for command in (["history"], ["due", "--profile", "alice"], ["stats", "--profile", "alice"]):
        done = subprocess.run([sys.executable, "-X", "importtime", "-m", "interview", *command],
                              capture_output=True, text=True, env=env, timeout=60)
        assert done.returncode == 0, done.stderr[-2000:]
        imported = [line.rsplit("|", 1)[-1].strip() for line in done.stderr.splitlines()
                    if line.startswith("import time:")]
        assert "interview.store.quickread" in imported, command
        assert not [name for name in imported if name.startswith("sqlalchemy")], command


def test_due_now_is_compared_as_stored(tmp_path: Path) -> None:
    # A review due a microsecond from now is not due yet; one due now is.
    path = tmp_path / "interview.db"
    moment = datetime(2026, 3, 5, 9, 0, 0, 1, tzinfo=T0.tzinfo)
    with opened(f"sqlite:///{path}") as store:
        session = start(store, ["q1", "q2"])
        store.record_answer(answer(session, 0), review("alice", "q1", moment))
        store.record_answer(answer(session, 1), review("alice", "q2", moment
                                                       + timedelta(microseconds=1)))
    reader = quick(path)
    try:
        assert [q.review.question_id for q in reader.due_questions("alice", moment)] == ["q1"]
    finally:
        reader.close()


def test_due_names_each_question_as_its_latest_answer_did(tmp_path: Path) -> None:
    path = tmp_path / "interview.db"
    with opened(f"sqlite:///{path}") as store:
        first = start(store, ["q1"], competency="networking", at=T0)
        store.record_answer(answer(first, 0), review("alice", "q1", T0 + timedelta(days=1)))
        second = store.start_session(
            "alice", Mode.PRACTICE, SessionFilters(), [PlannedQuestion("q1", "security", 600)],
            [shown("q1", version=2)], T0 + timedelta(hours=2))
        store.record_answer(replace(answer(second, 0), question_hash=shown("q1", 2).content_hash),
                            review("alice", "q1", T0 + timedelta(days=1)))
        expected = store.due_questions("alice", T0 + timedelta(days=2))
    reader = quick(path)
    try:
        (due,) = reader.due_questions("alice", T0 + timedelta(days=2))
    finally:
        reader.close()
    assert (due.competency, due.title) == ("security", "q1 title v2")
    assert [due] == expected
