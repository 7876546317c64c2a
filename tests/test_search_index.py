"""The search index: ranking, typos, prefixes, filters, agreement with WRatio, and the
saved index (identical answers; a damaged, old or stale file is rebuilt)."""

from __future__ import annotations

import random
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from rapidfuzz import fuzz, process

from interview.bank import cache
from interview.bank.filters import QuestionFilter
from interview.bank.loader import load_bank
from interview.bank.model import Question
from interview.search import index as index_module
from interview.search.index import SearchIndex, content_key, index_file
from interview.search.text import normalize
from tests.bankfiles import BankFactory, question_file
from tests.bankfiles import question as question_data


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


# -- typing, typos and agreement on a generated bank --------------------------------

@pytest.fixture(scope="module")
def generated() -> SearchIndex:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from bankgen import generate

    return SearchIndex.build(generate(3000, seed=3))


def exhaustive_agreement(index: SearchIndex, query: str) -> float:
    """The share of our top 10 that exhaustive WRatio ranks as high as its own 10th."""
    text = normalize(query)
    reference = process.extract(text, index.keys, scorer=fuzz.WRatio, limit=10)
    cutoff = reference[-1][1]
    numbers = {id(q): n for n, q in enumerate(index.questions)}
    good = sum(fuzz.WRatio(text, index.keys[numbers[id(h.question)]]) >= cutoff - 1e-6
               for h in index.search(query, 10))
    return good / len(reference)


def title_words(rng: random.Random, index: SearchIndex) -> str:
    """One to three consecutive words of a random question's title, as typed."""
    words = rng.choice(index.questions).title.lower().split()
    start = rng.randrange(len(words))
    return " ".join(words[start:start + rng.randint(1, 3)])


def test_top_ten_agrees_with_wratio_on_whole_queries_and_every_keystroke(
    generated: SearchIndex,
) -> None:
    rng = random.Random(5)
    whole: list[float] = []
    typed: list[float] = []
    for _ in range(20):
        query = title_words(rng, generated)
        if rng.random() < 0.3 and len(query) > 6:  # a dropped letter
            at = rng.randrange(2, len(query) - 1)
            query = query[:at] + query[at + 1:]
        whole.append(exhaustive_agreement(generated, query))
        typed += [exhaustive_agreement(generated, query[:end])
                  for end in range(1, len(query) + 1) if query[:end].strip()]
    assert sum(whole) / len(whole) >= 0.93
    assert sum(typed) / len(typed) >= 0.93


@pytest.mark.parametrize("typed", ["disributed cache", "distirbuted", "dstributed cac",
                                   "distribtued cache", "distrbu"])
def test_a_misspelt_word_finds_the_questions_holding_it_while_typing_and_after(
    generated: SearchIndex, typed: str,
) -> None:
    hits = generated.search(typed, 10)
    assert len(hits) == 10
    assert all("distributed" in key_of(generated, h.question) for h in hits), [
        key_of(generated, h.question) for h in hits]


def rare_title_words(index: SearchIndex) -> list[tuple[str, Question]]:
    """Long made-up words each in one or two titles, with a question holding one."""
    found: dict[str, Question] = {}
    for question in index.questions:
        for word in normalize(question.title).split():
            if len(word) >= 8 and word.isalpha() and word not in found:
                found[word] = question
    return [(w, q) for w, q in sorted(found.items())
            if sum(w in normalize(x.title).split() for x in index.questions[:3000]) <= 2][:12]


@pytest.mark.parametrize("typo", ["drop", "swap", "wrong"])
def test_a_misspelt_rare_title_word_finds_its_question(generated: SearchIndex, typo: str) -> None:
    for word, question in rare_title_words(generated):
        at = len(word) // 2
        misspelt = {"drop": word[:at] + word[at + 1:],
                    "swap": word[:at - 1] + word[at] + word[at - 1] + word[at + 1:],
                    "wrong": word[:at] + ("x" if word[at] != "x" else "z") + word[at + 1:]}[typo]
        assert question in [h.question for h in generated.search(misspelt, 10)], misspelt
        assert question in [h.question for h in generated.search(misspelt + " ", 10)], misspelt
        partly = misspelt[:at + 3]  # still typing, the typo behind the cursor
        assert any(word in key_of(generated, h.question)
                   for h in generated.search(partly, 10)), (partly, word)


