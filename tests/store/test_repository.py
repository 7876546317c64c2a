"""Store: the engine's SessionStore port and the history read side, on every backend."""

from __future__ import annotations

import random
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from interview.practice.domain import (
    Draft,
    Grade,
    Mode,
    Outcome,
    SessionFilters,
    Status,
)
from interview.practice.ports import SessionStore
from interview.store.errors import StoreError
from interview.store.repository import Store
from interview.store.views import SessionQuery
from tests.store.builders import COMPETENCY, T0, answer, opened, review, shown, start


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    with opened(database_url) as opened_store:
        yield opened_store


def test_store_implements_the_engine_port(store: Store) -> None:
    port: SessionStore = store  # checked by mypy; at run time, that the methods exist
    for name in ("start_session", "record_answer", "save_draft", "finish_session",
                 "review_states"):
        assert callable(getattr(port, name))


def test_start_session_round_trips_filters_items_and_shown_versions(store: Store) -> None:
    filters = SessionFilters(role="systems-developer", level="staff",
                             competencies=("networking",), count=3, seed=7, prefer_due=True)
    session = start(store, filters=filters)

    assert session.id > 0
    assert session.status is Status.IN_PROGRESS
    assert store.get_session(session.id) == session
    assert store.profiles() == ["alice"]
    version = store.shown_question("q1", shown("q1").content_hash)
    assert version == shown("q1")
    assert store.shown_question("q1", "no-such-hash") is None


def test_versions_are_recorded_once_and_edits_are_kept_apart(store: Store) -> None:
    start(store, ["q1"])
    start(store, ["q1"])  # same version again: no duplicate, no error
    edited = shown("q1", version=2)
    items = start(store, ["q1"]).items
    store.start_session("alice", Mode.MOCK, SessionFilters(), items, [edited], T0)

    assert store.shown_question("q1", shown("q1").content_hash) == shown("q1")
    assert store.shown_question("q1", edited.content_hash) == edited


def test_record_answer_commits_answer_review_and_clears_the_draft(store: Store) -> None:
    session = start(store)
    store.save_draft(Draft(session.id, 0, "half an answer", T0))
    store.save_draft(Draft(session.id, 1, "next one", T0))

    recorded = store.record_answer(answer(session, 0, Grade.STRONG_YES),
                                   review("alice", "q1", T0 + timedelta(days=3)))

    assert recorded.id is not None
    assert store.answers(session.id) == [recorded]
    assert set(store.drafts(session.id)) == {1}
    assert store.review_states("alice") == {"q1": review("alice", "q1", T0 + timedelta(days=3))}


def test_review_state_is_updated_in_place(store: Store) -> None:
    session = start(store)
    store.record_answer(answer(session, 0), review("alice", "q1", T0 + timedelta(days=1)))
    later = review("alice", "q1", T0 + timedelta(days=9), Grade.STRONG_YES, reviews=2)
    store.record_answer(answer(session, 1), None)
    store.record_answer(answer(session, 2), later)

    assert store.review_states("alice") == {"q1": later}
    assert store.review_states("nobody") == {}


def test_skipped_and_timed_out_answers_have_no_grade(store: Store) -> None:
    session = start(store)
    store.record_answer(answer(session, 0, None, outcome=Outcome.SKIPPED, text=""), None)
    store.record_answer(answer(session, 1, None, outcome=Outcome.TIMED_OUT, text=""), None)

    outcomes = [(a.outcome, a.grade) for a in store.answers(session.id)]
    assert outcomes == [(Outcome.SKIPPED, None), (Outcome.TIMED_OUT, None)]


def test_the_database_refuses_a_grade_that_contradicts_the_outcome(store: Store) -> None:
    session = start(store)
    good = store.record_answer(answer(session, 0), None)
    engine = store._engine
    # ("graded", None) is allowed: an answer submitted and awaiting its grade.
    for outcome, grade in (("skipped", 3), ("timed-out", 1), ("graded", 5)):
        with pytest.raises(IntegrityError), engine.begin() as conn:
            conn.execute(text("UPDATE answers SET outcome = :o, grade = :g WHERE id = :id"),
                         {"o": outcome, "g": grade, "id": good.id})


