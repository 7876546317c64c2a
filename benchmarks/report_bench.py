"""`interview report` on 10,000 answers. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/report_bench.py
    .venv/bin/python benchmarks/report_bench.py --answers 10000 --keep /tmp/report-bench
    .venv/bin/python benchmarks/report_bench.py --answers 2000 --runs 2

Budget (DESIGN.md): a report of 10,000 answers takes <= 1 s, held against the
in-process figure (warm: imports done, median of --runs); no anchor, the
budget is absolute. What is timed, for each
format (md, html, csv): the whole command, `interview --database URL report
--profile heavy --format F --out FILE --force`, end to end in-process through
click's CliRunner (after one warm-up run, so imports are not counted):
opening the store, loading the bank, reading every session, answer and
question version, the trends, readiness and calendar, rendering, and the
atomic write. The budget is held against this figure. The same command as a
subprocess, once per format (cold: a fresh interpreter), is printed beside
it: that adds Python's start and the imports (SQLAlchemy alone is about
0.2 s of them).

Two databases, each with one profile ("heavy") of `--answers` answers, 10 per
session, over the bundled bank's questions, sessions in every mode across
the last 26 weeks, and a review state per question:

* "bank": the versions shown are the bank's current questions, as when the
  bank has not changed since; the report reads no version from the store.
* "edited": every version shown differs from the bank's (a bank edited since,
  or another bank): each is read once through Store.shown_question.

The history_bench `build` data is not used: its questions are not a bank's,
so readiness and the charts would have nothing to show.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchtable import result
from click.testing import CliRunner
from sqlalchemy import insert

from interview.bank.loader import load_bank
from interview.cli import cli
from interview.store.models import Base
from interview.store.repository import open_store

BUDGET_S = 1.0
RUNS = 5
FORMATS = ("md", "html", "csv")
PROFILE = "heavy"
PER_SESSION = 10
MODES = ("practice",) * 7 + ("mock",) * 2 + ("interviewer",)
TARGETS = (("systems-developer", "senior"), ("software-engineer", "senior"),
           ("software-engineer", "senior-staff"), ("software-engineer", "staff"))
TEXT = ("First I would check the p99 by host and by endpoint; `perf top` on one box, then "
        "compare with the previous release. <b>Not</b> a rollback yet: *measure* first. "
        "| pipe | [b]x[/b] =SUM(A1) ") * 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="directory to build the databases in once "
                                                  "and reuse")
    parser.add_argument("--runs", type=int, default=RUNS, help="in-process runs per format")
    args = parser.parse_args()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        measure(args.keep, args.answers, args.runs)
        return
    with tempfile.TemporaryDirectory() as directory:
        measure(Path(directory), args.answers, args.runs)


def measure(directory: Path, answers: int, runs: int) -> None:
    print(f"interview report --profile {PROFILE} on {answers:,} answers: median of {runs} "
          "in-process runs (first), and one whole process")
    for variant in ("bank", "edited"):
        path = directory / f"report-{variant}-{answers}.db"
        url = f"sqlite:///{path}"
        if not path.exists():
            began = time.perf_counter()
            build(url, answers, edited=variant == "edited")
            print(f"  built the {variant!r} database in {time.perf_counter() - began:.1f} s")
        with tempfile.TemporaryDirectory() as out_directory:
            out = Path(out_directory)
            for name in FORMATS:
                values = _in_process(url, out / f"report.{name}", runs)
                whole = _subprocess(url, out / f"whole.{name}")
                median = statistics.median(values)
                size = (out / f"report.{name}").stat().st_size
                result(f"report {variant} {name} @{answers:,}", median * 1000, "ms",
                       budget=BUDGET_S * 1000, budget_on="figure",
                       note=f"first {values[0] * 1000:.0f} ms; whole process {whole * 1000:.0f} "
                            f"ms; {size / 1e6:.1f} MB; budget at 10,000 answers")


def build(url: str, answers: int, *, edited: bool) -> None:
    """One profile's `answers` answers over the bundled bank, written in bulk."""
    rng = random.Random(11)
    questions = [q for q in load_bank().questions.values() if not q.draft and q.rubric]
    now = datetime.now(UTC).replace(microsecond=0)
    start = now - timedelta(weeks=26)
    sessions = -(-answers // PER_SESSION)
    spacing = (now - start - timedelta(hours=2)) / sessions
    store = open_store(url)
    try:
        tables = Base.metadata.tables
        with store._engine.begin() as conn:
            conn.execute(insert(tables["profiles"]),
                         [{"id": 1, "name": PROFILE, "created_at": start}])
            conn.execute(insert(tables["question_versions"]), [
                {"id": n + 1, "question_id": q.id,
                 "content_hash": f"edited-{q.content_hash()}" if edited else q.content_hash(),
                 "title": f"{q.title} (as first written)" if edited else q.title,
                 "content": q.content()} for n, q in enumerate(questions)])
        session_rows, answer_rows = [], []
        for s in range(sessions):
            started = start + spacing * s
            role, level = rng.choice(TARGETS)
            count = min(PER_SESSION, answers - s * PER_SESSION)
            asked = rng.sample(range(len(questions)), count)
            session_rows.append({
                "id": s + 1, "profile_id": 1, "mode": rng.choice(MODES), "status": "completed",
                "filters": {"role": role, "level": level}, "role": role, "level": level,
                "items": [{"question_id": questions[n].id,
                           "competency": questions[n].competency,
                           "seconds": questions[n].minutes * 60} for n in asked],
                "started_at": started, "finished_at": started + timedelta(hours=1)})
            for position, n in enumerate(asked):
                question = questions[n]
                assert question.rubric is not None
                at = started + timedelta(minutes=6 * (position + 1))
                outcome = rng.choice(("graded",) * 8 + ("skipped", "timed-out"))
                grade = rng.choice((1, 2, 3, 3, 4)) if outcome == "graded" else None
                signals = len(question.rubric.signals)
                answer_rows.append({
                    "session_id": s + 1, "question_version_id": n + 1,
                    "question_id": question.id, "competency": question.competency,
                    "position": position, "started_at": at - timedelta(minutes=5),
                    "answered_at": at, "seconds_used": rng.uniform(200, 1500),
                    "time_limit_seconds": question.minutes * 60,
                    "text": TEXT if outcome == "graded" else "",
                    "signals_hit": sorted(rng.sample(range(signals), rng.randint(0, signals)))
                    if grade else [],
                    "hints_used": rng.randint(0, 2), "grade": grade, "outcome": outcome})
        with store._engine.begin() as conn:
            conn.execute(insert(tables["sessions"]), session_rows)
            conn.execute(insert(tables["answers"]), answer_rows)
            conn.execute(insert(tables["review_states"]), [
                {"profile_id": 1, "question_id": q.id,
                 "card": {"state": 2, "stability": rng.uniform(1, 60), "difficulty": 5.0,
                          "last_review": (now - timedelta(days=rng.randint(1, 30))).isoformat()},
                 "due": now + timedelta(days=rng.randint(-10, 30)), "reviews": 5,
                 "last_grade": 3, "last_review": now - timedelta(days=3)}
                for q in questions])
            conn.exec_driver_sql("ANALYZE")
    finally:
        store.close()


def _args(url: str, out: Path) -> list[str]:
    return ["--database", url, "report", "--profile", PROFILE, "--format", out.suffix[1:],
            "--out", str(out), "--force"]


def _in_process(url: str, out: Path, runs: int) -> list[float]:
    runner = CliRunner()
    warm = runner.invoke(cli, _args(url, out))
    if warm.exit_code != 0:
        raise SystemExit(f"report failed: {warm.output}")
    timings = []
    for _ in range(runs):
        began = time.perf_counter()
        invoked = runner.invoke(cli, _args(url, out))
        timings.append(time.perf_counter() - began)
        if invoked.exit_code != 0:
            raise SystemExit(f"report failed: {invoked.output}")
    return timings


def _subprocess(url: str, out: Path) -> float:
    command = [sys.executable, "-m", "interview", *_args(url, out)]
    began = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(f"report failed: {done.stderr}")
    return elapsed


if __name__ == "__main__":
    main()
