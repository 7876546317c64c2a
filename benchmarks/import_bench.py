"""`interview bank import --dry-run` as a whole process. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/import_bench.py                  # 10,000 varied + 2,000 alike
    .venv/bin/python benchmarks/import_bench.py --items 4000 --alike 4000 --bank-size 10000
    .venv/bin/python benchmarks/import_bench.py --megabytes 20   # also a 20 MB varied list

What is timed: the whole process, from spawn to exit of `interview bank
import FILE --dry-run --competency networking`, once per list, with the bank's
cache warm after the first list. Budget (the bounded-import issue): 10,000
items of about 100 words imported in <= 10 s and <= 500 MB peak RSS; the
same budgets are shown for the other lists. No anchor: the budgets are
absolute.

The varied list is a Markdown list of questions of 80 to 120 words drawn from
a Zipf-distributed vocabulary: English function words, the engineering words
of benchmarks/bankgen.py's subjects and sentences, and a long tail of made-up
names (products, teams, jargon), so that most words are common and each
question still has a few rare ones, as real lists do. Planted among them:
light rewordings of an earlier item (about 1 word in 25 replaced), earlier
items with a sentence added, exact repeats, and rewordings of questions from
the bank the import runs against: these are the near-duplicates the import
should skip, and the figures say how many it did.

The alike list is the issue's worst case: 2,000 one-line items that differ in
a word or two ("... between two kernel hosts ..., variant 17?"), every one a
near-duplicate of the first.

A list over the 20 MB import limit (--megabytes 25, say) is run with --max-size.
The bank is the bundled one unless --bank-size generates one (bankgen's varied
prompts, written with bankgen.write_bank). Peak RSS is the child's (wait4),
measured from a small launcher process, as in search_bench.py.
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import random
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bankgen import CONSTRAINTS, SENTENCES, SUBJECTS, generate_distinct, write_bank
from benchtable import result

from interview.bank.loader import load_bank

FUNCTION_WORDS = (
    "the", "a", "of", "to", "and", "in", "you", "how", "would", "what", "we", "is", "for", "that",
    "with", "on", "it", "your", "this", "when", "which", "do", "if", "be", "are", "can", "should",
    "an", "or", "at", "by", "from", "as", "not", "but", "they", "their", "will", "about", "one",
)
STARTERS = ("How would you", "What would you do if", "Explain how you would", "Why would",
            "How do you", "Walk me through how", "Describe how", "What happens when")
BUDGET_S = 10.0
BUDGET_MB = 500.0
_SYLLABLES = ("ka", "lo", "mi", "ra", "to", "ve", "zu", "pen", "dor", "qui", "sal", "bex", "nor",
              "tri", "gal", "fen", "os", "ur", "ith", "wen")


def _engineering_words() -> list[str]:
    text = " ".join((*SUBJECTS, *CONSTRAINTS, *SENTENCES))
    words = re.findall(r"[a-z][a-z0-9'-]+", re.sub(r"\{\w+\}", " ", text.lower()))
    return [w for w in dict.fromkeys(words) if w not in FUNCTION_WORDS]


class Vocabulary:
    """Function words, engineering words and a made-up long tail, Zipf-weighted."""

    def __init__(self, rng: random.Random, tail_size: int) -> None:
        self.rng = rng
        self.engineering = _engineering_words()
        tail: dict[str, None] = {}
        while len(tail) < tail_size:
            word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
            tail[word + rng.choice(("", "", "s", "ing", "er", "ed"))] = None
        self.tail = list(tail)
        self.engineering_weights = _zipf(len(self.engineering), 5)
        self.tail_weights = _zipf(len(self.tail), 20)

    def word(self) -> str:
        roll = self.rng.random()
        if roll < 0.40:
            return self.rng.choice(FUNCTION_WORDS)
        if roll < 0.80:
            return self.rng.choices(self.engineering, cum_weights=self.engineering_weights)[0]
        return self.rng.choices(self.tail, cum_weights=self.tail_weights)[0]


def _zipf(size: int, offset: int) -> list[float]:
    return list(itertools.accumulate(1.0 / (rank + offset) for rank in range(size)))


def _reword(text: str, rng: random.Random, vocabulary: Vocabulary) -> str:
    words = text.rstrip("?").split()
    for _ in range(max(1, len(words) // 25)):
        words[rng.randrange(1, len(words))] = vocabulary.word()
    return " ".join(words) + "?"


def varied_items(count: int, bank_prompts: list[str],
                 seed: int = 1) -> tuple[list[str], Counter[str]]:
    """`count` questions of 80-120 words, and how many of each kind of copy were planted."""
    rng = random.Random(seed)
    vocabulary = Vocabulary(rng, max(3000, count))
    items: list[str] = []
    planted: Counter[str] = Counter()
    for _ in range(count):
        roll = rng.random()
        if items and roll < 0.04:
            items.append(_reword(rng.choice(items), rng, vocabulary))
            planted["reworded copy"] += 1
        elif items and roll < 0.06:
            extra = " ".join(vocabulary.word() for _ in range(rng.randint(4, 8)))
            items.append(rng.choice(items).rstrip("?") + f". And {extra}?")
            planted["copy with a sentence added"] += 1
        elif items and roll < 0.07:
            items.append(rng.choice(items))
            planted["exact repeat"] += 1
        elif bank_prompts and roll < 0.08:
            prompt = " ".join(rng.choice(bank_prompts).split())
            items.append(_reword(prompt, rng, vocabulary) if len(prompt.split()) >= 25
                         else prompt.rstrip("?.") + "?")
            planted["copy of a bank question"] += 1
        else:
            words = [vocabulary.word() for _ in range(rng.randint(80, 120))]
            items.append(f"{rng.choice(STARTERS)} {' '.join(words)}?")
    return items, planted


def alike_items(count: int, seed: int = 2) -> list[str]:
    rng = random.Random(seed)
    hosts = ("kernel", "socket", "router", "switch", "gateway", "proxy", "edge", "storage")
    return [f"How would you debug packet loss between two {rng.choice(hosts)} hosts in a busy "
            f"data centre network, variant {index}?" for index in range(count)]


def write_list(path: Path, items: list[str]) -> int:
    lines = ["# Networking questions", ""]
    for index, item in enumerate(items):
        if index % 100 == 0:
            lines += ["", f"## Part {index // 100 + 1}", ""]
        lines.append(f"- {item}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path.stat().st_size


# Spawns the command and reports its wall time, peak RSS and output: run from a
# small process, since a child's peak RSS counts the parent it was forked from.
_MEASURE = """
import os, subprocess, sys, time
started = time.perf_counter()
child = subprocess.Popen(sys.argv[2:], stdout=open(sys.argv[1], "w"))
_, status, usage = os.wait4(child.pid, 0)
print(time.perf_counter() - started, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def run_import(path: Path, bank: Path | None, home: Path) -> tuple[float, int, Counter[str]]:
    """Wall seconds, peak RSS in KB, and the skips by reason."""
    megabytes = path.stat().st_size / 1e6
    argv = [sys.executable, "-m", "interview", *(["--bank", str(bank)] if bank else []),
            "bank", "import", str(path), "--dry-run", "--competency", "networking",
            *(["--max-size", str(math.ceil(megabytes))] if megabytes > 20 else [])]
    output = path.with_suffix(".out")
    env = {**os.environ, "INTERVIEW_HOME": str(home)}
    measured = subprocess.run([sys.executable, "-c", _MEASURE, str(output), *argv], env=env,
                              check=True, capture_output=True, text=True).stdout.split()
    if measured[2] != "0":
        raise SystemExit(f"{' '.join(argv)} failed ({measured[2]}): "
                         f"{output.read_text()[-2000:]}")
    reasons: Counter[str] = Counter()
    for line in output.read_text(encoding="utf-8").splitlines():
        if not line.startswith("skipped "):
            continue
        if "near-duplicate of" in line:
            reasons["near-duplicate in the bank" if "in the bank" in line
                    else "near-duplicate in this import"] += 1
        elif "repeats " in line:
            reasons["exact repeat"] += 1
        else:
            reasons["already in the bank"] += 1
    return float(measured[0]), int(measured[1]), reasons


def report(name: str, items: int, size: int, figures: tuple[float, int, Counter[str]],
           planted: Counter[str] | None = None) -> None:
    seconds, kb, reasons = figures
    found = ", ".join(f"{count:,} {reason}" for reason, count in sorted(reasons.items()))
    print(f"{name}: {items:,} items ({size / 1e6:.2f} MB); skipped "
          f"{sum(reasons.values()):,}: {found or 'none'}")
    if planted is not None:
        print("    planted: " + ", ".join(f"{count:,} {kind}"
                                       for kind, count in sorted(planted.items())))
    note = "budget at 10,000 items of ~100 words"
    result(f"import {name} {items:,} items: wall", seconds, "s", budget=BUDGET_S,
           budget_on="figure", note=note)
    result(f"import {name} {items:,} items: peak RSS", kb / 1024, "MB", budget=BUDGET_MB,
           budget_on="figure", note=note)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000, help="varied items (0: skip)")
    parser.add_argument("--alike", type=int, default=2_000, help="near-identical items (0: skip)")
    parser.add_argument("--megabytes", type=float, default=0,
                        help="also a varied list of about this size (0: skip)")
    parser.add_argument("--bank-size", type=int, default=0,
                        help="import against a generated bank of this many questions "
                             "(0: the bundled bank)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="interview-import-") as directory:
        root = Path(directory)
        bank = None
        if args.bank_size:
            bank = write_bank(root / "bank", generate_distinct(args.bank_size, seed=9))
        prompts = [q.prompt for q in load_bank(bank, use_cache=False)]
        print(f"bank: {len(prompts):,} questions ({'generated' if bank else 'bundled'})")
        runs: list[tuple[str, list[str], Counter[str] | None]] = []
        if args.items:
            items, planted = varied_items(args.items, prompts)
            runs.append(("varied", items, planted))
        if args.alike:
            runs.append(("alike", alike_items(args.alike), None))
        if args.megabytes:
            count = int(args.megabytes * 1e6 / 690)  # about 690 bytes an item
            large, planted = varied_items(count, prompts, seed=3)
            runs.append((f"varied {args.megabytes:g} MB", large, planted))
        for name, listed, kinds in runs:
            path = root / f"{name.replace(' ', '-')}.md"
            size = write_list(path, listed)
            report(name, len(listed), size, run_import(path, bank, root / "home"), kinds)


if __name__ == "__main__":
    main()
