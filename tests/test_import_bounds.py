"""Bounded `interview bank import`: the size limit, and near-duplicate detection
that finds what scoring every pair finds without scoring every pair.

Timing belongs in benchmarks/import_bench.py; these tests count comparisons
(calls of the rule, interview.search.dupes.pair_score) and compare results
with a brute-force reference computed here.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

import interview.bank.importer
from interview.bank.model import Question
from interview.cli import cli
from interview.search import dupes
from tests.bankfiles import BankFactory, question, question_file

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from bankgen import generate_distinct

CHECKOUT = ("Our checkout service times out for five percent of requests after a routine "
            "deploy. Walk me through how you would find the cause and prove it?")
POOL = ("How would you size the connection pool of a service that talks to a sharded "
        "database through a proxy, and what would you watch after the change?")


def run(*args: str | Path) -> Result:
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.exception, result.output)
    return result


def write_list(path: Path, items: list[str]) -> Path:
    """A Markdown list, item i (from 0) on line i + 3."""
    path.write_text("# Networking\n\n" + "".join(f"- {item}\n" for item in items),
                    encoding="utf-8")
    return path


def dry_run(bank: Path, path: Path, *extra: str) -> dict[str, list[dict[str, object]]]:
    result = run("--bank", bank, "bank", "import", path, "--dry-run", "--competency",
                 "networking", "--format", "json", *extra)
    assert result.exit_code == 0, result.output
    data: dict[str, list[dict[str, object]]] = json.loads(result.stdout)
    return data


def count_comparisons(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts calls of the near-duplicate rule from now on (in the returned list)."""
    calls = [0]
    rule = dupes.pair_score

    def counted(first: str, second: str, threshold: float = dupes.THRESHOLD) -> float:
        calls[0] += 1
        return rule(first, second, threshold)

    monkeypatch.setattr(dupes, "pair_score", counted)
    return calls


@pytest.fixture
def bank(make_bank: BankFactory) -> Path:
    return make_bank({"networking.yaml": question_file(
        question("net-checkout", title="Checkout timeouts", prompt=CHECKOUT),
        question("net-mtu", title="MTU", prompt="What breaks when the path MTU shrinks?"),
        competency="networking",
    )})


# -- the size limit -------------------------------------------------------------------