def test_text_and_times_survive_exactly(store: Store) -> None:
    session = start(store)
    tricky = "[@click=app.quit] dict[str, list[int]] a[i] [/] ünïcode ✓\n\tindented\n"
    eastern = timezone(timedelta(hours=-5))
    moment = datetime(2026, 3, 2, 4, 30, 15, 123456, tzinfo=eastern)
    stored = store.record_answer(answer(session, 0, text=tricky, at=moment), None)

    loaded = store.answers(session.id)[0]
    assert loaded.text == tricky
    assert loaded.answered_at == moment
    assert loaded.answered_at.tzinfo == UTC
    assert loaded == stored


def test_sqlite_keeps_utc_wall_time_as_sortable_text(tmp_path: Path) -> None:
    # The text SQLAlchemy's DateTime writes: the plain-SQLite reader
    # (quickread) parses it, and text order must be time order.
    with opened(f"sqlite:///{tmp_path / 'times.db'}") as store:
        session = start(store)
        eastern = timezone(timedelta(hours=-5))
        store.record_answer(answer(session, 0, at=datetime(2026, 3, 2, 4, 30, 15, 123456,
                                                           tzinfo=eastern)), None)
        store.record_answer(answer(session, 1, at=datetime(2026, 3, 2, 9, 30, tzinfo=UTC)), None)
    with closing(sqlite3.connect(tmp_path / "times.db")) as raw:
        stored = [row[0] for row in raw.execute("SELECT answered_at FROM answers ORDER BY id")]
    assert stored == ["2026-03-02 09:30:15.123456", "2026-03-02 09:30:00.000000"]


def test_naive_datetimes_are_refused(store: Store) -> None:
    with pytest.raises(Exception, match="naive datetime"):
        start(store, at=datetime(2026, 3, 2, 9, 0))


def test_unknown_question_version_and_duplicate_position_are_store_errors(store: Store) -> None:
    session = start(store)
    store.record_answer(answer(session, 0), None)
    with pytest.raises(StoreError):
        store.record_answer(answer(session, 0), None)
    stray = answer(session, 1)
    with pytest.raises(StoreError, match="never recorded as shown"):
        store.record_answer(replace(stray, question_hash="other"), None)
    assert len(store.answers(session.id)) == 1


def test_drafts_are_upserted(store: Store) -> None:
    session = start(store)
    store.save_draft(Draft(session.id, 0, "first", T0))
    store.save_draft(Draft(session.id, 0, "first, longer", T0 + timedelta(seconds=5)))

    assert store.drafts(session.id) == {
        0: Draft(session.id, 0, "first, longer", T0 + timedelta(seconds=5))}


def test_finish_abandon_and_in_progress(store: Store) -> None:
    older = start(store, at=T0)
    newer = start(store, at=T0 + timedelta(hours=1))
    done = start(store, at=T0 + timedelta(hours=2))
    start(store, profile="bob")

    store.finish_session(done.id, Status.COMPLETED, T0 + timedelta(hours=3))
    assert [s.id for s in store.in_progress_sessions("alice")] == [newer.id, older.id]

    store.abandon_session(older.id, at=T0 + timedelta(hours=4))
    store.abandon_session(older.id)  # idempotent
    abandoned = store.get_session(older.id)
    assert abandoned is not None and abandoned.status is Status.ABANDONED
    assert abandoned.finished_at == T0 + timedelta(hours=4)
    with pytest.raises(StoreError, match="completed"):
        store.abandon_session(done.id)
    with pytest.raises(StoreError, match="no session 999"):
        store.finish_session(999, Status.COMPLETED, T0)
    assert store.get_session(999) is None
    assert store.in_progress_sessions("nobody") == []


