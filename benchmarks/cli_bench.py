"""Commands that open no screen: whole-process wall time, from spawning the
interpreter to its exit, with the bank cache warm (a user's second run).

    .venv/bin/python benchmarks/cli_bench.py [--runs 10] [--answers 20000]

Anchor: `python -c 'import textual.app'` (whole process, same interpreter),
timed in the same run, one anchor run before each command run, so machine
noise hits both alike. Budgets (DESIGN.md), on the ratio of medians:
`--help` <= 0.3x the anchor; `bank list`, `search`, `history`, `due`,
`stats` <= 0.8x each. Also printed: `history` against `bank list` (issue 10
asked for the two to start alike).

The data: the bundled bank with its cache warm (a user's second run), and the
default SQLite database under a private INTERVIEW_HOME holding a heavy
profile's history (benchmarks/history_bench.py builds it; --answers sets the
size) with its per-competency totals; the package's bytecode compiled, as an
installed copy has it (bytecode.py). Medians over --runs; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

from benchtable import result
from bytecode import compile_package
from history_bench import build

ANCHOR = ("anchor: import textual.app", [sys.executable, "-c", "import textual.app"], None)
INTERVIEW = [sys.executable, "-m", "interview"]
COMMANDS: list[tuple[str, list[str], float]] = [
    ("--help", ["--help"], 0.3),
    ("bank list", ["bank", "list", "--format", "json"], 0.8),
    ("search", ["search", "lock contention", "--format", "json"], 0.8),
    ("history", ["history", "--format", "json"], 0.8),
    ("due", ["due", "--profile", "heavy", "--format", "json"], 0.8),
    ("stats", ["stats", "--profile", "heavy", "--format", "json"], 0.8),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--answers", type=int, default=20_000)
    args = parser.parse_args()
    compile_package()  # as an installed copy has it
    with tempfile.TemporaryDirectory(prefix="interview-cli-") as home:
        database = Path(home) / "interview.db"
        build(f"sqlite:///{database}", args.answers)
        add_totals(database)
        env = {**os.environ, "INTERVIEW_HOME": home}
        for _name, argv, _budget in COMMANDS:  # warm the bank cache and the OS cache
            run([*INTERVIEW, *argv], env)
        times: dict[str, list[float]] = {name: [] for name, _argv, _budget in COMMANDS}
        anchor: list[float] = []
        for _ in range(args.runs):
            for name, argv, _budget in COMMANDS:
                anchor.append(run(ANCHOR[1], env))
                times[name].append(run([*INTERVIEW, *argv], env))
    anchor_ms = statistics.median(anchor) * 1000
    print(f"{args.answers:,} answers; medians over {args.runs} runs, whole process, warm cache")
    for name, _argv, budget in COMMANDS:
        result(f"cli {name}", statistics.median(times[name]) * 1000, "ms", anchor=anchor_ms,
               anchor_name="python -c 'import textual.app'", budget=budget, budget_on="ratio")
    history, bank_list = (statistics.median(times[n]) for n in ("history", "bank list"))
    print(f"history / bank list: {history / bank_list:.2f}")


def run(argv: list[str], env: dict[str, str]) -> float:
    began = time.perf_counter()
    subprocess.run(argv, check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - began


def add_totals(database: Path) -> None:
    """The running per-competency totals record_answer keeps (build() inserts
    rows directly and skips them)."""
    with closing(sqlite3.connect(database)) as connection, connection:
        connection.execute(
            "INSERT INTO competency_totals (profile_id, competency, answers, graded, grade_sum,"
            " last_answered_at, recent)"
            " SELECT s.profile_id, a.competency, count(*), count(a.grade),"
            " coalesce(sum(a.grade), 0), max(a.answered_at), '[]'"
            " FROM answers a JOIN sessions s ON s.id = a.session_id"
            " GROUP BY s.profile_id, a.competency")


if __name__ == "__main__":
    main()
