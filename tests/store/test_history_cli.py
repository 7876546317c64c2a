"""`interview history`, `history show`, `due` and `stats` on a database seeded through Store."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import text

from interview.cli import cli
from interview.practice.domain import Grade, Outcome, SessionFilters, Status
from tests.cliout import assert_clean_failure
from tests.store.builders import T0, answer, opened, review, start


def run(url: str, *args: str) -> Result:
    return CliRunner().invoke(cli, ["--database", url, *args])


def run_json(url: str, *args: str) -> Any:
    result = run(url, *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)




@pytest.fixture
def seeded(database_url: str) -> Iterator[str]:
    """alice: a completed 3-question session (one skipped) and an in-progress one;
    bob: a plan session. Of alice's reviews q1 and q3 are due, n1 is not."""
    with opened(database_url) as store:
        first = start(store, at=T0)
        store.record_answer(answer(first, 0, Grade.NO, text="[b]not markup[/b]\nline two"),
                            review("alice", "q1", T0 + timedelta(days=4)))
        store.record_answer(answer(first, 1, None, outcome=Outcome.SKIPPED, text=""), None)
        store.record_answer(answer(first, 2, Grade.STRONG_YES),
                            review("alice", "q3", T0 + timedelta(days=2)))
        store.finish_session(first.id, Status.COMPLETED, T0 + timedelta(hours=1))
        networking = start(store, ["n1"], competency="networking", at=T0 + timedelta(days=1))
        store.record_answer(answer(networking, 0, Grade.NO),
                            review("alice", "n1", T0 + timedelta(days=365 * 100)))
        plan = start(store, ["p1"], profile="bob", filters=SessionFilters(plan_id="staff-loop"),
                     at=T0 + timedelta(days=2))
        store.record_answer(answer(plan, 0, Grade.STRONG_YES), None)
    yield database_url


def test_history_lists_sessions_newest_first(seeded: str) -> None:
    sessions = run_json(seeded, "history")
    assert [(s["id"], s["profile"], s["description"]) for s in sessions] == [
        (3, "bob", "plan staff-loop"), (2, "alice", "systems-developer senior"),
        (1, "alice", "systems-developer senior")]
    first = sessions[2]
    assert first["status"] == "completed"
    assert (first["planned"], first["answered"], first["graded"]) == (3, 3, 2)
    assert first["average_grade"] == pytest.approx(3.0)
    assert first["seconds_used"] == pytest.approx(900.0)
    assert first["budget_seconds"] == 1800
    assert first["started_at"] == "2026-03-02T09:00:00+00:00"
    assert first["finished_at"] == "2026-03-02T10:00:00+00:00"
    assert first["filters"]["role"] == "systems-developer"
    assert sessions[0]["plan_id"] == "staff-loop"

    assert [s["id"] for s in run_json(seeded, "history", "--profile", "alice", "--limit", "1")] \
        == [2]

    table = run(seeded, "history")
    assert table.exit_code == 0
    assert "plan staff-loop" in table.stdout and "3/3" in table.stdout


def test_history_show_prints_every_answer(seeded: str) -> None:
    shown = run_json(seeded, "history", "show", "1")
    assert shown["session"]["id"] == 1
    assert [item["question_id"] for item in shown["session"]["items"]] == ["q1", "q2", "q3"]
    first, skipped, last = shown["answers"]
    assert first["title"] == "q1 title v1"
    assert (first["grade"], first["grade_label"]) == (2, "no")
    assert first["signals_hit"] == [0, 2]
    assert first["signals"] == ["first signal", "third signal"]
    assert first["text"] == "[b]not markup[/b]\nline two"
    assert first["hints_used"] == 1 and first["over_time"] is False
    assert (skipped["outcome"], skipped["grade"], skipped["grade_label"]) == ("skipped", None,
                                                                             None)
    assert last["grade_label"] == "strong yes"

    table = run(seeded, "history", "show", "1")
    assert table.exit_code == 0
    assert "[b]not markup[/b]" in table.stdout and "2 (no)" in table.stdout
    assert "first signal; third signal" in table.stdout


