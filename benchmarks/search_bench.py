"""Search, near-duplicate and import benchmarks. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/search_bench.py            # 1k, 10k and 100k questions
    .venv/bin/python benchmarks/search_bench.py --quick    # 1k and 10k only

Budgets (DESIGN.md): search p95 <= 16 ms per keystroke at 100k with top-10
agreement >= 90% against an exhaustive WRatio ranking; index build <= 2 s at
100k; near-duplicates at 10k <= 5 s.

Also: near-duplicate detection over 10,000 questions (and what it finds
against the duplicates planted in the generated bank), and import throughput
(Markdown and CSV parsing, then planning against a 10,000-question bank).

Agreement, per query: the share of our top 10 whose exhaustive WRatio score is
at least the 10th best exhaustive score (`process.extract(query, keys,
scorer=fuzz.WRatio, limit=10)` over every question's search key). Ties are
common (every key sharing a word with the query scores the same), so "strict"
(same ids as rapidfuzz's tie order) is printed too, for information.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tempfile

from bankgen import SUBJECTS, generate, generate_distinct
from rapidfuzz import fuzz, process

from interview.bank.importer import ImportOptions, plan_import, read_source
from interview.search.dupes import near_duplicates
from interview.search.index import SearchIndex
from interview.search.text import normalize


def make_queries(index: SearchIndex, count: int, seed: int = 11) -> list[str]:
    """What people type: title fragments, subjects, typos, half-typed words."""
    rng = random.Random(seed)
    queries: list[str] = []
    while len(queries) < count:
        title_words = rng.choice(index.questions).title.lower().split()
        start = rng.randrange(len(title_words))
        fragment = " ".join(title_words[start:start + rng.randint(1, 3)])
        subject = rng.choice(SUBJECTS).lower()
        choice = rng.random()
        if choice < 0.3:
            queries.append(fragment)
        elif choice < 0.5:
            queries.append(subject)
        elif choice < 0.8:
            queries.append(typo(rng.choice([fragment, subject]), rng))
        else:
            text = rng.choice([fragment, subject])
            queries.append(text[: max(1, rng.randint(len(text) // 2, len(text)))])
    return queries


def typo(text: str, rng: random.Random) -> str:
    words = text.split()
    long_words = [i for i, w in enumerate(words) if len(w) >= 5]
    if not long_words:
        return text
    i = rng.choice(long_words)
    word = words[i]
    at = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        word = word[:at] + word[at + 1:]  # a dropped letter
    elif kind == 1:
        word = word[:at - 1] + word[at] + word[at - 1] + word[at + 1:]  # swapped letters
    else:
        word = word[:at] + rng.choice("aeioustr") + word[at + 1:]  # a wrong letter
    words[i] = word
    return " ".join(words)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def agreement(index: SearchIndex, positions: dict[str, int], query: str) -> tuple[float, float]:
    text = normalize(query)
    reference = process.extract(text, index.keys, scorer=fuzz.WRatio, limit=10)
    if not reference:
        return 1.0, 1.0
    cutoff = reference[-1][1]
    hits = index.search(query, 10)
    mine = [positions[h.question.id] for h in hits]
    strict = len(set(mine) & {position for _, _, position in reference}) / len(reference)
    scores = [fuzz.WRatio(text, index.keys[p]) for p in mine]
    tied = sum(score >= cutoff - 1e-6 for score in scores) / len(reference)
    return strict, tied


def bench_search(size: int, queries_count: int, agreement_count: int) -> None:
    questions = generate(size)
    started = time.perf_counter()
    cpu = time.process_time()
    index = SearchIndex.build(questions)
    build = time.perf_counter() - started
    build_cpu = time.process_time() - cpu
    queries = make_queries(index, queries_count)
    keystrokes: list[float] = []
    whole: list[float] = []
    for query in queries:
        index.clear_caches()  # every query starts cold
        for end in range(1, len(query) + 1):
            started = time.perf_counter()
            index.search(query[:end], 10)
            keystrokes.append((time.perf_counter() - started) * 1000)
        index.clear_caches()
        started = time.perf_counter()
        index.search(query, 10)
        whole.append((time.perf_counter() - started) * 1000)
    strict: list[float] = []
    tied: list[float] = []
    for query in queries[:agreement_count]:
        s, t = agreement(index, {q.id: n for n, q in enumerate(index.questions)}, query)
        strict.append(s)
        tied.append(t)
    print(f"search {size:>7,} questions: build {build:5.2f} s ({build_cpu:.2f} s CPU) | "
          f"per keystroke "
          f"p50 {percentile(keystrokes, 0.5):5.2f} ms p95 {percentile(keystrokes, 0.95):5.2f} ms "
          f"({len(keystrokes)} keystrokes) | whole query cold p50 {percentile(whole, 0.5):5.2f} "
          f"p95 {percentile(whole, 0.95):5.2f} ms | top-10 agreement "
          f"{statistics.mean(tied):.1%} (strict {statistics.mean(strict):.1%}, "
          f"{len(tied)} queries)")


def bench_dupes(size: int) -> None:
    questions = generate_distinct(size)
    started = time.perf_counter()
    pairs = near_duplicates(questions)
    elapsed = time.perf_counter() - started
    print(f"dupes  {size:>7,} questions: {elapsed:5.2f} s, {len(pairs)} pair(s) at "
          f"token_set_ratio >= 90 (about {int(size * 0.01)} reworded copies were planted)")


def bench_import(count: int, bank_size: int) -> None:
    """A Markdown list and a CSV of `count` questions (varied wording; a few copied
    from the bank), imported against a bank of `bank_size` questions."""
    rng = random.Random(3)
    bank = generate_distinct(bank_size, seed=9)
    wording = generate_distinct(count, seed=8, duplicate_share=0.0)
    lines = ["---", "title: generated", "---", "# Questions", "", "## Contents",
             "- [One](#one)", "- [Two](#two)", ""]
    rows = ["question,answer,tags"]
    for index, source in enumerate(wording):
        if index % 50 == 0:
            lines += ["", f"## Section {index // 50}", ""]
        words = source.prompt.split()[: rng.randint(8, 16)]
        text = ("How would you " + " ".join(words) + "?") if rng.random() > 0.02 else (
            rng.choice(bank).prompt)  # about 2% already in the bank
        lines.append(f"- {text}")
        if index % 3 == 0:
            lines.append(f"  - What changes at {index} times the traffic?")
        rows.append(f'"{text}","An outline for {index}",section-{index // 50}')
    options = ImportOptions(competency="coding-craft", roles=("software-engineer",),
                            kinds=("design", "debugging", "technical", "behavioral",
                                   "code-review"))
    with tempfile.TemporaryDirectory() as directory:
        for name, text in (("list.md", "\n".join(lines)), ("list.csv", "\n".join(rows))):
            path = Path(directory) / name
            path.write_text(text, encoding="utf-8")
            started = time.perf_counter()
            found = read_source(path)
            parsed = time.perf_counter() - started
            started = time.perf_counter()
            plan = plan_import(found.drafts, bank, options, near_duplicates)
            planned = time.perf_counter() - started
            print(f"import {name:>9}: {len(found.drafts):,} questions parsed in {parsed:5.2f} s "
                  f"({len(found.drafts) / parsed:,.0f}/s); checked against {bank_size:,} bank "
                  f"questions in {planned:5.2f} s; {len(plan.questions):,} new, "
                  f"{len(plan.skipped):,} skipped")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="skip the 100k bank")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--sizes", type=int, nargs="*", help="bank sizes to search")
    args = parser.parse_args()
    sizes = args.sizes or ((1_000, 10_000) if args.quick else (1_000, 10_000, 100_000))
    for size in sizes:
        bench_search(size, args.queries, min(args.queries, 100))
    bench_dupes(10_000)
    bench_import(5_000, 10_000)


if __name__ == "__main__":
    main()
