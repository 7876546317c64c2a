"""Answer-commit latency on SQLite. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/commit_bench.py                 # 2000 answers
    .venv/bin/python benchmarks/commit_bench.py --answers 500 --dir /some/disk

Budget (DESIGN.md): Store.record_answer p99 <= 5 ms on SQLite, with the
store's real settings (WAL, synchronous=FULL), so every commit is fsynced.
Each timed call is what the engine does when a user grades an answer: insert
the answer, upsert the question's review state, delete the position's draft,
commit. A draft is saved (untimed) before each answer, as the app does.
Use --dir on the disk you care about: tmpfs makes fsync free.

The anchor is a bare sqlite3 commit of one 1.5 KB row with the same pragmas on
the same disk: what fsync alone costs there. `--cpu` repeats the run with
synchronous=OFF to show the cost of our own code without the disk.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

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

BUDGET_P99_MS = 5.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=2000)
    parser.add_argument("--dir", type=Path, default=None,
                        help="directory for the database (default: a temporary one)")
    parser.add_argument("--cpu", action="store_true",
                        help="also run with synchronous=OFF (our code without fsync)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as directory:
        anchor = percentiles(bare_commits(Path(directory) / "anchor.db", args.answers))
        ours = percentiles(run(Path(directory) / "bench.db", args.answers))
        cpu = (percentiles(run(Path(directory) / "cpu.db", args.answers, "OFF")) if args.cpu
               else None)
    print(f"{args.answers} commits on SQLite (WAL, synchronous=FULL), p50 / p95 / p99 / max in ms")
    print(f"  anchor: bare sqlite3 commit       {show(anchor)}")
    print(f"  Store.record_answer               {show(ours)}")
    if cpu is not None:
        print(f"  record_answer, synchronous=OFF    {show(cpu)}")
    print(f"  p99: {ours[2] / anchor[2]:.2f}x the anchor; {ours[2] / BUDGET_P99_MS:.2f}x the "
          f"{BUDGET_P99_MS} ms budget")


def percentiles(timings: list[float]) -> tuple[float, float, float, float]:
    timings = sorted(timings)
    last = len(timings) - 1
    return (statistics.median(timings), timings[int(0.95 * last)], timings[int(0.99 * last)],
            timings[-1])


def show(values: tuple[float, ...]) -> str:
    return " / ".join(f"{v:7.3f}" for v in values)


def bare_commits(path: Path, count: int) -> list[float]:
    connection = sqlite3.connect(path, isolation_level=None)
    try:
        for pragma in ("journal_mode = WAL", "synchronous = FULL"):
            connection.execute(f"PRAGMA {pragma}")
        connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)")
        row = ("a considered answer with some detail " * 40,)
        timings: list[float] = []
        for _ in range(count):
            began = time.perf_counter()
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("INSERT INTO t (body) VALUES (?)", row)
            connection.execute("COMMIT")
            timings.append((time.perf_counter() - began) * 1000)
        return timings
    finally:
        connection.close()


def run(path: Path, count: int, synchronous: str = "FULL") -> list[float]:
    store = open_store(f"sqlite:///{path}")
    if synchronous != "FULL":
        event.listen(store._engine, "connect",
                     lambda dbapi, _record: dbapi.execute(f"PRAGMA synchronous = {synchronous}"))
        store._engine.dispose()
    try:
        with store._engine.connect() as conn:
            mode = conn.exec_driver_sql("PRAGMA synchronous").scalar()
        assert mode == {"FULL": 2, "OFF": 0}[synchronous], mode
        now = datetime.now(UTC)
        questions = [f"bench-q{i}" for i in range(50)]
        shown = [ShownQuestion(q, f"{q}-hash", f"Question {q}", {"prompt": "x" * 2000})
                 for q in questions]
        items = [PlannedQuestion(questions[i % 50], "networking", 600) for i in range(count)]
        session = store.start_session("bench", Mode.PRACTICE, SessionFilters(), items, shown, now)
        text = "a considered answer with some detail " * 40  # ~1.5 KB, minutes of typing
        timings: list[float] = []
        for position in range(count):
            question = questions[position % 50]
            at = now + timedelta(minutes=position)
            store.save_draft(Draft(session.id, position, text[:500], at))
            answer = Answer(session.id, position, question, f"{question}-hash", "networking",
                            at - timedelta(minutes=9), at, 540.0, 600, text, Outcome.GRADED,
                            Grade.YES, (0, 2), 1)
            review = ReviewState("bench", question, at + timedelta(days=3),
                                 {"stability": 3.2, "difficulty": 5.1, "step": position},
                                 position // 50 + 1, Grade.YES, at)
            began = time.perf_counter()
            store.record_answer(answer, review)
            timings.append((time.perf_counter() - began) * 1000)
        return timings
    finally:
        store.close()


if __name__ == "__main__":
    main()
