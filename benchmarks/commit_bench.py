"""Answer-commit latency on SQLite. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/commit_bench.py                 # 2000 answers
    .venv/bin/python benchmarks/commit_bench.py --answers 500 --dir /some/disk

What is timed: in-process, warm (one store and one connection each, opened
before timing), each call from entry to return, fsync included.
Budget (DESIGN.md): Store.record_answer p99 <= 1.3x a bare sqlite3 commit of
the same rows with the same pragmas (WAL, synchronous=FULL), interleaved in
one run; an absolute figure is the disk's fsync, not ours. Each timed call is
what the engine does when a user grades an answer: insert the answer, add it
to its competency's totals, upsert the question's review state, delete the
position's draft, commit. A draft is saved (untimed) before each answer, as
the app does, in our database and the anchor's alike, so both delete a row.

Two anchors, timed in the same loop as ours, one commit of each per answer:
"same rows" runs those four statements with the stdlib sqlite3 module on a
database with the app's schema (what the work costs without SQLAlchemy or our
code); "one row" commits a single 1.5 KB row (what fsync alone costs on this
disk). Use --dir on the disk you care about: tmpfs makes fsync free.
`--cpu` repeats the run with synchronous=OFF to show our code without the disk.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import tempfile
import time
from contextlib import closing
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchtable import result
from sqlalchemy import event

from interview.practice.domain import (
    Answer,
    Draft,
    Grade,
    Mode,
    Outcome,
    PlannedQuestion,
    ReviewState,
    SessionFilters,
    ShownQuestion,
)
from interview.store.repository import open_store

BUDGET_RATIO = 1.3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=2000)
    parser.add_argument("--dir", type=Path, default=None,
                        help="directory for the database (default: a temporary one)")
    parser.add_argument("--cpu", action="store_true",
                        help="also run with synchronous=OFF (our code without fsync)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as directory:
        timings = run(Path(directory), args.answers)
        same, ours, one = (percentiles(t) for t in timings)
        cpu = (percentiles(run(Path(directory) / "cpu", args.answers, "OFF")[1]) if args.cpu
               else None)
    print(f"{args.answers} commits on SQLite (WAL, synchronous=FULL), p50 / p95 / p99 / max in ms")
    print(f"  anchor: same rows, bare sqlite3   {show(same)}")
    print(f"  anchor: one 1.5 KB row            {show(one)}")
    print(f"  Store.record_answer               {show(ours)}")
    if cpu is not None:
        print(f"  record_answer, synchronous=OFF    {show(cpu)}")
    result("record_answer p99", ours[2], "ms", anchor=same[2],
           anchor_name="bare sqlite3, same rows", budget=BUDGET_RATIO,
           note=f"{args.answers} answers; {ours[2] / one[2]:.2f}x one row")
    result("record_answer p50", ours[0], "ms", anchor=same[0],
           anchor_name="bare sqlite3, same rows", note="no budget; for scale")


def percentiles(timings: list[float]) -> tuple[float, float, float, float]:
    timings = sorted(timings)
    last = len(timings) - 1
    return (statistics.median(timings), timings[int(0.95 * last)], timings[int(0.99 * last)],
            timings[-1])


def show(values: tuple[float, ...]) -> str:
    return " / ".join(f"{v:7.3f}" for v in values)


def _pragmas(connection: sqlite3.Connection, synchronous: str) -> None:
    for pragma in ("journal_mode = WAL", f"synchronous = {synchronous}", "foreign_keys = ON"):
        connection.execute(f"PRAGMA {pragma}")


def one_row(connection: sqlite3.Connection, body: str) -> float:
    began = time.perf_counter()
    connection.execute("BEGIN IMMEDIATE")
    connection.execute("INSERT INTO t (body) VALUES (?)", (body,))
    connection.execute("COMMIT")
    return (time.perf_counter() - began) * 1000


def save_draft(connection: sqlite3.Connection, session_id: int, position: int, text: str,
               at: datetime) -> None:
    """The draft the app saves before each answer, so the anchor deletes a row too."""
    connection.execute("INSERT INTO drafts (session_id, position, text, saved_at, hints_shown, "
                       "seconds_used) VALUES (?,?,?,?,0,0)",
                       (session_id, position, text, at.isoformat(" ")))


def same_rows(connection: sqlite3.Connection, ids: tuple[int, int, int], answer: Answer,
              review: ReviewState) -> float:
    """record_answer's four statements, written by hand with the stdlib module."""
    session_id, profile_id, version_id = ids
    at, due = answer.answered_at.isoformat(" "), review.due.isoformat(" ")
    began = time.perf_counter()
    connection.execute("BEGIN IMMEDIATE")
    connection.execute(
        "INSERT INTO answers (session_id, question_version_id, question_id, competency, "
        "position, started_at, answered_at, seconds_used, time_limit_seconds, text, "
        "signals_hit, hints_used, grade, outcome) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        (session_id, version_id, answer.question_id, answer.competency, answer.position,
         answer.started_at.isoformat(" "), at, answer.seconds_used, answer.time_limit_seconds,
         answer.text, json.dumps(list(answer.signals_hit)), answer.hints_used,
         int(answer.grade or 0), answer.outcome.value))
    updated = connection.execute(
        "UPDATE competency_totals SET answers = answers + 1, graded = graded + 1, "
        "grade_sum = grade_sum + ?, last_answered_at = ?, recent = ? "
        "WHERE profile_id = ? AND competency = ?",
        (int(answer.grade or 0), at, json.dumps([[at, 3]] * 5), profile_id, answer.competency))
    if not updated.rowcount:
        connection.execute(
            "INSERT INTO competency_totals (profile_id, competency, answers, graded, grade_sum, "
            "last_answered_at, recent) VALUES (?,?,1,1,?,?,?)",
            (profile_id, answer.competency, int(answer.grade or 0), at, json.dumps([[at, 3]])))
    card = json.dumps(review.card)
    updated = connection.execute(
        "UPDATE review_states SET card = ?, due = ?, reviews = ?, last_grade = ?, "
        "last_review = ? WHERE profile_id = ? AND question_id = ?",
        (card, due, review.reviews, 3, at, profile_id, review.question_id))
    if not updated.rowcount:
        connection.execute(
            "INSERT INTO review_states (profile_id, question_id, card, due, reviews, last_grade, "
            "last_review) VALUES (?,?,?,?,?,?,?)",
            (profile_id, review.question_id, card, due, review.reviews, 3, at))
    connection.execute("DELETE FROM drafts WHERE session_id = ? AND position = ?",
                       (session_id, answer.position))
    connection.execute("COMMIT")
    return (time.perf_counter() - began) * 1000