def key_of(index: SearchIndex, question: Question) -> str:
    return index.keys[index.questions.index(question)]


def test_a_fragment_inside_a_word_finds_it(generated: SearchIndex) -> None:
    for word, _ in rare_title_words(generated):
        fragment = word[2:7]
        assert any(word in key_of(generated, h.question)
                   for h in generated.search(fragment, 10)), (fragment, word)


def strict_reference(index: SearchIndex, query: str) -> list[int]:
    """Exhaustive WRatio's top 10 (key numbers), ties broken as the index breaks them:
    match kind, then shortest key first."""
    text = normalize(query)
    found = process.extract(text, index.keys, scorer=fuzz.WRatio, limit=10)
    if not found:
        return []
    tenth = found[-1][1]
    kind = index.match_kinds(query)
    tied = [(score, n) for _, score, n in process.extract(
        text, index.keys, scorer=fuzz.WRatio, limit=None, score_cutoff=max(0.0, tenth - 1))
        if score >= tenth - 1e-6]
    tied.sort(key=lambda s: (-s[0], -index_module.TIERS[kind(s[1])], s[1]))
    return [n for _, n in tied[:10]]


def test_top_ten_strictly_agrees_with_wratio_on_whole_queries_and_every_keystroke(
    generated: SearchIndex,
) -> None:
    rng = random.Random(8)
    numbers = {id(q): n for n, q in enumerate(generated.questions)}
    whole: list[float] = []
    typed: list[float] = []
    for _ in range(12):
        query = title_words(rng, generated)
        for end in range(1, len(query) + 1):
            if not query[:end].strip():
                continue
            reference = strict_reference(generated, query[:end])
            mine = [numbers[id(h.question)] for h in generated.search(query[:end], 10)]
            share = len(set(mine) & set(reference)) / len(reference) if reference else 1.0
            (whole if end == len(query) else typed).append(share)
    assert sum(whole) / len(whole) >= 0.9
    assert sum(typed) / len(typed) >= 0.9


def test_equal_scores_go_to_the_better_match_then_the_shorter_key(index: SearchIndex) -> None:
    hits = index.search("a", 10)
    keys = {id(q): n for n, q in enumerate(index.questions)}
    kind = index.match_kinds("a")
    order = [(-h.score, -index_module.TIERS[h.match], keys[id(h.question)]) for h in hits]
    assert order == sorted(order)
    assert [h.match for h in hits] == [kind(keys[id(h.question)]) for h in hits]


@pytest.mark.parametrize("letters", ["c", "ra", "ack", "eli", "a ", "for "])
def test_a_few_letters_find_what_exhaustive_wratio_finds(generated: SearchIndex,
                                                         letters: str) -> None:
    # Thousands of keys tie here (all holding the letters somewhere, or the word).
    numbers = {id(q): n for n, q in enumerate(generated.questions)}
    mine = [numbers[id(h.question)] for h in generated.search(letters, 10)]
    assert mine == strict_reference(generated, letters)


def test_nonsense_finds_nothing_on_a_large_bank(generated: SearchIndex) -> None:
    assert generated.search("zzzzqqqq") == []


# -- the saved index ----------------------------------------------------------------

QUERIES = ["rate limter", "cache", "rate lim", "raft consensus", "mentorship talent",
           "ratelimiter ", "zzzzqqqq", "a", "review", "Résumé", "leader elec"]
FILTERS: list[Any] = [None, QuestionFilter(kinds=("code-review",)),
                      QuestionFilter(competencies=("api-design",)), lambda q: "a" in q.id]


def answers(index: SearchIndex) -> list[list[tuple[str, float, str]]]:
    return [[(h.question.id, h.score, h.match) for h in index.search(query, 10, where)]
            for query in QUERIES for where in FILTERS]


