"""Search, near-duplicate and import benchmarks. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/search_bench.py            # 1k, 10k and 100k questions
    .venv/bin/python benchmarks/search_bench.py --quick    # 1k and 10k only
    .venv/bin/python benchmarks/search_bench.py --sizes 100000 --agreement 50
    .venv/bin/python benchmarks/search_bench.py --sizes 1000 --queries 20 --agreement 10 \
        --cli 1000 --cli-runs 2 --dupes 1000 --import 500 --import-bank 1000   # a smoke run

Budgets (DESIGN.md): on bankgen's banks (a realistic vocabulary: about 58,000
distinct words at 100k, printed), search p95 <= 16 ms per keystroke at 100k
with strict top-10 agreement >= 95% against an exhaustive WRatio ranking, on
typed prefixes and on whole queries alike; index build <= 2 s at 100k; the
saved index loads in <= 100 ms at 100k; near-duplicates at 10k <= 5 s;
`interview search` at 100k <= 0.5 s and <= 300 MB peak, whole process. The
same absolute budgets are shown at the smaller sizes (they are easier there).

What is timed, and the anchors: search, build, save and load are in-process
(load: the best of 3, the file just written, so the OS cache is warm); the
build and `interview search` have no in-run anchor, their budgets being
absolute, except that the whole-process figure is printed beside a bare
interpreter start (`python -c pass`, interleaved) to show how much of it is
Python's own start.

Keystrokes: every prefix of each query, as a person types it, each query
starting with cold caches; "whole query" is the finished query, cold.
Agreement is measured on the first --agreement queries: on each whole query,
and on every prefix of it ("typed"; a prefix that normalises to nothing is
skipped). The saved index is also checked to answer every query exactly as
the built one does.

Agreement, per query: "strict", the budgeted figure, is the share of our top
10 that is in the exhaustive top 10: every question's search key scored by
rapidfuzz's WRatio (`process.extract(query, keys, scorer=fuzz.WRatio)`), the
ten best by score, ties broken by the same key as the product breaks them:
match kind (`SearchIndex.match_kinds`: exact phrase, phrase being typed,
every word, partial), then key number (shortest key first, which is also
rapidfuzz's own order). Ties are common (every key sharing a word with the
query, or holding a typed prefix anywhere, scores the same), so "tied" is
printed too, for information: the share of our top 10 whose exhaustive
WRatio score is at least the 10th best exhaustive score. The product departs
from the exhaustive ranking on purpose in two ways, both counted as misses:
questions found by their prompt (the reference scores keys only), and, when
a query word is a typo (no bank word is it or begins with it), keys holding
a close spelling of every word before partial matches that WRatio scores a
little higher (index.py). The exhaustive call is given a score_cutoff no
higher than the 10th best score (the 10th best among the shortest 3,000
keys, or among our own hits, less a margin: rapidfuzz may drop a key scoring
exactly at its cutoff): that only skips keys that cannot be in the top 10,
so it returns the same ten, in the same order, several times faster; if it
ever returned fewer, the full call is made instead. Then every key scoring
at least the 10th best is fetched to break the ties.

`interview search` (budget <= 0.5 s and <= 300 MB at 100k, whole process):
the generated bank written as files (bankgen.write_bank) under a private
INTERVIEW_HOME, then the console script run as a user would (`interview
--bank DIR search QUERY`): first (cold: the bank is validated and cached, the
index built and saved), second (the bank now comes from its cache, the saved
index is found under its new key), then --cli-runs warm runs, each a fresh
child timed from spawn to exit with its peak RSS (wait4, from a small
launcher). The budget is held against the warm runs' median wall time and
their largest peak RSS. --cli 0 skips it; --quick times it at 10k.

Also, in-process: near-duplicate detection over --dupes questions (default
10,000; and what it finds against the duplicates planted in the generated
bank), and import throughput (Markdown and CSV parsing, then planning
against a bank of --import-bank questions; no budget).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bankgen import SUBJECTS, generate, generate_distinct, write_bank
from benchtable import result
from rapidfuzz import fuzz, process

from interview.bank.importer import ImportOptions, plan_import, read_source
from interview.search.dupes import near_duplicates
from interview.search.index import TIERS, SearchIndex, content_key
from interview.search.text import normalize

KEYSTROKE_BUDGET_MS = 16.0
AGREEMENT_BUDGET = 0.95
BUILD_BUDGET_S = 2.0
LOAD_BUDGET_MS = 100.0
CLI_BUDGET_S = 0.5
CLI_BUDGET_MB = 300.0
DUPES_BUDGET_S = 5.0


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


def reference(index: SearchIndex, query: str, known: list[int]) -> list[tuple[float, int]]:
    """rapidfuzz's exhaustive top 10 for `query`, as (score, key number), ties broken
    as the product breaks them (see the module docstring: the cutoff only skips
    keys that cannot be in it)."""
    keys, text = index.keys, normalize(query)
    if len(keys) <= 3000:
        found = process.extract(text, keys, scorer=fuzz.WRatio, limit=10)
    else:
        # Any ten keys' lowest score is at most the 10th best: the shortest keys', ours.
        bound = process.extract(text, keys[:3000], scorer=fuzz.WRatio, limit=10)[-1][1]
        if len(set(known)) >= 10:
            bound = max(bound, min(fuzz.WRatio(text, keys[n]) for n in known[:10]))
        # rapidfuzz may drop a key scoring right at the cutoff: leave a margin.
        found = process.extract(text, keys, scorer=fuzz.WRatio, limit=10,
                                score_cutoff=max(0.0, bound - 1.0))
        if len(found) < 10 or found[-1][1] < bound - 1e-6:  # cannot be; but never guess
            found = process.extract(text, keys, scorer=fuzz.WRatio, limit=10)
    if not found:
        return []
    # Every key tied with the 10th, ordered by the product's tie-break: match kind, number.
    tenth = found[-1][1]
    tied = process.extract(text, keys, scorer=fuzz.WRatio, limit=None,
                           score_cutoff=max(0.0, tenth - 1.0))
    kind = index.match_kinds(query)
    ranked = sorted(((score, n) for _, score, n in tied if score >= tenth - 1e-6),
                    key=lambda s: (-s[0], -TIERS[kind(s[1])], s[1]))
    return ranked[:10]


def agreement(index: SearchIndex, positions: dict[str, int], query: str,
              cache: dict[tuple[str, bool], list[tuple[float, int]]]
              ) -> tuple[float, float] | None:
    """(strict, tied) agreement of our top 10 for `query`; None if it is empty."""
    text = normalize(query)
    if not text:
        return None
    hits = index.search(query, 10)
    mine = [positions[h.question.id] for h in hits]
    typing = not query[-1:].isspace()  # the tie-break's match kinds depend on it
    if (text, typing) not in cache:
        cache[text, typing] = reference(index, query, mine)
    found = cache[text, typing]
    if not found:
        return 1.0, 1.0
    cutoff = found[-1][0]
    strict = len(set(mine) & {n for _, n in found}) / len(found)
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
    prefixes = [q[:end] for q in queries[:20] for end in range(1, len(q) + 1)]
    differ = sum(_results(index, text) != _results(loaded, text) for text in prefixes)
    positions = {q.id: n for n, q in enumerate(index.questions)}
    cache: dict[tuple[str, bool], list[tuple[float, int]]] = {}
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
    at = f"@{size:,}"
    print(f"search {size:>7,} questions, {len(index.vocabulary):,} distinct words: "
          f"build {build:5.2f} s ({build_cpu:.2f} s CPU), save {save:.2f} s "
          f"({size_mb:.0f} MB); per keystroke p50 {percentile(keystrokes, 0.5):5.2f} ms; "
          f"whole query cold p50 {percentile(whole, 0.5):5.2f} ms, "
          f"p95 {percentile(whole, 0.95):5.2f} ms; "
          f"tied agreement " + ", ".join(f"{kind} {tied:.1%}"
                                        for kind, (tied, _, _) in figures.items())
          + f"; exhaustive ranking {exhaustive:.0f} s")
    note = "budget at 100,000 questions"
    result(f"search per keystroke p95 {at}", percentile(keystrokes, 0.95), "ms",
           budget=KEYSTROKE_BUDGET_MS, budget_on="figure",
           note=f"{len(keystrokes)} keystrokes; {note}")
    for kind, (_, strict, count) in figures.items():
        result(f"search strict top-10 agreement, {kind} {at}", strict * 100, "%",
               budget=AGREEMENT_BUDGET * 100, budget_on="at_least",
               note=f"{count} {kind} queries")
    result(f"search index build {at}", build, "s", budget=BUILD_BUDGET_S, budget_on="figure",
           note=note)
    result(f"search saved index load {at}", min(loads) * 1000, "ms", budget=LOAD_BUDGET_MS,
           budget_on="figure", note=f"best of 3; {note}")
    result(f"search saved index answers differently {at}", differ, "queries", budget=0,
           budget_on="figure", note=f"of {len(prefixes)} typed prefixes, against the built one")


def _results(index: SearchIndex, query: str) -> list[tuple[str, float, str]]:
    return [(h.question.id, h.score, h.match) for h in index.search(query, 10)]


def bench_cli(size: int, runs: int = 7) -> None:
    """`interview search` as a user runs it: the console script, a fresh child each run."""
    script = Path(sys.executable).with_name("interview")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "interview"]
    with tempfile.TemporaryDirectory(prefix="interview-search-") as directory:
        bank = write_bank(Path(directory) / "bank", generate(size))
        env = {**os.environ, "INTERVIEW_HOME": str(Path(directory) / "home")}
        argv = [*command, "--bank", str(bank), "search", "rate limtr", "--format", "json"]
        first = _spawn(argv, env)
        second = _spawn(argv, env)
        warm: list[tuple[float, int]] = []
        bare: list[float] = []
        for _ in range(runs):  # interleaved, so noise hits both alike
            bare.append(_spawn([sys.executable, "-c", "pass"], env)[0])
            warm.append(_spawn(argv, env))
    seconds = sorted(s for s, _ in warm)
    peak_mb = max(kb for _, kb in warm) / 1024
    print(f"interview search {size:>7,} questions: warm max {seconds[-1]:.2f} s | first run "
          f"(cold) {first[0]:.1f} s, {first[1] / 1024:.0f} MB; second {second[0]:.2f} s, "
          f"{second[1] / 1024:.0f} MB")
    note = f"{runs} warm runs; budget at 100,000 questions"
    result(f"interview search whole process, warm median @{size:,}", statistics.median(seconds),
           "s", anchor=statistics.median(bare), anchor_name="python -c pass",
           budget=CLI_BUDGET_S, budget_on="figure", note=note)
    result(f"interview search peak RSS, warm max @{size:,}", peak_mb, "MB",
           budget=CLI_BUDGET_MB, budget_on="figure", note=note)


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
    result(f"near-duplicates @{size:,}", elapsed, "s", budget=DUPES_BUDGET_S,
           budget_on="figure", note=f"{len(pairs)} pair(s) found, about {int(size * 0.01)} "
           "reworded copies planted; budget at 10,000 questions")


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
                  f"({len(found.drafts) / parsed:,.0f}/s); {len(plan.questions):,} new, "
                  f"{len(plan.skipped):,} skipped")
            result(f"import plan {name}, {count:,} against {bank_size:,}", planned, "s",
                   note="in-process; no budget (import_bench.py holds the whole command to one)")


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
    parser.add_argument("--cli-runs", type=int, default=7, help="warm `interview search` runs")
    parser.add_argument("--dupes", type=int, default=10_000,
                        help="questions to find near-duplicates among (0: skip)")
    parser.add_argument("--import", dest="import_count", type=int, default=5_000,
                        help="questions to import (0: skip)")
    parser.add_argument("--import-bank", type=int, default=10_000,
                        help="bank size the import is planned against")
    args = parser.parse_args()
    sizes = args.sizes if args.sizes is not None else (
        (1_000, 10_000) if args.quick else (1_000, 10_000, 100_000))
    for size in sizes:
        bench_search(size, args.queries, min(args.queries, args.agreement))
    cli_size = args.cli if args.cli is not None else (10_000 if args.quick else 100_000)
    if cli_size:
        bench_cli(cli_size, args.cli_runs)
    if args.dupes:
        bench_dupes(args.dupes)
    if args.import_count:
        bench_import(args.import_count, args.import_bank)


if __name__ == "__main__":
    main()
