"""Search, near-duplicate and import benchmarks. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/search_bench.py            # 1k, 10k and 100k questions
    .venv/bin/python benchmarks/search_bench.py --quick    # 1k and 10k only
    .venv/bin/python benchmarks/search_bench.py --sizes 100000 --agreement 50

Budgets (DESIGN.md): on bankgen's banks (a realistic vocabulary: about 58,000
distinct words at 100k, printed), search p95 <= 16 ms per keystroke at 100k
with top-10 agreement >= 95% against an exhaustive WRatio ranking, on typed
prefixes and on whole queries alike; index build <= 2 s at 100k; the saved
index loads in <= 100 ms at 100k; near-duplicates at 10k <= 5 s.

Keystrokes: every prefix of each query, as a person types it, each query
starting with cold caches; "whole query" is the finished query, cold.
Agreement is measured on the first --agreement queries: on each whole query,
and on every prefix of it ("typed"; a prefix that normalises to nothing is
skipped). The saved index is also checked to answer every query exactly as
the built one does.

Agreement, per query: the share of our top 10 whose exhaustive WRatio score is
at least the 10th best exhaustive score (`process.extract(query, keys,
scorer=fuzz.WRatio, limit=10)` over every question's search key). Ties are
common (every key sharing a word with the query scores the same), so "strict"
(same ids as rapidfuzz's tie order) is printed too, for information. The
exhaustive call is given a score_cutoff no higher than the 10th best score
(the 10th best among the shortest 3,000 keys, or among our own hits, less a
margin: rapidfuzz may drop a key scoring exactly at its cutoff): that only
skips keys that cannot be in the top 10, so it returns the same ten, in the
same order, several times faster; if it ever returned fewer, the full call
is made instead.

`interview search` (budget <= 0.5 s and <= 300 MB at 100k, whole process):
the generated bank written as files (bankgen.write_bank) under a private
INTERVIEW_HOME, then the command run as a user would: first (the bank is
validated and cached, the index built and saved), second (the bank now comes
from its cache, the saved index is found under its new key), then warm runs,
each timed from spawn to exit with the child's peak RSS (wait4). --cli 0
skips it; --quick times it at 10k.

Also: near-duplicate detection over 10,000 questions (and what it finds
against the duplicates planted in the generated bank), and import throughput
(Markdown and CSV parsing, then planning against a 10,000-question bank).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import tempfile

from bankgen import SUBJECTS, generate, generate_distinct, write_bank
from rapidfuzz import fuzz, process

from interview.bank.importer import ImportOptions, plan_import, read_source
from interview.search.dupes import near_duplicates
from interview.search.index import SearchIndex, content_key
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


def reference(keys: list[str], text: str, known: list[int]) -> list[tuple[str, float, int]]:
    """rapidfuzz's exhaustive top 10 for `text` (see the module docstring: the
    cutoff only skips keys that cannot be in it)."""
    if len(keys) <= 3000:
        return process.extract(text, keys, scorer=fuzz.WRatio, limit=10)
    # Any ten keys' lowest score is at most the 10th best: the shortest keys', ours.
    bound = process.extract(text, keys[:3000], scorer=fuzz.WRatio, limit=10)[-1][1]
    if len(set(known)) >= 10:
        bound = max(bound, min(fuzz.WRatio(text, keys[n]) for n in known[:10]))
    # rapidfuzz may drop a key scoring right at the cutoff: leave a margin.
    found = process.extract(text, keys, scorer=fuzz.WRatio, limit=10,
                            score_cutoff=max(0.0, bound - 1.0))
    if len(found) < 10 or found[-1][1] < bound - 1e-6:  # cannot be; but never guess
        found = process.extract(text, keys, scorer=fuzz.WRatio, limit=10)
    return found


def agreement(index: SearchIndex, positions: dict[str, int], query: str,
              cache: dict[str, list[tuple[str, float, int]]]) -> tuple[float, float] | None:
    """(strict, tied) agreement of our top 10 for `query`; None if it is empty."""
    text = normalize(query)
    if not text:
        return None
    hits = index.search(query, 10)
    mine = [positions[h.question.id] for h in hits]
    if text not in cache:
        cache[text] = reference(index.keys, text, mine)
    found = cache[text]
    if not found:
        return 1.0, 1.0
    cutoff = found[-1][1]
    strict = len(set(mine) & {position for _, _, position in found}) / len(found)
    scores = [fuzz.WRatio(text, index.keys[p]) for p in mine]
    tied = sum(score >= cutoff - 1e-6 for score in scores) / len(found)
    return strict, tied


def bench_search(size: int, queries_count: int, agreement_count: int) -> None:
    questions = generate(size)
    started = time.perf_counter()
    cpu = time.process_time()
    index = SearchIndex.build(questions)
    build = time.perf_counter() - started
    build_cpu = time.process_time() - cpu
    by_id = {q.id: q for q in questions}
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "search.index"
        key = content_key(by_id)
        started = time.perf_counter()
        index.save(path, key)
        save = time.perf_counter() - started
        loads = []
        for _ in range(3):
            started = time.perf_counter()
            loaded = SearchIndex.load(path, by_id, key)
            loads.append(time.perf_counter() - started)
        size_mb = path.stat().st_size / 1e6
    assert loaded is not None, "the saved index did not load"
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
    same = all(_results(index, q[:end]) == _results(loaded, q[:end])
               for q in queries[:20] for end in range(1, len(q) + 1))
    positions = {q.id: n for n, q in enumerate(index.questions)}
    cache: dict[str, list[tuple[str, float, int]]] = {}
    started = time.perf_counter()
    measured: dict[str, list[tuple[float, float]]] = {"whole": [], "typed": []}
    for query in queries[:agreement_count]:
        for end in range(1, len(query) + 1):
            found = agreement(index, positions, query[:end], cache)
            if found is not None:
                measured["whole" if end == len(query) else "typed"].append(found)
    measured["typed"] += measured["whole"]  # the last keystroke is typed too
    exhaustive = time.perf_counter() - started
    figures = {kind: (statistics.mean(t for _, t in found), statistics.mean(s for s, _ in found),
                      len(found)) for kind, found in measured.items()}
    print(f"search {size:>7,} questions, {len(index.vocabulary):,} distinct words: "
          f"build {build:5.2f} s ({build_cpu:.2f} s CPU), save {save:.2f} s, load "
          f"{min(loads) * 1000:.0f} ms ({size_mb:.0f} MB, {'same' if same else 'DIFFERENT'} "
          f"results)")
    print(f"    per keystroke p50 {percentile(keystrokes, 0.5):5.2f} ms "
          f"p95 {percentile(keystrokes, 0.95):5.2f} ms ({len(keystrokes)} keystrokes) | "
          f"whole query cold p50 {percentile(whole, 0.5):5.2f} "
          f"p95 {percentile(whole, 0.95):5.2f} ms")
    print("    top-10 agreement: " + ", ".join(
        f"{kind} {tied:.1%} (strict {strict:.1%}, {count} {kind} queries)"
        for kind, (tied, strict, count) in figures.items()) + f"; exhaustive {exhaustive:.0f} s")


def _results(index: SearchIndex, query: str) -> list[tuple[str, float, str]]:
    return [(h.question.id, h.score, h.match) for h in index.search(query, 10)]


def bench_cli(size: int, runs: int = 7) -> None:
    with tempfile.TemporaryDirectory(prefix="interview-search-") as directory:
        bank = write_bank(Path(directory) / "bank", generate(size))
        env = {**os.environ, "INTERVIEW_HOME": str(Path(directory) / "home")}
        argv = [sys.executable, "-m", "interview", "--bank", str(bank), "search", "rate limtr",
                "--format", "json"]
        first = _spawn(argv, env)
        second = _spawn(argv, env)
        warm = sorted(_spawn(argv, env) for _ in range(runs))
    seconds = [s for s, _ in warm]
    print(f"interview search {size:>7,} questions: warm median {statistics.median(seconds):.2f} s "
          f"(max {seconds[-1]:.2f} s), peak {max(kb for _, kb in warm) / 1024:.0f} MB "
          f"({runs} runs) | first run {first[0]:.1f} s, {first[1] / 1024:.0f} MB; second "
          f"{second[0]:.2f} s, {second[1] / 1024:.0f} MB")


# Spawns the command and reports its wall time and peak RSS: run from a small
# process, since a child's peak RSS counts the parent it was forked from.
_MEASURE = """
import os, subprocess, sys, time
started = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(child.pid, 0)
print(time.perf_counter() - started, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def _spawn(argv: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds from spawn to exit, and the child's peak RSS in KB (Linux)."""
    found = subprocess.run([sys.executable, "-c", _MEASURE, *argv], env=env, check=True,
                           capture_output=True, text=True).stdout.split()
    if found[2] != "0":
        raise SystemExit(f"{' '.join(argv)} failed ({found[2]})")
    return float(found[0]), int(found[1])


def bench_dupes(size: int) -> None:
    questions = generate_distinct(size)
    started = time.perf_counter()
    pairs = near_duplicates(questions)
    elapsed = time.perf_counter() - started
    print(f"dupes  {size:>7,} questions: {elapsed:5.2f} s, {len(pairs)} pair(s) at "
          f"the default threshold (about {int(size * 0.01)} reworded copies were planted)")


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
    parser.add_argument("--queries", type=int, default=200, help="queries timed")
    parser.add_argument("--agreement", type=int, default=100,
                        help="queries (and all their prefixes) checked against WRatio")
    parser.add_argument("--sizes", type=int, nargs="*",
                        help="bank sizes to search (none: only the other benchmarks)")
    parser.add_argument("--cli", type=int, help="bank size to time `interview search` at "
                        "(default 100,000; 10,000 with --quick; 0: skip)")
    args = parser.parse_args()
    sizes = args.sizes if args.sizes is not None else (
        (1_000, 10_000) if args.quick else (1_000, 10_000, 100_000))
    for size in sizes:
        bench_search(size, args.queries, min(args.queries, args.agreement))
    cli_size = args.cli if args.cli is not None else (10_000 if args.quick else 100_000)
    if cli_size:
        bench_cli(cli_size)
    bench_dupes(10_000)
    bench_import(5_000, 10_000)


if __name__ == "__main__":
    main()