def test_list_sessions_pages_newest_first_with_aggregates(store: Store) -> None:
    sessions = [start(store, at=T0 + timedelta(days=day)) for day in range(5)]
    plan = start(store, profile="bob", filters=SessionFilters(plan_id="staff-loop"),
                 at=T0 + timedelta(days=10))
    first = sessions[0]
    store.record_answer(answer(first, 0, Grade.NO, seconds=100), None)
    store.record_answer(answer(first, 1, Grade.STRONG_YES, seconds=200), None)
    store.record_answer(answer(first, 2, None, seconds=50), None)

    everyone = store.list_sessions()
    assert [s.id for s in everyone] == [plan.id] + [s.id for s in reversed(sessions)]
    assert everyone[0].description == "plan staff-loop"
    assert everyone[0].profile == "bob"

    page = store.list_sessions("alice", limit=2, offset=3)
    assert [s.id for s in page] == [sessions[1].id, sessions[0].id]
    summary = page[1]
    assert (summary.planned, summary.answered, summary.graded) == (3, 3, 2)
    assert summary.average_grade == pytest.approx(3.0)
    assert summary.seconds_used == pytest.approx(350.0)
    assert summary.budget_seconds == 1800
    assert summary.description == "systems-developer senior"
    assert page[0].answered == 0 and page[0].average_grade is None
    assert store.list_sessions("nobody") == []


def test_competency_stats_weakest_first_with_trend(store: Store) -> None:
    ids = [f"n{i}" for i in range(10)]
    improving = start(store, ids, competency="networking")
    for position in range(10):  # five 2s, then five 4s: trend +2
        grade = Grade.NO if position < 5 else Grade.STRONG_YES
        store.record_answer(answer(improving, position, grade), None)
    weak = start(store, ["d1", "d2"], competency="databases-data")
    store.record_answer(answer(weak, 0, Grade.STRONG_NO), None)
    store.record_answer(answer(weak, 1, Grade.NO), None)
    skipped = start(store, ["s1"], competency="security")
    store.record_answer(answer(skipped, 0, None), None)
    other = start(store, ["d1"], competency="databases-data", profile="bob")
    store.record_answer(answer(other, 0, Grade.STRONG_YES), None)

    stats = store.competency_stats("alice")
    assert [s.competency for s in stats] == ["security", "databases-data", "networking"]
    security, databases, networking = stats
    assert (security.answers, security.graded, security.average_grade) == (1, 0, None)
    assert databases.average_grade == pytest.approx(1.5) and databases.trend is None
    assert networking.average_grade == pytest.approx(3.0)
    assert networking.trend == pytest.approx(2.0)
    assert networking.last_answered_at == improving.started_at + timedelta(minutes=100)
    assert store.competency_stats("nobody") == []


def test_due_reviews_and_due_questions(store: Store) -> None:
    session = start(store)
    now = T0 + timedelta(days=5)
    store.record_answer(answer(session, 0), review("alice", "q1", now - timedelta(days=1)))
    store.record_answer(answer(session, 1), review("alice", "q2", now + timedelta(days=1)))
    store.record_answer(answer(session, 2), review("alice", "q3", now - timedelta(days=2)))

    assert [r.question_id for r in store.due_reviews("alice", now)] == ["q3", "q1"]
    due = store.due_questions("alice", now)
    assert [(d.review.question_id, d.competency, d.title) for d in due] == [
        ("q3", COMPETENCY, "q3 title v1"), ("q1", COMPETENCY, "q1 title v1")]
    assert store.due_reviews("nobody", now) == []