def by_id(questions: list[Question]) -> dict[str, Question]:
    return {q.id: q for q in questions}


def forbid_building(monkeypatch: pytest.MonkeyPatch) -> None:
    def build(cls: type[SearchIndex], questions: object) -> SearchIndex:
        raise AssertionError("the index was built again instead of loaded")

    monkeypatch.setattr(SearchIndex, "build", classmethod(build))


def test_a_saved_index_loads_and_answers_exactly_as_the_built_one(tmp_path: Path) -> None:
    built = SearchIndex.build(BANK)
    path = tmp_path / "search.index"
    key = content_key(by_id(BANK))
    assert built.save(path, key)
    loaded = SearchIndex.load(path, by_id(BANK), key)
    assert loaded is not None
    assert loaded.keys == built.keys
    assert list(loaded.questions) == list(built.questions)
    assert answers(loaded) == answers(built)
    assert SearchIndex.load(path, by_id(BANK), "text:another") is None


def test_load_or_build_saves_the_index_then_loads_it(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "search.index"
    first = SearchIndex.load_or_build(BANK, path)
    assert path.is_file()
    forbid_building(monkeypatch)
    assert answers(SearchIndex.load_or_build(BANK, path)) == answers(first)
    assert answers(SearchIndex.load_or_build(by_id(BANK), path)) == answers(first)


class Counting(Mapping[str, Question]):
    """Questions by id, counting how many are read."""

    def __init__(self, questions: Mapping[str, Question]) -> None:
        self.questions = questions
        self.read = 0

    def __getitem__(self, question_id: str) -> Question:
        self.read += 1
        return self.questions[question_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self.questions)

    def __len__(self) -> int:
        return len(self.questions)


def test_a_loaded_index_reads_only_the_questions_it_shows(tmp_path: Path) -> None:
    path = tmp_path / "search.index"
    key = content_key(by_id(BANK))
    SearchIndex.build(BANK).save(path, key)
    counting = Counting(by_id(BANK))
    loaded = SearchIndex.load(path, counting, key)
    assert loaded is not None and counting.read == 0
    assert len(loaded.search("cache", 2)) == 2
    assert counting.read == 2


def test_a_question_gone_from_the_bank_is_left_out_not_an_error(tmp_path: Path) -> None:
    path = tmp_path / "search.index"
    key = content_key(by_id(BANK))
    SearchIndex.build(BANK).save(path, key)
    fewer = {q.id: q for q in BANK if q.id != "cache"}
    loaded = SearchIndex.load(path, fewer, key)
    assert loaded is not None
    found = ids(loaded.search("cache", 10))
    assert found and "cache" not in found


def flip_last_byte(data: bytes) -> bytes:
    return data[:-1] + bytes([data[-1] ^ 0xFF])


DAMAGE: dict[str, Callable[[bytes], bytes]] = {
    "truncated": lambda data: data[: len(data) // 2],
    "a flipped byte": flip_last_byte,
    "a flipped header byte": lambda data: data[:30] + bytes([data[30] ^ 1]) + data[31:],
    "empty": lambda data: b"",
    "not an index": lambda data: b"\x80\x04garbage" * 50,
    "an absurd length": lambda data: data[:16] + b"\xff" * 8 + data[24:],
}


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_a_damaged_index_file_is_rebuilt(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "search.index"
    expected = answers(SearchIndex.load_or_build(BANK, path))
    path.write_bytes(DAMAGE[damage](path.read_bytes()))
    assert SearchIndex.load(path, by_id(BANK), content_key(by_id(BANK))) is None
    assert answers(SearchIndex.load_or_build(BANK, path)) == expected
    assert SearchIndex.load(path, by_id(BANK), content_key(by_id(BANK))) is not None  # rewritten


@pytest.mark.parametrize("change", ["format", "code"])
def test_an_index_saved_by_another_version_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    path = tmp_path / "search.index"
    expected = answers(SearchIndex.load_or_build(BANK, path))
    if change == "format":
        monkeypatch.setattr(index_module, "_FORMAT", index_module._FORMAT + 1)
    else:
        monkeypatch.setattr(index_module, "_code_stamp", lambda: ("another version",))
    assert SearchIndex.load(path, by_id(BANK), content_key(by_id(BANK))) is None
    assert answers(SearchIndex.load_or_build(BANK, path)) == expected
    assert SearchIndex.load(path, by_id(BANK), content_key(by_id(BANK))) is not None


@pytest.mark.parametrize("change", ["a title", "a tag", "a prompt", "the order", "one more"])
def test_a_changed_bank_rebuilds_its_index(tmp_path: Path, change: str) -> None:
    path = tmp_path / "search.index"
    SearchIndex.load_or_build(BANK, path)
    mentor = BANK[-1]
    edited = {
        "a title": make("mentor", "Growing a new zookeeper", kind="behavioral"),
        "a tag": make("mentor", mentor.title, tags=("zookeeper",)),
        "a prompt": make("mentor", mentor.title, prompt="Who became a zookeeper?"),
        "the order": mentor,
        "one more": make("keeping", "Zookeeper hiring"),
    }[change]
    changed = ([mentor, *BANK[:-1]] if change == "the order" else
               [*BANK, edited] if change == "one more" else [*BANK[:-1], edited])
    assert content_key(by_id(changed)) != content_key(by_id(BANK))
    index = SearchIndex.load_or_build(changed, path)
    assert answers(index) == answers(SearchIndex.build(changed))
    if change != "the order":
        assert ids(index.search("zookeeper", 1)) == [edited.id]


def test_an_index_that_cannot_be_saved_is_still_built(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the cache directory should be")
    index = SearchIndex.load_or_build(BANK, blocker / "search.index")
    assert answers(index) == answers(SearchIndex.build(BANK))
    assert not SearchIndex.build(BANK).save(blocker / "search.index", "text:x")


def test_questions_sharing_an_id_are_indexed_but_not_saved(tmp_path: Path) -> None:
    path = tmp_path / "search.index"
    twice = [*BANK, make("cache", "Cache again")]
    index = SearchIndex.load_or_build(twice, path)
    assert len(index) == len(twice)
    assert not path.exists()


def test_a_banks_index_sits_beside_its_cache_and_follows_its_edits(
    make_bank: BankFactory, monkeypatch: pytest.MonkeyPatch, interview_home: Path
) -> None:
    monkeypatch.setattr(cache, "RACY_SECONDS", 0.0)

    def files(title: str) -> dict[str, Any]:
        return {"a.yaml": question_file(
            question_data("q-one", title=title),
            question_data("q-two", title="Cache stampede after a deploy"))}

    bank_dir = make_bank(files("Design a rate limiter"))
    validated = load_bank(bank_dir)
    assert ids(SearchIndex.load_or_build(validated).search("rate limiter", 1)) == ["q-one"]
    path = index_file(validated.root)
    assert path.is_file() and path.parent == interview_home / "cache"
    bank_index = path.with_name(path.name.replace("search-", "bank-")).with_suffix(".index")
    assert sorted(p.name for p in path.parent.iterdir() if p.is_file()) == sorted(
        [bank_index.name, path.name])  # keyed alike

    warm = load_bank(bank_dir)
    # Saved under the bank's key, the digest of its files: found without reading a question.
    assert f"bank:{warm.key}" in index_module._saved_keys(path)
    with monkeypatch.context() as patched:
        forbid_building(patched)
        index = SearchIndex.load_or_build(warm)  # saved when validated: loaded, not built
        assert ids(index.search("rate limiter", 1)) == ["q-one"]
        index = SearchIndex.load_or_build(load_bank(bank_dir))
        assert ids(index.search("rate limiter", 1)) == ["q-one"]

    make_bank(files("Design a token bucket"))
    edited = SearchIndex.load_or_build(load_bank(bank_dir))
    assert ids(edited.search("token bucket", 1)) == ["q-one"]
    assert ids(SearchIndex.load_or_build(load_bank(bank_dir)).search("token bucket", 1)) == [
        "q-one"]
