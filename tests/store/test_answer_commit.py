"""record_answer's hot path (interview.store.writes): one statement per row it
writes, in one transaction, with competency totals that stay right when
another process writes the same row or a transaction rolls back."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from interview.practice.domain import Draft, Grade, Outcome, Status
from interview.store.errors import StoreError
from interview.store.repository import Store
from interview.store.views import RECENT
from interview.store.writes import TOTALS
from tests.store.builders import COMPETENCY, T0, answer, opened, review, start


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    with opened(database_url) as opened_store:
        yield opened_store


@contextmanager
def statements(caplog: pytest.LogCaptureFixture) -> Iterator[list[str]]:
    """The SQL the hot path sends while the block runs (its DEBUG log), first
    words only."""
    sent: list[str] = []
    with caplog.at_level(logging.DEBUG, logger="interview.store.direct"):
        caplog.clear()
        yield sent
        sent.extend(" ".join(r.getMessage().split()[:3]) for r in caplog.records
                    if r.name == "interview.store.direct")


def stored_recent(store: Store) -> list[Any]:
    """The one totals row's `recent`, as stored."""
    with store._engine.connect() as conn:
        return list(conn.execute(select(TOTALS.c.recent)
                                 .where(TOTALS.c.competency == COMPETENCY)).scalar_one())


def expected_recent(store: Store, session_ids: list[int]) -> list[Any]:
    """The last RECENT graded answers as the totals keep them, from the answers."""
    graded = sorted((a.answered_at, int(a.grade)) for sid in session_ids
                    for a in store.answers(sid) if a.grade is not None)
    return [[at.astimezone(UTC).isoformat(), grade] for at, grade in graded][-RECENT:]


def test_an_answer_takes_one_statement_per_row_and_reads_nothing(
        store: Store, caplog: pytest.LogCaptureFixture) -> None:
    # The session's versions and profile are known from start_session, and the
    # competency's totals from the answers before.
    session = start(store)
    store.record_answer(answer(session, 0), review("alice", "q1", T0))
    store.record_answer(answer(session, 1), review("alice", "q2", T0))
    store.save_draft(Draft(session.id, 2, "typing", T0))

    with statements(caplog) as sent:
        store.record_answer(answer(session, 2, Grade.STRONG_YES), review("alice", "q2", T0))

    writes = [s for s in sent if not s.startswith(("BEGIN", "SAVEPOINT", "RELEASE"))]
    assert writes == [
        "INSERT INTO answers", "UPDATE competency_totals SET", "UPDATE review_states SET",
        "DELETE FROM drafts"]
    if store.database.is_sqlite:  # the writer takes the write lock up front
        assert sent[0] == "BEGIN IMMEDIATE"
    assert store.drafts(session.id) == {}
    [stats] = store.competency_stats("alice")
    assert (stats.answers, stats.graded) == (3, 3)
    assert stats.average_grade == pytest.approx(10 / 3)


def test_totals_stay_right_when_another_store_writes_the_same_row(
        store: Store, database_url: str) -> None:
    session = start(store, [f"q{i}" for i in range(16)])
    grades = [Grade.NO, Grade.STRONG_YES, Grade.YES, None, Grade.STRONG_NO, Grade.YES]
    with opened(database_url) as other:  # another process, in effect
        for position in range(16):
            writer = other if position % 3 == 1 else store
            # out of order in time on purpose: recent is kept sorted by time
            at = T0 + timedelta(minutes=(position * 7) % 16)
            grade = grades[position % len(grades)]
            writer.record_answer(answer(session, position, grade, at=at), None)

    recorded = store.answers(session.id)
    graded = [a for a in recorded if a.grade is not None]
    [stats] = store.competency_stats("alice")
    assert (stats.answers, stats.graded) == (16, len(graded))
    assert stats.average_grade == pytest.approx(sum(int(a.grade or 0) for a in graded)
                                                / len(graded))
    assert stats.last_answered_at == max(a.answered_at for a in recorded)
    assert stored_recent(store) == expected_recent(store, [session.id])


