"""Bank loading, in-process: cold, one file edited, and warm. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/bank_bench.py                    # 10,000 questions, 7 runs
    .venv/bin/python benchmarks/bank_bench.py --questions 1000 --runs 3

What is timed, each in this process after one untimed run (imports, the
file-system cache), as `load_bank` returns a Bank with every question built:
- cold: no bank cache at all (`use_cache=False`): read, parse, validate;
- edited: one 500-question file rewritten since the last start; the other
  files come from the cache, that one is validated again and cached;
- warm: nothing changed; every question comes from the cache.
Budgets (DESIGN.md, at 10,000 questions): cold <= 1.5 s, edited <= 300 ms,
warm <= 100 ms. Also shown: a first start (validate, then write the cache).

Anchors in the same run: PyYAML's libyaml CSafeLoader `yaml.load` of the same
files, and yaml-rs's `loads` (the parser the bank uses): parsing alone, no
lines, no validation; cold is shown as a ratio to each.

The bank is the real one (questions/*.yaml) copied to a temporary directory
and grown to the requested size: each competency file repeats its own
questions' text with fresh ids, so question sizes, YAML styles and the
spread over the files are the real bank's; the first file holds 500
questions (the edited one), the rest share the others. File times are set
into the past, or the cache would not trust their stamps yet.
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
import yaml_rs
from benchtable import result

from interview.bank.loader import load_bank
from interview.bank.locations import bundled_bank_dir, yaml_files
from interview.config import cache_dir

_QUESTION_START = re.compile(r"^  - id: (\S+)[ \t]*$", re.MULTILINE)
_AN_HOUR_AGO = 3600
EDITED_SHARE = 500
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


def _shares(count: int, files: int) -> list[int]:
    first = min(EDITED_SHARE, count)
    rest, others = count - first, max(files - 1, 1)
    return [first, *(rest // others + (1 if n < rest % others else 0) for n in range(others))]


def write_file(path: Path, source: Path, share: int, mark: str = "") -> None:
    header, blocks = split_questions(source.read_text(encoding="utf-8"))
    parts = [header]
    for index in range(share):
        qid, body = blocks[index % len(blocks)]
        parts.append(f"  - id: {qid}-{index:05d}{mark}{body}")
        if not body.endswith("\n"):
            parts.append("\n")
    path.write_text("".join(parts), encoding="utf-8")
    past = time.time() - _AN_HOUR_AGO
    os.utime(path, (past, past))


def generate_bank(target: Path, count: int, source: Path | None = None) -> Path:
    """Write a bank of `count` questions under `target`: 500 in the first file, the
    rest spread evenly over the others."""
    source = source or bundled_bank_dir()
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(source / "taxonomy.yaml", target / "taxonomy.yaml")
    files = yaml_files(source)
    for path, share in zip(files, _shares(count, len(files)), strict=True):
        write_file(target / path.name, path, share)
    past = time.time() - _AN_HOUR_AGO
    os.utime(target / "taxonomy.yaml", (past, past))
    return target


def timed(action: Callable[[], T], runs: int, before: Callable[[], object] = lambda: None
          ) -> tuple[list[float], T]:
    """Seconds per run (after an untimed first run) and the last result; `before`
    runs untimed ahead of each run."""
    seconds = []
    before()
    result_ = action()
    for _ in range(runs):
        del result_  # freeing the previous result is not part of the next run
        before()
        start = time.perf_counter()
        result_ = action()
        seconds.append(time.perf_counter() - start)
    return seconds, result_


def ms(seconds: list[float]) -> float:
    return statistics.median(seconds) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bank-bench-") as scratch:
        root = Path(scratch)
        os.environ["INTERVIEW_HOME"] = str(root / "home")  # a private cache directory
        bank_dir = generate_bank(root / "bank", args.questions)
        files = yaml_files(bank_dir)
        texts = [p.read_text(encoding="utf-8") for p in files]
        edited_file, edited_source = files[0], yaml_files(bundled_bank_dir())[0]
        size = sum(p.stat().st_size for p in files)
        print(f"bank: {args.questions:,} questions in {len(files)} files, {size / 1e6:.1f} MB; "
              f"edited file {edited_file.name}: {_shares(args.questions, len(files))[0]} "
              f"questions, {edited_file.stat().st_size / 1e6:.1f} MB; {args.runs} runs each")

        cold, bank = timed(lambda: load_bank(bank_dir, use_cache=False), args.runs)
        if len(bank) != args.questions or bank.problems:
            raise SystemExit(f"generated bank is not clean: {len(bank)} questions, "
                             f"{len(bank.problems)} problems, first {bank.problems[:1]}")

        def no_cache() -> None:
            shutil.rmtree(cache_dir(), ignore_errors=True)

        first, _ = timed(lambda: load_bank(bank_dir), args.runs, before=no_cache)
        edits = iter(range(1, 10_000))

        def edit_one_file() -> None:
            load_bank(bank_dir)  # the cache holds the bank as it is
            write_file(edited_file, edited_source, EDITED_SHARE, f"-e{next(edits)}")

        edited, edited_bank = timed(lambda: load_bank(bank_dir), args.runs,
                                    before=edit_one_file)
        if len(edited_bank) != args.questions:
            raise SystemExit("the edited bank lost questions")
        write_file(edited_file, edited_source, EDITED_SHARE)
        load_bank(bank_dir)
        warm, warm_bank = timed(lambda: load_bank(bank_dir), args.runs)
        fresh = load_bank(bank_dir, use_cache=False)
        if type(warm_bank.questions) is not dict or warm_bank.questions != fresh.questions:
            raise SystemExit("the warm start did not return every question, as validated")
        entries = list((cache_dir() / "bank-files").glob("*.bin"))
        if len(entries) != len(files):
            raise SystemExit(f"{len(entries)} cache entries for {len(files)} files")

        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        libyaml, _ = timed(lambda: [yaml.load(t, Loader=loader) for t in texts],
                           max(1, args.runs // 3))
        yamlrs, _ = timed(lambda: [yaml_rs.loads(t) for t in texts], args.runs)

        # The budgets are set at 10,000 questions; smaller banks are only shown.
        at_size = args.questions == 10_000
        result("bank cold (no cache)", ms(cold), "ms", budget=1500 if at_size else None,
               budget_on="figure", anchor=ms(libyaml), anchor_name="libyaml CSafeLoader parse",
               note=f"vs yaml-rs parse alone {ms(cold) / ms(yamlrs):.2f}x ({ms(yamlrs):,.0f} ms)")
        result("bank first start (+ write cache)", ms(first), "ms")
        result(f"bank one {EDITED_SHARE}-question file edited", ms(edited), "ms",
               budget=300 if at_size else None, budget_on="figure")
        result("bank warm (every question built)", ms(warm), "ms",
               budget=100 if at_size else None, budget_on="figure")


if __name__ == "__main__":
    main()
