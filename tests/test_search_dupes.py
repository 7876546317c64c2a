"""Near-duplicate prompts: the prefilter must find what comparing every pair finds."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rapidfuzz import fuzz, process, utils

from interview.bank.model import Question
from interview.search.dupes import duplicate_warnings, near_duplicates, unshared_allowance

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
from bankgen import generate, generate_distinct


def make(qid: str, prompt: str, **extra: Any) -> Question:
    return Question(id=qid, title=qid, kind="technical", roles=("software-engineer",),
                    levels=("senior",), competency="coding-craft", minutes=10, prompt=prompt,
                    source="bank.yaml", line=1, **extra)


def every_pair(questions: list[Question], threshold: float) -> set[tuple[str, str]]:
    texts = [utils.default_process(q.prompt) for q in questions]
    found = set()
    for i, text in enumerate(texts):
        for _, _, j in process.extract_iter(text, texts[i + 1:], scorer=fuzz.token_set_ratio,
                                            score_cutoff=threshold):
            found.add((questions[i].id, questions[i + 1 + j].id))
    return found


@pytest.mark.parametrize("threshold", [90.0, 95.0])
@pytest.mark.parametrize("bank", ["templated", "distinct"])
def test_finds_the_same_pairs_as_comparing_every_pair(bank: str, threshold: float) -> None:
    questions = generate(150, seed=4) if bank == "templated" else generate_distinct(300, seed=2,
                                                                                  duplicate_share=0.1)
    found = {(p.first.id, p.second.id) for p in near_duplicates(questions, threshold)}
    assert found == every_pair(questions, threshold)


def test_a_prompt_whose_words_all_appear_in_another_is_a_duplicate() -> None:
    short = make("short", "How would you design it?")
    long = make("long", "Here is the setup. How would you design it, and what would you change?")
    other = make("other", "Completely unrelated words about garbage collection pauses.")
    pairs = near_duplicates([other, short, long])
    assert [(p.first.id, p.second.id, p.score) for p in pairs] == [("short", "long", 100.0)]


def test_light_rewording_is_caught_and_unrelated_prompts_are_not() -> None:
    base = ("Our checkout service times out for five percent of requests after a routine deploy."
            " Walk me through how you would find the cause and prove it.")
    edited = base.replace("five percent", "four percent").replace("routine", "normal")
    questions = [make("a", base), make("b", edited), make("c", "Design a rate limiter for an API.")]
    pairs = near_duplicates(questions)
    assert [(p.first.id, p.second.id) for p in pairs] == [("a", "b")]
    assert pairs[0].score >= 90


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


@given(st.integers(1, 400), st.integers(0, 400), st.sampled_from([80.0, 90.0, 95.0]))
def test_the_allowance_never_excludes_a_ratio_over_the_threshold(
        shared: int, unshared: int, threshold: float) -> None:
    # token_set_ratio's "shared words + A's other words vs shared words" ratio.
    ratio = 1 - (1 + unshared) / (2 * shared + 1 + unshared)
    joined = shared + 1 + unshared
    if ratio * 100 >= threshold:
        assert unshared <= unshared_allowance(joined, threshold) + 1e-9


def test_among_limits_the_pairs_to_those_with_a_chosen_question() -> None:
    questions = generate_distinct(300, seed=2, duplicate_share=0.1)
    everything = {(p.first.id, p.second.id) for p in near_duplicates(questions)}
    chosen = set(range(150, 300))
    ids = {questions[i].id for i in chosen}
    expected = {pair for pair in everything if pair[0] in ids or pair[1] in ids}
    found = {(p.first.id, p.second.id) for p in near_duplicates(questions, among=chosen)}
    assert expected and found == expected
