"""Bank load benchmark: cold validation and warm start. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/bank_bench.py                    # 10,000 questions, 7 runs
    .venv/bin/python benchmarks/bank_bench.py --questions 2000 --runs 3

Budgets (DESIGN.md): 10,000 questions validated in <= 1 s (cold: no cache);
an unchanged bank on a warm start <= 50 ms (the cache is present and valid).
Also shown: a first start (validate, then write the cache), and a warm start
followed by reading every question (a warm start reads questions from the
cache only when they are used).

The bank is the real one (questions/*.yaml) copied to a temporary directory
and grown to the requested size: each competency file repeats its own
questions' text with fresh ids, so question sizes, YAML styles (block scalars,
flow lists) and the spread over the 20 files are those of the real bank. The
files' mtimes are set into the past, or the cache would refuse to store a
bank changed in the last few seconds.

The anchor is PyYAML's CSafeLoader `yaml.load` of the same files: parsing
alone, with no line numbers and no validation.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import yaml

from interview.bank import cache
from interview.bank.loader import Bank, load_bank
from interview.bank.locations import bundled_bank_dir, yaml_files
from interview.bank.storedquestions import StoredQuestions
from interview.config import cache_dir

_QUESTION_START = re.compile(r"^  - id: (\S+)[ \t]*$", re.MULTILINE)
_AN_HOUR_AGO = 3600
T = TypeVar("T")


def split_questions(text: str) -> tuple[str, list[tuple[str, str]]]:
    """A file's header and its questions as (id, text from `- id:` to the next one)."""
    starts = list(_QUESTION_START.finditer(text))
    header = text[: starts[0].start()]
    blocks = []
    for here, following in zip(starts, [*starts[1:], None], strict=True):
        end = following.start() if following else len(text)
        blocks.append((here.group(1), text[here.end(): end]))
    return header, blocks


def generate_bank(target: Path, count: int, source: Path | None = None) -> Path:
    """Write a bank of `count` questions under `target`, spread evenly over the files."""
    source = source or bundled_bank_dir()
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(source / "taxonomy.yaml", target / "taxonomy.yaml")
    files = yaml_files(source)
    for number, path in enumerate(files):
        header, blocks = split_questions(path.read_text(encoding="utf-8"))
        share = count // len(files) + (1 if number < count % len(files) else 0)
        parts = [header]
        for index in range(share):
            qid, body = blocks[index % len(blocks)]
            parts.append(f"  - id: {qid}-{index:05d}{body}")
            if not body.endswith("\n"):
                parts.append("\n")
        (target / path.name).write_text("".join(parts), encoding="utf-8")
    past = time.time() - _AN_HOUR_AGO
    for path in target.iterdir():
        os.utime(path, (past, past))
    return target


def timed(action: Callable[[], T], runs: int) -> tuple[list[float], T]:
    """Seconds per run (after an untimed first run: imports, file cache) and the last result."""
    seconds = []
    result = action()
    for _ in range(runs):
        del result  # freeing the previous result is not part of the next run
        start = time.perf_counter()
        result = action()
        seconds.append(time.perf_counter() - start)
    return seconds, result


def safe_load_all(files: list[Path]) -> int:
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    total = 0
    for path in files:
        with path.open(encoding="utf-8") as handle:
            total += len(yaml.load(handle, Loader=loader)["questions"])
    return total


def report(name: str, seconds: list[float], budget: float | None) -> None:
    median = statistics.median(seconds)
    verdict = ""
    if budget is not None:
        verdict = f"   budget {budget * 1000:7.1f} ms  {'ok' if median <= budget else 'OVER'}"
    print(f"{name:<32} median {median * 1000:8.1f} ms   min {min(seconds) * 1000:8.1f} ms"
          f"   max {max(seconds) * 1000:8.1f} ms{verdict}")


def first_start(bank_dir: Path) -> Bank:
    """A start with no cache yet: validate, then write the cache."""
    for stale in cache_dir().glob("bank-*"):
        stale.unlink()
    bank = load_bank(bank_dir)
    if not list(cache_dir().glob("bank-*")):
        raise SystemExit("the first start wrote no cache")
    return bank


def every_question(bank: Bank) -> Bank:
    """What a screen listing the whole bank costs after a warm start."""
    if sum(len(q.prompt) > 0 for q in bank) != len(bank):
        raise SystemExit("a question without a prompt")
    return bank


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-reference", action="store_true",
                        help="skip the (slow) CSafeLoader reference")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bank-bench-") as scratch:
        root = Path(scratch)
        os.environ["INTERVIEW_HOME"] = str(root / "home")  # a private cache directory
        bank_dir = generate_bank(root / "bank", args.questions)
        written = time.time()
        files = yaml_files(bank_dir)
        size = sum(p.stat().st_size for p in files)
        print(f"bank: {args.questions} questions in {len(files)} files, {size / 1e6:.1f} MB, "
              f"{args.runs} runs each")

        cold, bank = timed(lambda: load_bank(bank_dir, use_cache=False), args.runs)
        if len(bank) != args.questions or bank.problems:
            raise SystemExit(f"generated bank is not clean: {len(bank)} questions, "
                             f"{len(bank.problems)} problems, first {bank.problems[:1]}")
        # Setting mtimes changed the files' ctime: the cache waits until that is settled.
        time.sleep(max(0.0, written + cache.RACY_SECONDS + 0.1 - time.time()))
        first, _ = timed(lambda: first_start(bank_dir), args.runs)
        warm, warm_bank = timed(lambda: load_bank(bank_dir), args.runs)
        if not isinstance(warm_bank.questions, StoredQuestions):
            raise SystemExit("the warm start did not come from the cache")
        reading, _ = timed(lambda: every_question(load_bank(bank_dir)), args.runs)
        if warm_bank.questions != bank.questions:
            raise SystemExit("the warm start returned a different bank")

        report("cold load (no cache)", cold, 1.0)
        report("first start (+ write cache)", first, None)
        report("warm load (valid cache)", warm, 0.050)
        report("warm load + read every question", reading, None)
        if not args.no_reference:
            reference, parsed = timed(lambda: safe_load_all(files), args.runs)
            assert parsed == args.questions
            report("CSafeLoader yaml.load", reference, None)
            ratio = statistics.median(cold) / statistics.median(reference)
            print(f"cold / CSafeLoader: {ratio:.2f}x")


if __name__ == "__main__":
    main()
