"""The search index: ranking, typos, prefixes, filters, and agreement with WRatio."""

from __future__ import annotations

import random
import sys
from pathlib import Path
from typing import Any

import pytest
from rapidfuzz import fuzz, process

from interview.bank.filters import QuestionFilter
from interview.bank.model import Question
from interview.search.index import SearchIndex
from interview.search.text import normalize


def make(qid: str, title: str, prompt: str = "Talk me through it.", **extra: Any) -> Question:
    fields: dict[str, Any] = {
        "kind": "design", "roles": ("software-engineer",), "levels": ("senior",),
        "competency": "distributed-systems-design", "minutes": 20, "tags": (),
    }
    fields.update(extra)
    return Question(id=qid, title=title, prompt=prompt, **fields)


BANK = [
    make("rate-limiter", "Design a rate limiter", tags=("rate-limiting",)),
    make("rate-limiter-multi", "A rate limiter shared by forty API gateways",
         competency="api-design"),
    make("limits-review", "Reviewing per-tenant limits in a billing API", kind="code-review"),
    make("rate-of-change", "Alerting on the rate of change of a metric",
         competency="observability-incident-response", kind="technical"),
    make("cache-stampede", "Cache stampede after a deploy", kind="debugging",
         competency="performance-engineering", levels=("staff",)),
    make("cache", "Cache", tags=("caching",), competency="performance-engineering"),
    make("lru-review", "Reviewing a hand-rolled LRU cache", kind="code-review",
         competency="coding-craft"),
    make("consensus", "Leader election for a job scheduler",
         prompt="Explain how you would use Raft consensus to elect one scheduler."),
    make("mentor", "Growing a new tech lead", kind="behavioral", competency="mentorship-talent",
         roles=("systems-developer",)),
]


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex.build(BANK)


def ids(hits: list[Any]) -> list[str]:
    return [hit.question.id for hit in hits]


def test_a_typo_still_finds_the_rate_limiter_questions_first(index: SearchIndex) -> None:
    found = ids(index.search("rate limter", 10))
    assert set(found[:2]) == {"rate-limiter", "rate-limiter-multi"}


@pytest.mark.parametrize("query", ["rate limitr", "rtae limiter", "Rate-Limiter!", "RATE LIMITER"])
def test_misspellings_case_and_punctuation_do_not_matter(index: SearchIndex, query: str) -> None:
    assert index.search(query, 1)[0].question.id in {"rate-limiter", "rate-limiter-multi"}


def test_an_exact_title_ranks_above_longer_titles_holding_the_word(index: SearchIndex) -> None:
    hits = index.search("cache", 10)
    assert hits[0].question.id == "cache"
    assert hits[0].match == "exact"
    assert {"cache-stampede", "lru-review"} <= set(ids(hits))


def test_exact_and_prefix_matches_come_before_fuzzy_ones(index: SearchIndex) -> None:
    hits = index.search("rate lim", 10)
    assert set(ids(hits)[:2]) == {"rate-limiter", "rate-limiter-multi"}
    assert [h.match for h in hits[:2]] == ["prefix", "prefix"]
    order = {"exact": 5, "prefix": 4, "words": 3, "prompt": 2, "fuzzy": 1}
    ranks = [order[h.match] for h in hits]
    assert ranks == sorted(ranks, reverse=True)


def test_every_keystroke_of_a_title_finds_it(index: SearchIndex) -> None:
    title = "Leader election"
    for end in range(3, len(title) + 1):
        assert "consensus" in ids(index.search(title[:end], 5)), title[:end]


def test_words_only_in_the_prompt_find_the_question(index: SearchIndex) -> None:
    hits = index.search("raft consensus", 5)
    assert hits and hits[0].question.id == "consensus"
    assert hits[0].match == "prompt"


def test_tags_and_competency_are_searched(index: SearchIndex) -> None:
    assert "cache" in ids(index.search("caching", 3))
    assert ids(index.search("mentorship talent", 1)) == ["mentor"]


@pytest.mark.parametrize("query", ["", "   ", "!!!", "\t\n"])
def test_an_empty_query_returns_nothing(index: SearchIndex, query: str) -> None:
    assert index.search(query) == []


def test_limit_is_respected(index: SearchIndex) -> None:
    assert len(index.search("a", 3)) <= 3
    assert index.search("rate", 0) == []


def test_nothing_matching_returns_nothing(index: SearchIndex) -> None:
    assert index.search("zzzzqqqq") == []


def test_filters_narrow_the_results(index: SearchIndex) -> None:
    hits = index.search("cache", 10, QuestionFilter(kinds=("code-review",)))
    assert ids(hits)[0] == "lru-review"
    assert all(h.question.kind == "code-review" for h in hits)
    hits = index.search("rate", 10, QuestionFilter(competencies=("api-design",)))
    assert ids(hits)[0] == "rate-limiter-multi"
    assert all("api-design" in h.question.competencies for h in hits)
    assert index.search("cache", 10, QuestionFilter(level="staff"))[0].question.id == (
        "cache-stampede")
    assert index.search("cache", 10, QuestionFilter(role="systems-developer")) == [] or all(
        "systems-developer" in h.question.roles
        for h in index.search("cache", 10, QuestionFilter(role="systems-developer")))


def test_any_predicate_can_filter(index: SearchIndex) -> None:
    hits = index.search("rate", 10, lambda q: q.id.endswith("multi"))
    assert ids(hits) == ["rate-limiter-multi"]


def test_words_run_together_are_split(index: SearchIndex) -> None:
    assert ids(index.search("ratelimiter ", 2))[0] in {"rate-limiter", "rate-limiter-multi"}


def test_scores_are_between_0_and_100_and_sorted_within_a_match_kind(index: SearchIndex) -> None:
    hits = index.search("review", 10)
    assert hits
    assert all(0 <= h.score <= 100 for h in hits)


def test_an_empty_bank_finds_nothing() -> None:
    assert SearchIndex.build([]).search("anything") == []


def test_unicode_and_markup_like_text_is_plain_text() -> None:
    odd = make("odd", "Résumé parsing with [bold]markup[/] and dict[str, int]")
    index = SearchIndex.build([odd, *BANK])
    assert ids(index.search("résumé", 1)) == ["odd"]
    assert ids(index.search("dict str int", 1)) == ["odd"]


def test_top_ten_mostly_agrees_with_an_exhaustive_wratio_ranking() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from bankgen import generate

    index = SearchIndex.build(generate(3000, seed=3))
    rng = random.Random(5)
    agreements: list[float] = []
    for _ in range(40):
        words = rng.choice(index.questions).title.lower().split()
        start = rng.randrange(len(words))
        query = " ".join(words[start:start + 2])
        text = normalize(query)
        reference = process.extract(text, index.keys, scorer=fuzz.WRatio, limit=10)
        cutoff = reference[-1][1]
        mine = index.search(query, 10)
        good = sum(fuzz.WRatio(text, normalize_key(index, h.question)) >= cutoff - 1e-6
                   for h in mine)
        agreements.append(good / len(reference))
    assert sum(agreements) / len(agreements) >= 0.85


def normalize_key(index: SearchIndex, question: Question) -> str:
    return index.keys[index.questions.index(question)]
