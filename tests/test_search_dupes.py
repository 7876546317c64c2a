"""Near-duplicate prompts: the prefilter must find what comparing every pair finds."""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interview.bank.model import Question
from interview.search import dupes
from interview.search.dupes import (
    THRESHOLD,
    DuplicateIndex,
    _held_by,
    duplicate_warnings,
    near_duplicates,
    pair_score,
    prepare,
    unshared_allowance,
)

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from bankgen import generate, generate_distinct


def make(qid: str, prompt: str, **extra: Any) -> Question:
    return Question(id=qid, title=qid, kind="technical", roles=("software-engineer",),
                    levels=("senior",), competency="coding-craft", minutes=10, prompt=prompt,
                    source="bank.yaml", line=1, **extra)


def every_pair(questions: list[Question], threshold: float) -> set[tuple[str, str]]:
    texts = [prepare(q.prompt) for q in questions]
    return {(questions[i].id, questions[j].id)
            for j in range(len(texts)) for i in range(j)
            if pair_score(texts[i], texts[j], threshold)}


@pytest.mark.parametrize("threshold", [THRESHOLD, 90.0, 95.0])
@pytest.mark.parametrize("bank", ["templated", "distinct"])
def test_finds_the_same_pairs_as_comparing_every_pair(bank: str, threshold: float) -> None:
    questions = generate(150, seed=4) if bank == "templated" else generate_distinct(300, seed=2,
                                                                                  duplicate_share=0.1)
    found = {(p.first.id, p.second.id) for p in near_duplicates(questions, threshold)}
    assert found == every_pair(questions, threshold)


def test_a_short_prompt_whose_words_all_appear_in_a_long_one_is_not_a_duplicate() -> None:
    # token_set_ratio, the old rule, scored this pair 100.
    short = make("short", "How would you design a cache?")
    long = make("long", "Here is the setup: a cache in front of a slow database. How would "
                        "you design its eviction, and what would you change under heavy load?")
    edited = make("edited", "How would you design a cache? Be concrete.")
    pairs = near_duplicates([short, long, edited])
    assert [(p.first.id, p.second.id) for p in pairs] == [("short", "edited")]


def test_light_rewording_is_caught_and_unrelated_prompts_are_not() -> None:
    base = ("Our checkout service times out for five percent of requests after a routine deploy."
            " Walk me through how you would find the cause and prove it.")
    edited = base.replace("five percent", "four percent").replace("routine", "normal")
    questions = [make("a", base), make("b", edited), make("c", "Design a rate limiter for an API.")]
    pairs = near_duplicates(questions)
    assert [(p.first.id, p.second.id) for p in pairs] == [("a", "b")]
    assert pairs[0].score >= THRESHOLD


def test_empty_and_punctuation_only_prompts_are_never_duplicates() -> None:
    questions = [make("a", "???"), make("b", "!!!"), make("c", "ok then")]
    assert near_duplicates(questions) == []


def test_warnings_name_both_questions_and_where_they_are() -> None:
    text = "Explain how TCP slow start interacts with a lossy mobile network."
    warnings = duplicate_warnings([make("first", text), make("second", text + " Be concrete.")])
    assert len(warnings) == 1
    assert warnings[0].severity == "warning"
    assert warnings[0].item == "second"
    assert "near-duplicate of first (bank.yaml:1)" in warnings[0].message


@given(st.integers(2, 400), st.integers(2, 400), st.integers(0, 400),
       st.sampled_from([THRESHOLD, 80.0, 90.0, 95.0]))
def test_the_allowance_never_excludes_a_score_over_the_threshold(
        shared: int, unshared: int, others: int, threshold: float) -> None:
    # Weights (joined length + 1): shared words, A's words B lacks, B's words A lacks.
    score = 200 * shared / (2 * shared + unshared + others)
    joined = shared + unshared - 1
    if score >= threshold:
        assert unshared - 1 <= unshared_allowance(joined, threshold) + 1e-9


def test_among_limits_the_pairs_to_those_with_a_chosen_question() -> None:
    questions = generate_distinct(300, seed=2, duplicate_share=0.1)
    everything = {(p.first.id, p.second.id) for p in near_duplicates(questions)}
    chosen = set(range(150, 300))
    ids = {questions[i].id for i in chosen}
    expected = {pair for pair in everything if pair[0] in ids or pair[1] in ids}
    found = {(p.first.id, p.second.id) for p in near_duplicates(questions, among=chosen)}
    assert expected and found == expected