def test_a_file_over_the_limit_is_refused_in_one_line_before_it_is_read(
        bank: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def never(path: Path) -> None:
        raise AssertionError(f"{path} was read")

    monkeypatch.setattr(interview.bank.importer, "read_source", never)
    big = tmp_path / "big.md"
    with big.open("wb") as handle:
        handle.truncate(25_300_000)  # sparse: no disk space used
    result = run("--bank", bank, "bank", "import", big, "--competency", "networking")
    assert result.exit_code == 1
    assert result.stderr == (f"interview: error: {big} is 25.3 MB, over the 20 MB import "
                             f"limit; --max-size 30 raises it\n")
    assert result.stdout == ""


def test_max_size_raises_the_limit(bank: Path, tmp_path: Path) -> None:
    path = write_list(tmp_path / "list.md", [POOL] * 8)  # repeats are skipped
    with path.open("a") as handle:
        handle.write("\n" * (1700 - path.stat().st_size))
    refused = run("--bank", bank, "bank", "import", path, "--dry-run", "--competency",
                  "networking", "--max-size", "0.001")
    assert refused.exit_code == 1
    assert refused.stderr.splitlines() == [  # not "0.0 MB, over the 0.001 MB limit"
        f"interview: error: {path} is 0.002 MB, over the 0.001 MB import limit; "
        f"--max-size 10 raises it"]
    exactly = dry_run(bank, path, "--max-size", "0.0017")  # at the limit is allowed
    assert [q["prompt"] for q in exactly["imported"]] == [POOL]


def test_max_size_must_be_positive(bank: Path, tmp_path: Path) -> None:
    path = write_list(tmp_path / "list.md", [POOL])
    result = run("--bank", bank, "bank", "import", path, "--competency", "networking",
                 "--max-size", "0")
    assert result.exit_code == 1
    assert result.stderr.startswith("interview: error: Invalid value for '--max-size'")


# -- near-duplicates are still found ----------------------------------------------------

def test_near_duplicates_in_the_import_and_in_the_bank_are_both_skipped(
        bank: Path, tmp_path: Path) -> None:
    edited_checkout = CHECKOUT.replace("five percent", "four percent").replace("routine",
                                                                               "normal")
    edited_pool = POOL.replace("sharded", "partitioned").replace("watch", "monitor")
    # A short question with a clause added is a duplicate, from either side; a short
    # question whose words all appear in a longer, different one is not (the old
    # rule, token_set_ratio >= 90, skipped those two longer ones, scoring them 100).
    syn = "What is a SYN flood?"
    added = {"bank": "What breaks when the path MTU shrinks? Be specific.",
             "import": "What is a SYN flood, briefly?"}
    longer = {"bank": "What breaks when the path MTU shrinks, and how would you find out "
                      "which hop is dropping the large packets?",
              "import": "What is a SYN flood, and how do SYN cookies let a server survive "
                        "one without keeping any state for half-open connections?"}
    path = write_list(tmp_path / "list.md", [POOL, edited_checkout, edited_pool, syn,
                                             added["bank"], added["import"],
                                             longer["bank"], longer["import"]])
    data = dry_run(bank, path)
    assert [q["prompt"] for q in data["imported"]] == [POOL, syn, longer["bank"],
                                                       longer["import"]]
    reasons = {s["line"]: str(s["reason"]) for s in data["skipped"]}
    assert set(reasons) == {4, 5, 7, 8}
    assert reasons[4].startswith("near-duplicate of net-checkout in the bank")
    assert reasons[5].startswith(f"near-duplicate of {path}:3 in this import")
    assert reasons[7].startswith("near-duplicate of net-mtu in the bank (")
    assert reasons[8].startswith(f"near-duplicate of {path}:6 in this import (")


def _reword(text: str, rng: random.Random, words: list[str]) -> str:
    tokens = text.split()
    for _ in range(max(1, len(tokens) // 25)):
        tokens[rng.randrange(len(tokens))] = rng.choice(words)
    return " ".join(tokens)


def _varied(seed: int) -> tuple[list[Question], list[str]]:
    """A bank of 120 varied prompts, and 300 items to import: varied prompts, some
    short; light rewordings of earlier items and of bank prompts; earlier items
    with a clause added, and short ones with a long one added."""
    rng = random.Random(seed)
    bank = generate_distinct(120, seed=seed, duplicate_share=0.0)
    fresh = [q.prompt for q in generate_distinct(300, seed=seed + 100, duplicate_share=0.1)]
    words = sorted({w for q in bank for w in q.prompt.split()})
    items: list[str] = []
    short: list[str] = []
    for text in fresh:
        roll = rng.random()
        if roll < 0.08:
            text = _reword(rng.choice(bank).prompt, rng, words)
        elif roll < 0.14 and items:
            text = rng.choice(items).rstrip("?") + " and " + " ".join(rng.sample(words, 3))
        elif roll < 0.24:
            text = " ".join(text.split()[:rng.randint(4, 8)])
            short.append(text)
        elif roll < 0.30 and short:
            text = rng.choice(short) + ", then " + " ".join(rng.sample(words, 20))
        items.append(text.rstrip("?") + "?")
    return bank, list(dict.fromkeys(items))  # exact repeats are another rule's business


def _greedy_reference(bank: list[str], items: list[str]) -> dict[int, str]:
    """Scoring every pair: item -> "bank" or "import" for each item skipped, taking
    items in order and comparing each with the bank and the items kept before it."""
    def alike(text: str, other: str) -> bool:
        return dupes.pair_score(dupes.prepare(text), dupes.prepare(other)) > 0

    kept: list[str] = []
    skipped: dict[int, str] = {}
    for number, text in enumerate(items):
        if any(alike(text, other) for other in bank):
            skipped[number] = "bank"
        elif any(alike(text, other) for other in kept):
            skipped[number] = "import"
        else:
            kept.append(text)
    return skipped


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_import_skips_what_scoring_every_pair_skips(
        make_bank: BankFactory, tmp_path: Path, seed: int) -> None:
    questions, items = _varied(seed)
    bank = make_bank({"networking.yaml": question_file(
        *(question(q.id, title=f"Generated {q.id}", prompt=q.prompt) for q in questions),
        competency="networking")})
    expected = _greedy_reference([q.prompt for q in questions], items)
    assert sum(v == "bank" for v in expected.values()) >= 5
    assert sum(v == "import" for v in expected.values()) >= 10
    data = dry_run(bank, write_list(tmp_path / "list.md", items))
    found = {int(str(s["line"])) - 3: "bank" if "in the bank" in str(s["reason"]) else "import"
             for s in data["skipped"]}
    assert found == expected
    assert len(data["imported"]) == len(items) - len(expected)


# -- ... without comparing every pair ---------------------------------------------------

def _alike(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    hosts = ("kernel", "socket", "router", "switch", "gateway", "proxy", "edge", "storage")
    return [f"How would you debug packet loss between two {rng.choice(hosts)} hosts in a busy "
            f"data centre network, variant {number}?" for number in range(count)]


def test_3000_near_identical_items_cost_a_few_comparisons_each(
        bank: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = count_comparisons(monkeypatch)
    data = dry_run(bank, write_list(tmp_path / "alike.md", _alike(3000, seed=1)))
    assert len(data["imported"]) == 1
    assert len(data["skipped"]) == 2999
    assert all(str(s["reason"]).startswith(f"near-duplicate of {tmp_path / 'alike.md'}:3 ")
               for s in data["skipped"])
    assert calls[0] <= 2 * 3000  # scoring every pair: 4.5 million


def test_a_bank_full_of_copies_costs_a_few_comparisons_per_item(
        make_bank: BankFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bank = make_bank({"networking.yaml": question_file(
        *(question(f"net-copy-{number}", title=f"Copy {number}", prompt=text)
          for number, text in enumerate(_alike(300, seed=2))), competency="networking")})
    calls = count_comparisons(monkeypatch)
    data = dry_run(bank, write_list(tmp_path / "alike.md", _alike(400, seed=3)))
    assert data["imported"] == []
    assert all("in the bank" in str(s["reason"]) for s in data["skipped"])
    assert len(data["skipped"]) == 400
    assert calls[0] <= 400 * 10  # every item with every copy: 120,000


def test_import_dupes_and_check_share_one_rule(
        bank: Path, make_bank: BankFactory, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_list(tmp_path / "list.md", [CHECKOUT.replace("routine", "normal")])
    with_copy = make_bank({"networking.yaml": question_file(
        question("net-checkout", title="Checkout timeouts", prompt=CHECKOUT),
        question("net-copy", title="Checkout again", prompt=CHECKOUT.replace("five", "six")),
        competency="networking")}, name="with-copy")

    def findings() -> tuple[int, int, bool]:
        skipped = len(dry_run(bank, path)["skipped"])
        pairs = len(json.loads(run("--bank", with_copy, "bank", "dupes", "--format",
                                   "json").stdout))
        warned = "near-duplicate of" in run("--bank", with_copy, "bank", "check").stdout
        return skipped, pairs, warned

    assert findings() == (1, 1, True)

    def never(first: str, second: str, threshold: float = dupes.THRESHOLD) -> float:
        return 0.0

    monkeypatch.setattr(dupes, "pair_score", never)
    assert findings() == (0, 0, False)


# -- the index against the rule: it must never miss a pair -----------------------------

WORDS = ["ab", "cab", "dace", "fig", "gnu", "hyena", "ibis", "jay", "kiwi", "lynx", "mole",
         "newt", "okapi", "puma", "quail", "rook", "stoat", "tapir", "urial", "vole"]
prompts = st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join),
                   min_size=2, max_size=30)


@settings(max_examples=150, deadline=None)
@given(prompts, st.sampled_from([dupes.THRESHOLD, 50.0, 80.0, 90.0, 95.0]))
def test_the_index_finds_every_pair_the_rule_puts_over_the_threshold(
        texts: list[str], threshold: float) -> None:
    index = dupes.DuplicateIndex(texts, threshold)
    found: set[tuple[int, int]] = set()
    for number in range(len(texts)):
        found.update((other, number) for other, _ in index.matches(number))
        index.add(number)
    every = {(i, j) for j in range(len(texts)) for i in range(j)
             if dupes.pair_score(texts[i], texts[j], threshold)}
    assert found == every
