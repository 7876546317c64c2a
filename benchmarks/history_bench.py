"""History queries on a big database. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/history_bench.py                  # 1,000,000 answers
    .venv/bin/python benchmarks/history_bench.py --answers 100000 --keep /tmp/h.db

What is timed: in-process, each call from entry to return, median over 5
runs, each run opening a fresh store on a database already built (the OS
file cache warm). No anchor: the budget is absolute.
Budget (DESIGN.md): the history screen opens in <= 150 ms with 1,000,000
recorded answers. That screen is `Store.open` + `list_sessions(limit=100)`;
the other read paths (one session's answers, per-competency stats, due
reviews) are timed too, with no budget (for information). The data: one
heavy profile with 90% of the answers and a second one, 10 answers per
session, 20 competencies, 500 questions.
Building the database takes a while; --keep reuses it across runs.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from benchtable import result
from sqlalchemy import insert

from interview.store.models import Base
from interview.store.repository import open_store

BUDGET_MS = 150.0
RUNS = 5
PER_SESSION = 10
COMPETENCIES = [f"competency-{i:02d}" for i in range(20)]
QUESTIONS = 500
START = datetime(2024, 1, 1, tzinfo=UTC)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="database file to build once and reuse")
    args = parser.parse_args()
    if args.keep:
        measure(args.keep, args.answers)
        return
    with tempfile.TemporaryDirectory() as directory:
        measure(Path(directory) / "history.db", args.answers)


def measure(path: Path, answers: int) -> None:
    url = f"sqlite:///{path}"
    if not path.exists():
        began = time.perf_counter()
        build(url, answers)
        print(f"built {answers:,} answers in {time.perf_counter() - began:.1f} s")
    else:
        with closing(sqlite3.connect(path)) as connection:
            (answers,) = connection.execute("SELECT count(*) FROM answers").fetchone()
    now = START + timedelta(minutes=answers * 6)
    timings: dict[str, list[float]] = {}
    for _ in range(RUNS):
        one_run(url, now, timings)
    print(f"{answers:,} answers; median (first) in ms over {RUNS} runs")
    for name, values in timings.items():
        print(f"  {name:32s} {statistics.median(values):8.1f} ({values[0]:.1f})")
    screen = (statistics.median(timings[OPEN]) + statistics.median(timings[FIRST_PAGE]))
    result(f"history open + first page @{answers:,}", screen, "ms", budget=BUDGET_MS,
           budget_on="figure", note="budget at 1,000,000 answers")


OPEN = "open store (migration check)"
FIRST_PAGE = "list_sessions(limit=100)"


def one_run(url: str, now: datetime, timings: dict[str, list[float]]) -> None:
    def timed(name: str, call: Callable[[], Any]) -> Any:
        began = time.perf_counter()
        result = call()
        timings.setdefault(name, []).append((time.perf_counter() - began) * 1000)
        return result

    store = timed(OPEN, lambda: open_store(url))
    try:
        page = timed(FIRST_PAGE, lambda: store.list_sessions(limit=100))
        timed("list_sessions(heavy profile)", lambda: store.list_sessions("heavy", limit=100))
        timed("list_sessions(offset=50000)",
              lambda: store.list_sessions(limit=100, offset=50_000))
        timed("answers(one session)", lambda: store.answers(page[50].id))
        timed("competency_stats(heavy)", lambda: store.competency_stats("heavy"))
        timed("due_questions(heavy)", lambda: store.due_questions("heavy", now))
        timed("review_states(heavy)", lambda: store.review_states("heavy"))
    finally:
        store.close()


def build(url: str, answers: int) -> None:
    rng = random.Random(5)
    store = open_store(url)
    try:
        tables = Base.metadata.tables
        with store._engine.begin() as conn:
            conn.execute(insert(tables["profiles"]), [
                {"id": 1, "name": "heavy", "created_at": START},
                {"id": 2, "name": "light", "created_at": START}])
            conn.execute(insert(tables["question_versions"]), [
                {"id": q + 1, "question_id": f"q{q}", "content_hash": f"h{q}",
                 "title": f"Question {q}", "content": {"rubric": {"signals": ["a", "b"]}}}
                for q in range(QUESTIONS)])
        sessions = answers // PER_SESSION
        chunk = 2_000
        for first in range(0, sessions, chunk):
            session_rows, answer_rows = [], []
            for s in range(first, min(first + chunk, sessions)):
                started = START + timedelta(minutes=s * PER_SESSION * 6)
                questions = [rng.randrange(QUESTIONS) for _ in range(PER_SESSION)]
                session_rows.append({
                    "id": s + 1, "profile_id": 1 if s % 10 else 2, "mode": "practice",
                    "status": "completed", "filters": {"role": "systems-developer"},
                    "items": [{"question_id": f"q{q}", "competency": COMPETENCIES[q % 20],
                               "seconds": 600} for q in questions],
                    "started_at": started, "finished_at": started + timedelta(hours=1)})
                for position, q in enumerate(questions):
                    at = started + timedelta(minutes=6 * (position + 1))
                    grade = rng.choice((1, 2, 3, 3, 4, None))
                    answer_rows.append({
                        "session_id": s + 1, "question_version_id": q + 1,
                        "question_id": f"q{q}", "competency": COMPETENCIES[q % 20],
                        "position": position, "started_at": at - timedelta(minutes=5),
                        "answered_at": at, "seconds_used": 300.0, "time_limit_seconds": 600,
                        "text": "an answer " * 30, "signals_hit": [0], "hints_used": 0,
                        "grade": grade, "outcome": "graded" if grade else "skipped"})
            with store._engine.begin() as conn:
                conn.execute(insert(tables["sessions"]), session_rows)
                conn.execute(insert(tables["answers"]), answer_rows)
        with store._engine.begin() as conn:
            conn.execute(insert(tables["review_states"]), [
                {"profile_id": 1, "question_id": f"q{q}", "card": {"stability": 2.0},
                 "due": START + timedelta(minutes=answers * 6 * rng.random() * 1.2),
                 "reviews": 5, "last_grade": 3, "last_review": START}
                for q in range(QUESTIONS)])
            conn.exec_driver_sql("ANALYZE")
    finally:
        store.close()


if __name__ == "__main__":
    main()
