"""Run the benchmarks and print one table of their results.

    .venv/bin/python -m benchmarks                       # small sizes, under two minutes
    .venv/bin/python -m benchmarks --full                # each script's own default sizes
    .venv/bin/python -m benchmarks --only search_bench,commit_bench --verbose

Each script runs as `python benchmarks/NAME.py ARGS` from the repo root, in a
fresh process, one at a time (two at once would disturb each other's
timings), with a timeout; every script reports its headline figures through
benchtable.result, and the `BENCH {json}` lines it prints are gathered into
the table. A script that fails or times out is a failed row with its last
line on stderr, and the runner exits 1; one that reports nothing shows "no
results". A figure over its budget does not change the exit status: the
budgets are set for the full sizes, so at the small ones they only hint.

The scripts share a private INTERVIEW_HOME for the run (those that need
their own still set it), so no benchmark reads or writes the user's data.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MARKER = "BENCH "  # benchtable.MARKER; not imported, so the runner needs nothing on sys.path
SMALL_BUDGET_S = 120.0
FULL_TIMEOUT_S = 4 * 3600.0


@dataclass(frozen=True, slots=True)
class Script:
    """A benchmark script and how to run it small: `small` None skips it there."""

    name: str
    small: tuple[str, ...] | None
    small_timeout: float = 40.0


SCRIPTS = (
    Script("search_bench", ("--sizes", "1000", "--queries", "20", "--agreement", "10",
                            "--cli", "10000", "--cli-runs", "3", "--dupes", "2000",
                            "--import", "500", "--import-bank", "1000"), small_timeout=60.0),
    Script("browse_bench", ("--sizes", "1000", "--queries", "5")),
    Script("commit_bench", ("--answers", "500")),
    Script("history_bench", ("--answers", "20000")),
    Script("history_screen_bench", ("--answers", "20000", "--runs", "2")),
    Script("report_bench", ("--answers", "2000", "--runs", "2")),
    Script("import_bench", ("--items", "1000", "--alike", "300")),
    Script("dupes_rule_bench", ()),
    Script("bank_bench", ("--questions", "1000", "--runs", "3")),
    Script("startup_bench", ("--runs", "5")),
    Script("cli_bench", ("--runs", "5", "--answers", "2000")),
    Script("serve_bench", None),  # a browser per run: minutes, and Chromium
)


@dataclass(slots=True)
class Outcome:
    """What one script printed and how it ended."""

    results: list[dict[str, Any]] = field(default_factory=list)
    stdout: str = ""
    failure: str | None = None  # why it failed, or None
    seconds: float = 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true",
                        help="run each script at its own default (full) sizes, no time limit")
    parser.add_argument("--only", type=_names, default=None, metavar="NAME[,NAME]",
                        help="run only these scripts (e.g. search_bench,commit_bench)")
    parser.add_argument("--timeout", type=float, default=None,
                        help="seconds each script may run (default: per script when small, "
                             f"{FULL_TIMEOUT_S / 3600:.0f} h with --full)")
    parser.add_argument("--verbose", action="store_true",
                        help="also print each script's own output as it finishes")
    args = parser.parse_args(argv)
    if args.only is not None and (unknown := args.only - {s.name for s in SCRIPTS}):
        parser.error(f"no such benchmark: {', '.join(sorted(unknown))} "
                     f"(known: {', '.join(s.name for s in SCRIPTS)})")
    chosen = [s for s in SCRIPTS if args.only is None or s.name in args.only]
    began = time.perf_counter()
    outcomes: list[Outcome | None] = []  # None: skipped in the small run
    with tempfile.TemporaryDirectory(prefix="interview-benchmarks-") as home:
        env = {**os.environ, "INTERVIEW_HOME": home}
        for number, script in enumerate(chosen, 1):
            if not args.full and script.small is None:
                outcomes.append(None)
                _progress(f"[{number}/{len(chosen)}] {script.name}: skipped in the small run")
                continue
            arguments = () if args.full else script.small or ()
            timeout = args.timeout or (FULL_TIMEOUT_S if args.full else script.small_timeout)
            _progress(f"[{number}/{len(chosen)}] {script.name} {' '.join(arguments)}".rstrip())
            outcome = run(script, arguments, timeout, env)
            outcomes.append(outcome)
            _progress(f"    {outcome.seconds:.1f} s, {len(outcome.results)} result(s)"
                      + (f", FAILED: {outcome.failure}" if outcome.failure else ""))
            if args.verbose:
                print("\n".join(line for line in outcome.stdout.splitlines()
                                if not line.startswith(MARKER)), flush=True)
    total = time.perf_counter() - began
    print(table(chosen, outcomes))
    size = "full sizes" if args.full else "small sizes"
    print(f"\n{len(chosen)} benchmark(s) at {size} in {total:.0f} s"
          + ("" if args.full or total <= SMALL_BUDGET_S
             else f" (over the {SMALL_BUDGET_S:.0f} s a small run should take)"))
    return 1 if any(o is not None and o.failure for o in outcomes) else 0


def _names(text: str) -> set[str]:
    return {name.strip().removesuffix(".py") for name in text.split(",") if name.strip()}


def _progress(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def run(script: Script, arguments: tuple[str, ...], timeout: float,
        env: dict[str, str]) -> Outcome:
    """Run one script to its end or its timeout; its process group is killed at
    the timeout, so a child it spawned cannot keep the pipes (and us) waiting."""
    command = [sys.executable, str(HERE / f"{script.name}.py"), *arguments]
    began = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True)
    timed_out = False
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        os.killpg(process.pid, signal.SIGKILL)
        stdout, stderr = process.communicate()
    except BaseException:  # Ctrl-C: leave nothing running behind us
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise
    outcome = Outcome(stdout=stdout, seconds=time.perf_counter() - began)
    for line in stdout.splitlines():
        if line.startswith(MARKER):
            try:
                outcome.results.append(json.loads(line[len(MARKER):]))
            except json.JSONDecodeError:
                outcome.failure = f"unreadable result line: {line[:80]}"
    last = next((line.strip() for line in reversed(stderr.splitlines()) if line.strip()), "")
    if timed_out:
        outcome.failure = f"timed out after {timeout:.0f} s" + (f"; {last}" if last else "")
    elif process.returncode != 0:
        outcome.failure = f"exit {process.returncode}" + (f": {last}" if last else "")
    return outcome


COLUMNS = ("benchmark", "measure", "figure", "anchor", "ratio", "budget", "verdict")


def table(scripts: list[Script], outcomes: list[Outcome | None]) -> str:
    rows: list[tuple[str, ...]] = []
    for script, outcome in zip(scripts, outcomes, strict=True):
        if outcome is None:
            rows.append((script.name, "skipped in the small run; --full runs it", "", "", "",
                         "", "skipped"))
            continue
        rows.extend(_row(script.name, found) for found in outcome.results)
        if outcome.failure:
            rows.append((script.name, _clip(outcome.failure, 70), "", "", "", "", "FAILED"))
        elif not outcome.results:
            rows.append((script.name, "no results (prints no BENCH lines)", "", "", "", "",
                         "no results"))
    widths = [max(len(column), *(len(row[i]) for row in rows)) for i, column in
              enumerate(COLUMNS)]
    right = {2, 3, 4}  # numbers
    lines = []
    for row in (COLUMNS, tuple("-" * width for width in widths), *rows):
        cells = [cell.rjust(width) if i in right else cell.ljust(width)
                 for i, (cell, width) in enumerate(zip(row, widths, strict=True))]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def _row(name: str, found: dict[str, Any]) -> tuple[str, ...]:
    unit = found.get("unit", "")
    anchor, ratio, budget = found.get("anchor"), found.get("ratio"), found.get("budget")
    met = found.get("met")
    if budget is None:
        shown_budget = ""
    elif found.get("budget_on") == "ratio":
        shown_budget = f"<= {budget:.2f}x"
    else:
        sign = ">=" if found.get("budget_on") == "at_least" else "<="
        shown_budget = f"{sign} {_number(budget)} {unit}"
    verdict = "-" if met is None else "ok" if met else "OVER"
    return (name, str(found.get("measure", "?")), f"{_number(found['figure'])} {unit}",
            "" if anchor is None else f"{_number(anchor)} {unit}",
            "" if ratio is None else f"{ratio:.2f}x", shown_budget, verdict)


def _number(value: float) -> str:
    """Three significant figures or so, never in exponent form."""
    size = abs(value)
    if size >= 100 or value == int(value):
        return f"{value:,.0f}"
    return f"{value:.1f}" if size >= 10 else f"{value:.2f}" if size >= 1 else f"{value:.3f}"


def _clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


if __name__ == "__main__":
    sys.exit(main())