def test_due_groups_by_competency(seeded: str) -> None:
    due = run_json(seeded, "due", "--profile", "alice")
    assert due["profile"] == "alice"
    assert due["total"] == 2
    (group,) = due["competencies"]
    assert group["competency"] == "debugging-diagnostics"
    assert [q["question_id"] for q in group["questions"]] == ["q3", "q1"]
    assert group["questions"][0] == {
        "question_id": "q3", "title": "q3 title v1", "due": "2026-03-04T09:00:00+00:00",
        "reviews": 1, "last_grade": 3, "last_review": "2026-03-03T09:00:00+00:00"}
    assert run_json(seeded, "due", "--profile", "bob")["competencies"] == []

    table = run(seeded, "due", "--profile", "alice")
    assert table.exit_code == 0 and "debugging-diagnostics: 2 due" in table.stdout


def test_stats_weakest_first(seeded: str) -> None:
    stats = run_json(seeded, "stats", "--profile", "alice")
    assert stats["profile"] == "alice"
    assert [(c["competency"], c["answers"], c["graded"]) for c in stats["competencies"]] == [
        ("networking", 1, 1), ("debugging-diagnostics", 3, 2)]
    assert stats["competencies"][0]["average_grade"] == pytest.approx(2.0)
    assert stats["competencies"][0]["trend"] is None
    table = run(seeded, "stats", "--profile", "alice")
    assert table.exit_code == 0 and table.stdout.startswith("competency")


def test_the_only_profile_is_the_default(database_url: str) -> None:
    with opened(database_url) as store:
        session = start(store, profile="only-one")
        store.record_answer(answer(session, 0), None)
    assert run_json(database_url, "stats")["profile"] == "only-one"


def test_an_empty_database_has_empty_answers(database_url: str) -> None:
    assert run_json(database_url, "history") == []
    assert run_json(database_url, "stats")["competencies"] == []
    assert run(database_url, "history").stdout.strip() == "no sessions recorded yet"


def test_unknown_profile_lists_the_known_ones(seeded: str) -> None:
    for command in (["history"], ["due"], ["stats"]):
        assert_clean_failure(run(seeded, *command, "--profile", "carol"),
                             "no profile named 'carol'", "known profiles: alice, bob")


def test_unknown_session(seeded: str) -> None:
    assert_clean_failure(run(seeded, "history", "show", "99"), "no session 99")


def test_a_newer_database_is_refused(seeded: str) -> None:
    with opened(seeded) as store, store._engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'f00d_newer'"))
    for command in (["history"], ["history", "show", "1"], ["due"], ["stats"]):
        assert_clean_failure(run(seeded, *command), "newer version of interview",
                             "upgrade interview")


def test_an_unreachable_server_is_one_line() -> None:
    url = "postgresql+psycopg://someone:hunter2@127.0.0.1:1/interview"
    result = run(url, "history")
    assert_clean_failure(result, "cannot connect to the database at "
                                 "postgresql+psycopg://someone:***@127.0.0.1:1/interview")
    assert "hunter2" not in result.output


def test_a_locked_database_is_one_line_and_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "interview.db"
    with opened(f"sqlite:///{path}") as store:
        start(store)
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        # An exclusive lock that also keeps WAL readers out (WAL lets readers
        # through a plain BEGIN EXCLUSIVE, which the next test relies on).
        holder.execute("PRAGMA locking_mode = EXCLUSIVE")
        holder.execute("BEGIN EXCLUSIVE")
        holder.execute("UPDATE sessions SET status = status")
        began = time.monotonic()
        for command in (["history"], ["history", "show", "1"], ["due"], ["stats"]):
            assert_clean_failure(run(f"sqlite:///{path}?timeout=0.05", *command),
                                 f"the database {path} is locked by another process")
        assert time.monotonic() - began < 4  # the URL's 50 ms busy timeout, not 5 s
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert [s["id"] for s in run_json(f"sqlite:///{path}", "history")] == [1]


def test_history_reads_while_another_process_writes(tmp_path: Path) -> None:
    path = tmp_path / "interview.db"
    with opened(f"sqlite:///{path}") as store:
        start(store)
    writer = sqlite3.connect(path, isolation_level=None)
    try:
        writer.execute("BEGIN EXCLUSIVE")
        assert [s["id"] for s in run_json(f"sqlite:///{path}?timeout=0.05", "history")] == [1]
    finally:
        writer.execute("ROLLBACK")
        writer.close()