def test_a_rolled_back_answer_leaves_nothing_behind(store: Store, database_url: str) -> None:
    session = start(store, ["q1", "q2", "q3"])
    store.record_answer(answer(session, 0, Grade.YES), None)
    store.save_draft(Draft(session.id, 1, "typing", T0))
    with pytest.raises(ValueError, match="review for 'bob'"):  # fails after the totals
        store.record_answer(answer(session, 1, Grade.STRONG_NO), review("bob", "q2", T0),
                            finished_at=T0 + timedelta(hours=1))
    assert len(store.answers(session.id)) == 1 and 1 in store.drafts(session.id)
    still = store.get_session(session.id)
    assert still is not None and still.status is Status.IN_PROGRESS
    # Another process answers in the same competency; this store's next answer
    # must build on that, not on the answer it rolled back.
    with opened(database_url) as other:
        other.record_answer(answer(session, 1, Grade.STRONG_YES), None)
    store.record_answer(answer(session, 2, Grade.NO), None,
                        finished_at=T0 + timedelta(hours=1))

    [stats] = store.competency_stats("alice")
    assert (stats.answers, stats.graded) == (3, 3)
    assert stats.average_grade == pytest.approx(3.0)
    assert stored_recent(store) == expected_recent(store, [session.id])
    done = store.get_session(session.id)
    assert done is not None and done.status is Status.COMPLETED
    assert done.finished_at == T0 + timedelta(hours=1)


def test_graded_later_counts_once_through_the_same_totals(store: Store) -> None:
    session = start(store, ["q1", "q2", "q3"])
    store.record_answer(answer(session, 0, Grade.YES), None)
    waiting = store.record_answer(answer(session, 1, None, outcome=Outcome.GRADED), None)
    store.record_answer(answer(session, 2, Grade.NO), None)
    store.grade_answer(replace(waiting, grade=Grade.STRONG_YES), None)

    [stats] = store.competency_stats("alice")
    assert (stats.answers, stats.graded) == (3, 3)
    assert stats.average_grade == pytest.approx(3.0)
    assert stored_recent(store) == expected_recent(store, [session.id])


def test_an_unknown_session_is_a_store_error_and_writes_nothing(store: Store) -> None:
    session = start(store)
    with pytest.raises(StoreError, match="no session 999"):
        store.record_answer(replace(answer(session, 0), session_id=999), None)
    assert store.answers(session.id) == [] and store.competency_stats("alice") == []


def test_a_duplicate_answer_is_refused_and_the_next_one_still_commits(store: Store) -> None:
    # The driver's own error comes back as the store's, on the hot path too,
    # and the connection it failed on goes back to the pool usable.
    session = start(store)
    store.record_answer(answer(session, 0, Grade.YES), None)
    with pytest.raises(StoreError, match=r"refused the change|constraint|UNIQUE"):
        store.record_answer(answer(session, 0, Grade.NO), None)
    store.record_answer(answer(session, 1, Grade.NO), None)
    assert [a.grade for a in store.answers(session.id)] == [Grade.YES, Grade.NO]
    [stats] = store.competency_stats("alice")
    assert (stats.answers, stats.graded) == (2, 2)



def test_a_database_that_cannot_be_opened_any_more_is_a_store_error(tmp_path: Path) -> None:
    # The hot path opens its own pool connections: a failure to open one is
    # the store's one-line error, as on every other path, not the driver's.
    directory = tmp_path / "data"
    directory.mkdir()
    with opened(f"sqlite:///{directory / 'interview.db'}") as store:
        session = start(store)
        shutil.rmtree(directory)
        store._engine.dispose()  # the next write needs a new connection
        with pytest.raises(StoreError, match=r"interview\.db"):
            store.record_answer(answer(session, 0), None)
