"""Which near-duplicate rule agrees with a person: precision and recall over
the labelled pairs in tests/data/near_duplicates.yaml. Prints figures; asserts
nothing (tests/test_dupes_rule.py holds the chosen rule to its target).

Nothing is timed: the figures are shares of labelled pairs, in-process. The
budget is the target: precision >= 95% at recall >= 90%, reported through
benchtable for the rule as shipped (dupes.pair_score at dupes.THRESHOLD) on
the held-out half and on the whole set; the anchor, printed beside it, is
the old rule (token_set_ratio >= 90) on the same pairs.

    .venv/bin/python benchmarks/dupes_rule_bench.py
    .venv/bin/python benchmarks/dupes_rule_bench.py --seed 7 --show-errors

The pairs are split in two halves by a fixed seed (stratified by label): every
candidate rule and threshold is measured on the "tune" half and the one chosen
there (the best precision with recall >= 90%, the target being precision >= 95%
at recall >= 90%; ties: better recall, then the earlier candidate, then the
lower threshold) is then reported on the held-out
half and on the whole set, next to the old rule (token_set_ratio >= 90) and
the rule interview.search.dupes.pair_score implements today.

Candidates (all on rapidfuzz's default_process: lowercase, punctuation as spaces):

- old            token_set_ratio
- sort+guard     token_sort_ratio, 0 if the shorter text is under 60% of the longer
- ratio+guard    ratio, with the same length guard
- dice           words weighted by their length + 1, 200 * shared / (total of both)
- dice-content   dice over content words (interview.search.dupes.prepare: common
                 words such as "what", "the", "explain" dropped, plurals folded)
- max(...)       the better of dice-content and sort+guard on the content words
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml
from rapidfuzz import fuzz, utils

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchtable import result

from interview.search import dupes

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "near_duplicates.yaml"
THRESHOLDS = [float(t) for t in range(50, 101, 5)]
TARGET_PRECISION = 0.95
TARGET_RECALL = 0.90

Scorer = Callable[[str, str], float]


@dataclass(frozen=True, slots=True)
class Pair:
    a: str
    b: str
    same: bool
    kind: str


def load(path: Path = DATA) -> list[Pair]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Pair(str(e["a"]), str(e["b"]), e["label"] == "same", str(e["kind"]))
            for e in entries]


def split(pairs: Sequence[Pair], seed: int) -> tuple[list[Pair], list[Pair]]:
    """Two halves, each with half of the `same` and half of the `different` pairs."""
    rng = random.Random(seed)
    tune: list[Pair] = []
    held: list[Pair] = []
    for label in (True, False):
        group = [p for p in pairs if p.same is label]
        rng.shuffle(group)
        tune.extend(group[: len(group) // 2])
        held.extend(group[len(group) // 2:])
    return tune, held


def _plain(text: str) -> str:
    return utils.default_process(text)


def _guarded(scorer: Scorer, prepare: Callable[[str], str], guard: float = 0.6) -> Scorer:
    def score(a: str, b: str) -> float:
        x, y = prepare(a), prepare(b)
        if not x or not y or min(len(x), len(y)) < guard * max(len(x), len(y)):
            return 0.0
        return scorer(x, y)
    return score


def _dice(prepare: Callable[[str], str]) -> Scorer:
    def score(a: str, b: str) -> float:
        x, y = set(prepare(a).split()), set(prepare(b).split())
        if not x or not y:
            return 0.0
        shared = sum(len(w) + 1 for w in x & y)
        total = sum(len(w) + 1 for w in x) + sum(len(w) + 1 for w in y)
        return 200.0 * shared / total
    return score


def _best(*scorers: Scorer) -> Scorer:
    def score(a: str, b: str) -> float:
        return max(s(a, b) for s in scorers)
    return score


def _current(a: str, b: str) -> float:
    return dupes.pair_score(dupes.prepare(a), dupes.prepare(b), 0.0)


CANDIDATES: dict[str, Scorer] = {
    "old (token_set_ratio)": lambda a, b: fuzz.token_set_ratio(_plain(a), _plain(b)),
    "sort+guard": _guarded(fuzz.token_sort_ratio, _plain),
    "ratio+guard": _guarded(fuzz.ratio, _plain),
    "dice": _dice(_plain),
    "dice-content": _dice(dupes.prepare),
    "sort+guard (content)": _guarded(fuzz.token_sort_ratio, dupes.prepare),
    "max(dice-content, sort+guard content)": _best(
        _dice(dupes.prepare), _guarded(fuzz.token_sort_ratio, dupes.prepare)),
}


def measure(scores: Sequence[float], pairs: Sequence[Pair],
            threshold: float) -> tuple[float, float, int, int]:
    """precision, recall, false positives, false negatives."""
    tp = sum(1 for s, p in zip(scores, pairs, strict=True) if s >= threshold and p.same)
    fp = sum(1 for s, p in zip(scores, pairs, strict=True) if s >= threshold and not p.same)
    fn = sum(1 for s, p in zip(scores, pairs, strict=True) if s < threshold and p.same)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall, fp, fn


def _line(name: str, threshold: float, scores: Sequence[float], pairs: Sequence[Pair]) -> str:
    p, r, fp, fn = measure(scores, pairs, threshold)
    return f"  {name:<40} >= {threshold:5.1f}  precision {p:6.1%}  recall {r:6.1%}  " \
           f"(fp {fp}, fn {fn}, n {len(pairs)})"


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--show-errors", action="store_true",
                        help="list the chosen rule's mistakes on the whole set")
    args = parser.parse_args(argv)
    pairs = load()
    tune, held = split(pairs, args.seed)
    print(f"{len(pairs)} pairs ({sum(p.same for p in pairs)} same); tune {len(tune)}, "
          f"held-out {len(held)} (seed {args.seed})\n")

    scored = {name: ([s(p.a, p.b) for p in tune], [s(p.a, p.b) for p in held],
                     [s(p.a, p.b) for p in pairs]) for name, s in CANDIDATES.items()}
    print("tune half, every candidate and threshold:")
    best: tuple[float, float, int, float, str] | None = None  # precision, recall, ...
    for order, (name, (on_tune, _, _)) in enumerate(scored.items()):
        for threshold in THRESHOLDS:
            print(_line(name, threshold, on_tune, tune))
            precision, recall, _, _ = measure(on_tune, tune, threshold)
            if recall >= TARGET_RECALL:
                key = (precision, recall, -order, -threshold, name)
                if best is None or key > best:
                    best = key
        print()
    if best is None:
        print(f"no candidate reaches recall {TARGET_RECALL:.0%} on the tune half")
        return
    chosen, threshold = best[4], -best[3]
    print(f"chosen on the tune half: {chosen} >= {threshold:g} (target: precision "
          f">= {TARGET_PRECISION:.0%} at recall >= {TARGET_RECALL:.0%})\n")

    current = ([_current(p.a, p.b) for p in held], [_current(p.a, p.b) for p in pairs])
    for title, index, subset in (("held-out half", 1, held), ("whole set", 2, pairs)):
        print(f"{title}:")
        print(_line("old (token_set_ratio)", 90.0, scored["old (token_set_ratio)"][index],
                    subset))
        print(_line(chosen, threshold, scored[chosen][index], subset))
        shipped = measure(current[index - 1], subset, dupes.THRESHOLD)
        baseline = measure(scored["old (token_set_ratio)"][index], subset, 90.0)
        for name, figure, anchor, target in (
                ("precision", shipped[0], baseline[0], TARGET_PRECISION),
                ("recall", shipped[1], baseline[1], TARGET_RECALL)):
            result(f"pair_score >= {dupes.THRESHOLD:g} {name}, {title}", figure * 100, "%",
                   anchor=anchor * 100, anchor_name="token_set_ratio >= 90",
                   budget=target * 100, budget_on="at_least",
                   note=f"fp {shipped[2]}, fn {shipped[3]}, n {len(subset)}")
        print()

    print("whole set by kind, old rule at 90 and dupes.pair_score at its THRESHOLD "
          "(share judged duplicate):")
    for kind in sorted({p.kind for p in pairs}):
        group = [p for p in pairs if p.kind == kind]
        old = sum(CANDIDATES["old (token_set_ratio)"](p.a, p.b) >= 90 for p in group)
        new = sum(_current(p.a, p.b) >= dupes.THRESHOLD for p in group)
        print(f"  {kind:<11} n {len(group):3}  old {old / len(group):6.1%}  "
              f"new {new / len(group):6.1%}")
    if args.show_errors:
        print("\ndupes.pair_score's mistakes on the whole set:")
        for p in pairs:
            score = _current(p.a, p.b)
            if (score >= dupes.THRESHOLD) != p.same:
                print(f"  {'missed' if p.same else 'wrong '} {score:5.1f} [{p.kind}] "
                      f"{p.a!r} ~ {p.b!r}")


if __name__ == "__main__":
    main()