def test_concurrent_writers_from_threads(store: Store) -> None:
    sessions = [start(store, [f"t{i}-{j}" for j in range(5)]) for i in range(4)]
    failures: list[BaseException] = []

    def work(session_index: int) -> None:
        session = sessions[session_index]
        try:
            for position in range(5):
                store.save_draft(Draft(session.id, position, "typing", T0))
                store.record_answer(answer(session, position), None)
        except BaseException as exc:  # reported below
            failures.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(sessions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert all(len(store.answers(s.id)) == 5 and store.drafts(s.id) == {} for s in sessions)
    (totals,) = store.competency_stats("alice")  # concurrent first answers: one totals row
    assert (totals.answers, totals.graded) == (20, 20)


def test_running_totals_agree_with_the_answers(store: Store) -> None:
    chance = random.Random(3)
    competencies = ["networking", "security", "databases-data"]
    for number in range(6):
        questions = [f"r{number}-{i}" for i in range(8)]
        session = start(store, questions, competency=competencies[number % 3],
                        profile=("alice", "bob")[number % 2])
        for position in chance.sample(range(8), 8):  # out of order on purpose
            grade = chance.choice([None, *Grade])
            minutes = chance.randrange(10_000)
            store.record_answer(answer(session, position, grade,
                                       at=T0 + timedelta(minutes=minutes)), None)

    for profile in ("alice", "bob"):
        recorded = [a for s in store.list_sessions(profile) for a in store.answers(s.id)]
        expected = {}
        for competency in {a.competency for a in recorded}:
            mine = sorted((a for a in recorded if a.competency == competency),
                          key=lambda a: (a.answered_at, a.id or 0))
            grades = [int(a.grade) for a in mine if a.grade is not None]
            latest, before = grades[-5:], grades[-10:-5]
            expected[competency] = (
                len(mine), len(grades), sum(grades) / len(grades) if grades else None,
                sum(latest) / len(latest) - sum(before) / len(before) if before else None,
                mine[-1].answered_at)
        actual = {s.competency: (s.answers, s.graded, s.average_grade, s.trend,
                                 s.last_answered_at)
                  for s in store.competency_stats(profile)}
        assert actual.keys() == expected.keys()
        for competency, values in expected.items():
            assert actual[competency] == pytest.approx(values), competency


def test_an_answer_is_stored_at_submit_and_graded_in_place(store: Store) -> None:
    session = start(store, ["q1", "q2"])
    store.save_draft(Draft(session.id, 0, "typing", T0))
    submitted = store.record_answer(answer(session, 0, None, outcome=Outcome.GRADED), None)
    assert submitted.awaiting_grade and store.drafts(session.id) == {}
    assert store.competency_stats("alice") == []  # not counted until graded
    store.save_signals(session.id, 0, (1, 2))
    [kept] = store.answers(session.id)
    assert kept.awaiting_grade and kept.signals_hit == (1, 2) and kept.text == "my answer"
    graded = store.grade_answer(replace(kept, grade=Grade.STRONG_YES), None)
    assert graded.id == kept.id
    [final] = store.answers(session.id)
    assert final.grade is Grade.STRONG_YES and final.signals_hit == (1, 2)
    [stats] = store.competency_stats("alice")
    assert (stats.answers, stats.graded, stats.average_grade) == (1, 1, 4.0)
    with pytest.raises(StoreError, match="is not awaiting a grade"):
        store.grade_answer(replace(final, grade=Grade.NO), None)  # graded once only


def test_answer_records_carry_the_session_target_and_rubric_size(store: Store) -> None:
    first = start(store, ["q1", "q2"], at=T0)
    store.record_answer(answer(first, 0, Grade.YES, seconds=700.0), None)
    store.record_answer(answer(first, 1, None, outcome=Outcome.SKIPPED), None)
    mock = start(store, ["q1"], at=T0 + timedelta(days=1), mode=Mode.MOCK,
                 filters=SessionFilters(plan_id="loop", role="software-engineer", level="staff"))
    store.record_answer(answer(mock, 0, Grade.STRONG_YES), None)
    start(store, ["q9"], profile="bob")

    records = store.answer_records("alice")
    assert [(r.session_id, r.question_id) for r in records] == [
        (first.id, "q1"), (first.id, "q2"), (mock.id, "q1")]
    one, skipped, rehearsed = records
    assert (one.mode, one.role, one.level) == (Mode.PRACTICE, "systems-developer", "senior")
    assert one.grade is Grade.YES and one.over_time and one.hints_used == 1
    assert (one.signals_hit, one.signals_total) == (2, 3)
    assert skipped.outcome is Outcome.SKIPPED and skipped.grade is None
    assert (rehearsed.mode, rehearsed.role, rehearsed.level) == (Mode.MOCK, "software-engineer",
                                                                 "staff")
    assert rehearsed.answered_at.tzinfo is not None
    assert store.answer_records("alice", since=T0 + timedelta(hours=12)) == [rehearsed]
    assert store.answer_records("bob") == [] and store.answer_records("nobody") == []


def test_sessions_filter_by_mode_target_competency_and_dates(store: Store) -> None:
    practice = start(store, ["q1"], at=T0)
    store.record_answer(answer(practice, 0), None)
    mock = start(store, ["n1"], competency="networking", at=T0 + timedelta(days=2),
                 mode=Mode.MOCK, filters=SessionFilters(role="software-engineer", level="staff"))
    store.record_answer(answer(mock, 0), None)
    live = start(store, ["q2"], at=T0 + timedelta(days=4), mode=Mode.INTERVIEWER)

    def ids(**where: object) -> list[int]:
        query = SessionQuery(**where)  # type: ignore[arg-type]
        found = [s.id for s in store.list_sessions("alice", where=query)]
        assert store.count_sessions("alice", where=query) == len(found)
        return found

    assert ids() == [live.id, mock.id, practice.id]
    assert ids(mode=Mode.MOCK) == [mock.id]
    assert ids(role="systems-developer") == [live.id, practice.id]
    assert ids(level="staff") == [mock.id]
    assert ids(competency="networking") == [mock.id]
    assert ids(competency=COMPETENCY) == [practice.id]  # live has no answer yet
    assert ids(since=T0 + timedelta(days=1), until=T0 + timedelta(days=4)) == [mock.id]
    assert ids(mode=Mode.PRACTICE, status=Status.IN_PROGRESS) == [practice.id]
    assert store.count_sessions("nobody") == 0 and store.count_sessions() == 3
    assert store.count_sessions("alice", cap=2) == 2 and store.count_sessions(cap=5) == 3


def test_answers_by_session_reads_many_sessions_at_once(store: Store) -> None:
    first = start(store, ["q1", "q2", "q3"], at=T0)
    store.record_answer(answer(first, 0, Grade.NO, text="[b]kept[/b]"), None)
    store.record_answer(answer(first, 1, None, outcome=Outcome.SKIPPED), None)
    store.record_answer(answer(first, 2, None, outcome=Outcome.GRADED), None)  # awaiting a grade
    empty = start(store, ["q1"], at=T0 + timedelta(hours=1))
    other = start(store, ["n1"], profile="bob", competency="networking",
                  at=T0 + timedelta(hours=2))
    store.record_answer(answer(other, 0, Grade.STRONG_YES), None)

    found = store.answers_by_session([other.id, first.id, empty.id, 999, first.id])
    assert set(found) == {first.id, empty.id, other.id, 999}
    assert found[first.id] == store.answers(first.id)  # the same answers, field for field
    assert [a.position for a in found[first.id]] == [0, 1, 2]
    assert found[first.id][2].awaiting_grade and found[first.id][0].text == "[b]kept[/b]"
    assert found[other.id] == store.answers(other.id)
    assert found[empty.id] == [] and found[999] == []
    assert store.answers_by_session([]) == {}


def test_answers_by_session_pages_long_id_lists(store: Store,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from interview.store import history

    monkeypatch.setattr(history, "SESSIONS_PER_QUERY", 2)
    sessions = [start(store, ["q1"], at=T0 + timedelta(minutes=n)) for n in range(5)]
    for session in sessions:
        store.record_answer(answer(session, 0, Grade.YES), None)
    found = store.answers_by_session([s.id for s in sessions])
    assert [len(found[s.id]) for s in sessions] == [1] * 5
    assert all(found[s.id][0].session_id == s.id for s in sessions)


def test_question_practice_counts_the_profiles_answers_and_the_last_grade(store: Store) -> None:
    first = start(store, ["q1", "q2"], at=T0)
    store.record_answer(answer(first, 0, Grade.NO), None)
    again = start(store, ["q1"], at=T0 + timedelta(days=1))
    store.record_answer(answer(again, 0, Grade.STRONG_YES), None)
    theirs = start(store, ["q1"], profile="bob", at=T0 + timedelta(days=2))
    store.record_answer(answer(theirs, 0, Grade.STRONG_NO), None)

    practice = store.question_practice("alice", "q1")
    assert (practice.answers, practice.last_grade) == (2, Grade.STRONG_YES)
    assert practice.last_answered_at == again.started_at + timedelta(minutes=10)
    assert store.question_practice("alice", "q9").answers == 0
    assert store.question_practice("nobody", "q1").last_grade is None
