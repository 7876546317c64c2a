"""matched_fields: which parts of a question a query's words are in."""

from __future__ import annotations

from interview.bank.model import Question
from interview.search.why import matched_fields


def question() -> Question:
    return Question(id="q", title="Designing a rate limiter", kind="design",
                    roles=("software-engineer",), levels=("senior",),
                    competency="api-design", minutes=20,
                    prompt="Clients burst to 10x their quota at the top of the hour.",
                    tags=("throttling", "quotas"))


def test_each_field_is_named_when_a_word_is_in_it() -> None:
    assert matched_fields(question(), "rate") == ("title",)
    assert matched_fields(question(), "throttl") == ("tag",)  # still being typed
    assert matched_fields(question(), "api") == ("competency",)
    assert matched_fields(question(), "burst quota") == ("tag", "prompt")


def test_a_typo_match_names_nothing_and_an_empty_query_too() -> None:
    assert matched_fields(question(), "limitr") == ()
    assert matched_fields(question(), "  ") == ()
