"""Near-duplicate prompts: the prefilter must find what comparing every pair finds."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interview.bank.model import Question
from interview.search.dupes import (
    THRESHOLD,
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