# -- the index against every pair, on a corpus like an imported list ---------------------

def zipf_corpus(seed: int, count: int = 400) -> list[str]:
    """Prompts of 20-60 words from a Zipf-weighted vocabulary (a few very common
    words, a long tail of rare ones), a quarter of them rewordings of an earlier
    one: some words replaced, dropped or added, so that pairs land on both sides
    of the threshold, many near it."""
    rng = random.Random(seed)
    vocabulary = [f"w{rank}" + "x" * rng.randrange(8) for rank in range(1500)]
    weights = [1.0 / (rank + 3) for rank in range(len(vocabulary))]

    def words(size: int) -> list[str]:
        return rng.choices(vocabulary, weights, k=size)

    def rank(word: str) -> int:
        return int(word[1:].rstrip("x"))

    prompts: list[str] = []
    for _ in range(count):
        roll = rng.random()
        if prompts and roll < 0.1:
            # The rarest words dropped, up to about all a near-duplicate may miss: the
            # pairs the filter's bound is tightest on.
            kept = sorted(set(rng.choice(prompts).split()), key=rank)
            allowance = unshared_allowance(len(" ".join(kept)), THRESHOLD) * rng.uniform(0.8, 1.1)
            while kept and len(kept[-1]) < allowance:
                allowance -= len(kept.pop()) + 1
            prompts.append(" ".join(kept))
        elif prompts and roll < 0.3:
            edited = rng.choice(prompts).split()
            for _ in range(rng.randrange(1 + len(edited) // 3)):
                edited[rng.randrange(len(edited))] = words(1)[0]
            del edited[:rng.randrange(4)]
            prompts.append(" ".join(edited + words(rng.randrange(6))))
        else:
            prompts.append(" ".join(words(rng.randint(20, 60))))
    return prompts


def index_pairs(texts: list[str], threshold: float) -> dict[tuple[int, int], float]:
    index = DuplicateIndex(texts, threshold)
    found: dict[tuple[int, int], float] = {}
    for number in range(len(texts)):
        found.update(((other, number), score) for other, score in index.matches(number))
        index.add(number)
    return found


@pytest.mark.parametrize("margin", [0, 10, dupes._MARGIN])  # the filter at its tightest too
@pytest.mark.parametrize("threshold", [THRESHOLD, 50.0, 85.0])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_index_finds_every_pair_over_a_zipf_corpus_with_rewordings(
        seed: int, threshold: float, margin: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dupes, "_MARGIN", margin)
    texts = [prepare(prompt) for prompt in zipf_corpus(seed)]
    every = {(i, j): score for j in range(len(texts)) for i in range(j)
             if (score := pair_score(texts[i], texts[j], threshold))}
    near = [score for score in every.values() if score < threshold + 10]
    assert len(every) >= 30 and len(near) >= 10  # the corpus tests the edge, not just copies
    assert index_pairs(texts, threshold) == every


def test_dropping_matches_keeps_each_ones_best_match_as_scoring_every_pair_would() -> None:
    prompts = zipf_corpus(4, count=300)
    questions = [make(f"q{number:03}", prompt) for number, prompt in enumerate(prompts)]
    texts = [prepare(prompt) for prompt in prompts]
    kept: list[int] = []
    expected: list[tuple[str, str, float]] = []
    for number, text in enumerate(texts):
        scores = [(score, other) for other in kept if (score := pair_score(texts[other], text))]
        if scores:
            score, other = min(scores, key=lambda match: (-match[0], questions[match[1]].id))
            expected.append((questions[other].id, questions[number].id, score))
        else:
            kept.append(number)
    pairs = near_duplicates(questions, among=range(len(questions)), drop_matched=True)
    assert len(expected) >= 30
    assert sorted((p.first.id, p.second.id, p.score) for p in pairs) == sorted(expected)


@given(st.lists(st.integers(0, 2**40 - 1), max_size=40), st.integers(1, 45))
def test_held_by_counts_in_how_many_bitsets_each_bit_is_set(bitsets: list[int],
                                                            least: int) -> None:
    counted = [sum(bits >> bit & 1 for bits in bitsets) for bit in range(40)]
    expected = sum(1 << bit for bit, count in enumerate(counted) if count >= least)
    assert _held_by(bitsets, least) == expected
