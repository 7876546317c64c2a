"""The near-duplicate rule against what a person would say: the labelled pairs
in tests/data/near_duplicates.yaml (benchmarks/dupes_rule_bench.py measures
the candidates and chose the rule; this holds the chosen one to its target)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from interview.bank.model import Question
from interview.search.dupes import THRESHOLD, near_duplicates, pair_score, prepare

DATA = Path(__file__).resolve().parent / "data" / "near_duplicates.yaml"
KINDS = {"reworded", "paraphrase", "same-topic", "subset", "unrelated"}


def labelled() -> list[dict[str, str]]:
    entries: list[dict[str, str]] = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return entries


def duplicate(a: str, b: str) -> bool:
    return pair_score(prepare(a), prepare(b)) > 0


def test_the_labelled_set_loads_with_both_labels_and_every_kind() -> None:
    entries = labelled()
    assert len(entries) >= 300
    for entry in entries:
        assert set(entry) == {"a", "b", "label", "kind"}, entry
        assert entry["label"] in {"same", "different"}, entry
        assert entry["kind"] in KINDS, entry
        assert (entry["label"] == "same") == (entry["kind"] in {"reworded", "paraphrase"}), entry
        assert entry["a"].strip() and entry["b"].strip() and entry["a"] != entry["b"], entry
    labels = Counter(entry["label"] for entry in entries)
    assert 0.35 <= labels["same"] / len(entries) <= 0.45
    assert {entry["kind"] for entry in entries} == KINDS
    assert len({(entry["a"], entry["b"]) for entry in entries}) == len(entries)


def test_the_rule_reaches_the_target_precision_and_recall() -> None:
    entries = labelled()
    said = [(duplicate(entry["a"], entry["b"]), entry["label"] == "same") for entry in entries]
    true_positives = sum(1 for ours, theirs in said if ours and theirs)
    precision = true_positives / sum(1 for ours, _ in said if ours)
    recall = true_positives / sum(1 for _, theirs in said if theirs)
    assert precision >= 0.95, precision
    assert recall >= 0.90, recall


@pytest.mark.parametrize(("short", "long"), [
    ("What is load average?",
     "When you aggregate latency percentiles across hosts, what is wrong with taking the "
     "average of each host's p99, and what would you report for the load test instead?"),
    ("What is the difference between 127.0.0.1 and localhost?",
     "What is the difference between a VLAN and a subnet?"),
])
def test_the_issues_examples_are_not_duplicates(short: str, long: str) -> None:
    assert not duplicate(short, long)
    assert not duplicate(long, short)


@pytest.mark.parametrize(("a", "b"), [
    ("How does the Linux OOM killer pick a process to kill?",
     "How does the Linux OOM killer pick which process to kill?"),
    ("Explain the difference between optimistic and pessimistic locking.",
     "What's the difference between pessimistic and optimistic locking?"),
    ("Walk me through what happens when you type a URL into a browser.",
     "Walk me through what happens after you type a URL into your browser."),
    ("How would you design a rate limiter for a public API?",
     "Design a rate limiter for a public API."),
    ("Tell me about a time you disagreed with your manager.",
     "Tell me about a time when you disagreed with your manager."),
])
def test_clear_rewordings_are_duplicates(a: str, b: str) -> None:
    assert duplicate(a, b)
    assert duplicate(b, a)


def test_the_rule_is_symmetric_and_scores_a_copy_100() -> None:
    for entry in labelled()[:50]:
        a, b = prepare(entry["a"]), prepare(entry["b"])
        assert pair_score(a, b, 0.0) == pair_score(b, a, 0.0)
        assert pair_score(a, a) == 100.0


def test_near_duplicates_reports_the_rule_s_score() -> None:
    def make(qid: str, prompt: str) -> Question:
        return Question(id=qid, title=qid, kind="technical", roles=("software-engineer",),
                        levels=("senior",), competency="coding-craft", minutes=10,
                        prompt=prompt, source="bank.yaml", line=1)

    a = "How would you design a rate limiter for a public API?"
    b = "Design a rate limiter for a public API."
    pairs = near_duplicates([make("a", a), make("b", b),
                             make("c", "What is the difference between a VLAN and a subnet?")])
    assert [(p.first.id, p.second.id) for p in pairs] == [("a", "b")]
    assert pairs[0].score == pytest.approx(pair_score(prepare(a), prepare(b)))
    assert pairs[0].score >= THRESHOLD