def run(directory: Path, count: int, synchronous: str = "FULL"
        ) -> tuple[list[float], list[float], list[float]]:
    """(same rows, ours, one row) timings, one of each per answer, interleaved."""
    directory.mkdir(parents=True, exist_ok=True)
    now = datetime.now(UTC)
    questions = [f"bench-q{i}" for i in range(50)]
    shown = [ShownQuestion(q, f"{q}-hash", f"Question {q}", {"prompt": "x" * 2000})
             for q in questions]
    items = [PlannedQuestion(questions[i % 50], "networking", 600) for i in range(count)]
    # The same-rows anchor gets a database of its own with the app's schema.
    with closing(open_store(f"sqlite:///{directory / 'anchor.db'}")) as schema_only:
        anchor_session = schema_only.start_session("bench", Mode.PRACTICE, SessionFilters(),
                                                   items, shown, now)
    anchor = sqlite3.connect(directory / "anchor.db", isolation_level=None)
    _pragmas(anchor, synchronous)
    profile_id = anchor.execute("SELECT id FROM profiles").fetchone()[0]
    version_id = anchor.execute("SELECT id FROM question_versions").fetchone()[0]
    bare = sqlite3.connect(directory / "one-row.db", isolation_level=None)
    _pragmas(bare, synchronous)
    bare.execute("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, body TEXT)")
    store = open_store(f"sqlite:///{directory / 'bench.db'}")
    if synchronous != "FULL":
        event.listen(store._engine, "connect",
                     lambda dbapi, _record: dbapi.execute(f"PRAGMA synchronous = {synchronous}"))
        store._engine.dispose()
    try:
        with store._engine.connect() as conn:
            mode = conn.exec_driver_sql("PRAGMA synchronous").scalar()
        assert mode == {"FULL": 2, "OFF": 0}[synchronous], mode
        session = store.start_session("bench", Mode.PRACTICE, SessionFilters(), items, shown, now)
        text = "a considered answer with some detail " * 40  # ~1.5 KB, minutes of typing
        same: list[float] = []
        ours: list[float] = []
        one: list[float] = []
        for position in range(count):
            question = questions[position % 50]
            at = now + timedelta(minutes=position)
            store.save_draft(Draft(session.id, position, text[:500], at))
            save_draft(anchor, anchor_session.id, position, text[:500], at)
            answer = Answer(session.id, position, question, f"{question}-hash", "networking",
                            at - timedelta(minutes=9), at, 540.0, 600, text, Outcome.GRADED,
                            Grade.YES, (0, 2), 1)
            review = ReviewState("bench", question, at + timedelta(days=3),
                                 {"stability": 3.2, "difficulty": 5.1, "step": position},
                                 position // 50 + 1, Grade.YES, at)
            same.append(same_rows(anchor, (anchor_session.id, profile_id, version_id),
                                  replace(answer, session_id=anchor_session.id), review))
            began = time.perf_counter()
            store.record_answer(answer, review)
            ours.append((time.perf_counter() - began) * 1000)
            one.append(one_row(bare, text))
        return same, ours, one
    finally:
        store.close()
        anchor.close()
        bare.close()


if __name__ == "__main__":
    main()
