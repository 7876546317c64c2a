"""A fuzzy search index over the bank, fast enough to run on every keystroke.

Scoring every question with rapidfuzz's WRatio is the reference ranking, but
it costs about half a second at 100,000 questions. The index gets the same top
results from a few hundred candidates instead:

1. Each query word expands to the bank words it may mean: itself, completions
   of the word being typed, close spellings (vocabulary.py).
2. Inverted lists give the questions holding those words in their title, tags
   or competencies (the "key"). Questions are numbered shortest key first and
   WRatio favours short keys for the same match, so the smallest numbers are
   the best candidates: we keep those holding every word, then those holding
   some (postings.py).
3. WRatio re-ranks the candidates' keys in one rapidfuzz call. Questions whose
   prompt holds every word the key lacks join with a fixed, lower score.
4. Exact phrase matches come first, then the phrase with its last word still
   being typed, then keys holding every word, then prompts holding them, then
   partial matches; within each, the WRatio score decides. When few questions
   match at all, the shortest keys WRatio scores >= 50 fill the list.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz, process, utils

from interview.bank.filters import QuestionFilter
from interview.bank.model import Question
from interview.search import postings
from interview.search.postings import STOPWORDS, Postings
from interview.search.text import key_text, normalize
from interview.search.vocabulary import Expansion, Vocabulary

# exact: the query as a phrase; prefix: the phrase with its last word unfinished;
# words: every query word (or a close spelling); prompt: every word, some only in
# the prompt; fuzzy: some of the words.
Match = Literal["exact", "prefix", "words", "prompt", "fuzzy"]
Where = Callable[[Question], bool]

# Candidates re-ranked per query (each WRatio call costs a few microseconds).
LEADING_CANDIDATES = 150
ALL_WORDS_CANDIDATES = 300
SOME_WORDS_CANDIDATES = 300
PROMPT_CANDIDATES = 100
PADDING = 100
PADDING_FLOOR = 50.0
# A question found only through its prompt scores like a long title holding the words.
PROMPT_SCORE = 60.0
# A word in more than this share of prompts does not find questions by prompt.
_PROMPT_COMMON_SHARE = 0.05
_TIERS: dict[Match, int] = {"exact": 5, "prefix": 4, "words": 3, "prompt": 2, "fuzzy": 1}
_SET_CACHE_SIZE = 256


@dataclass(frozen=True, slots=True)
class Hit:
    question: Question
    score: float
    match: Match


@dataclass(frozen=True, slots=True)
class _Term:
    word: str
    expansion: Expansion
    typing: bool

    @property
    def finds(self) -> bool:
        """Whether this word may generate candidates (not "the", not "ra|")."""
        return self.word not in STOPWORDS and not (self.typing and len(self.word) < 3)


class SearchIndex:
    """Build once with `SearchIndex.build(questions)`, then `search()` per keystroke.

    Searching fills small caches, so call it from one thread at a time (a
    Textual screen: one exclusive worker); the index never changes after build.
    """

    def __init__(self, questions: Sequence[Question], keys: Sequence[str],
                 key_postings: Postings, prompt_postings: Postings) -> None:
        self.questions = questions
        self.keys = keys
        self._keys = key_postings
        self._starts: Postings = {}
        for number, key in enumerate(keys):
            first = key.partition(" ")[0]
            if first:
                self._starts.setdefault(first, []).append(number)
        self._prompts = prompt_postings
        frequencies = {w: len(docs) for w, docs in prompt_postings.items()}
        for word, docs in key_postings.items():
            frequencies[word] = frequencies.get(word, 0) + len(docs)
        self.vocabulary = Vocabulary(frequencies)
        self._prompt_common = max(20, int(len(questions) * _PROMPT_COMMON_SHARE))
        self._facets: dict[QuestionFilter, frozenset[int]] = {}
        self._numbers = list(range(len(questions)))
        self._sets: dict[tuple[str, tuple[str, ...]], set[int]] = {}

    def __len__(self) -> int:
        return len(self.questions)

    @classmethod
    def build(cls, questions: Iterable[Question]) -> SearchIndex:
        """Index questions: about 1.5 s per 100,000 on a modest machine."""
        enabled = gc.isenabled()
        gc.disable()  # millions of small objects: generational GC would rescan them all
        try:
            pairs = sorted(((key_text(q), q) for q in questions), key=lambda p: len(p[0]))
            key_postings: defaultdict[str, list[int]] = defaultdict(list)
            prompt_postings: defaultdict[str, list[int]] = defaultdict(list)
            process_text = utils.default_process
            for number, (key, question) in enumerate(pairs):
                key_words = set(key.split())
                for word in key_words:
                    key_postings[word].append(number)
                prompt_words = set(process_text(question.prompt).split())
                for word in prompt_words.difference(key_words, STOPWORDS):
                    prompt_postings[word].append(number)
        finally:
            if enabled:
                gc.enable()
        return cls([q for _, q in pairs], [k for k, _ in pairs], dict(key_postings),
                   dict(prompt_postings))

    def search(self, query: str, limit: int = 10, where: Where | None = None) -> list[Hit]:
        """The best `limit` questions for `query`, best first; [] for an empty query.

        `where` narrows the results: a QuestionFilter (fast, precomputed) or any
        predicate on a Question.
        """
        text = normalize(query)
        if not text or limit <= 0:
            return []
        terms = self._terms(text.split(), typing=not query[-1:].isspace())
        finders = [t for t in terms if t.finds and t.expansion] or [
            t for t in terms if t.expansion][-1:]
        terms = [t for t in terms if t.expansion]
        accept = self._acceptor(where)
        candidates = self._key_candidates(terms, finders, accept)
        prompt_score = PROMPT_SCORE * min((max(t.expansion.values()) for t in finders),
                                          default=1.0)
        prompted = self._prompt_candidates(finders, set(candidates), accept)
        padding: list[int] = []
        if terms and len(candidates) + len(prompted) < limit * 5:
            # Few real matches: let WRatio pick more from the shortest keys, as an
            # exhaustive ranking would, keeping only those that score as a fair match.
            taken = set(candidates) | set(prompted)
            padding = postings.smallest([self._numbers], PADDING, taken, accept)
        ranked = self._rank_keys(text, candidates, finders)
        ranked += [r for r in self._rank_keys(text, padding, finders) if r[1] >= PADDING_FLOOR]
        for number in prompted:
            ranked.append((_TIERS["prompt"], prompt_score, number, "prompt"))
        ranked.sort(key=lambda r: (-r[0], -r[1], r[2]))
        return [Hit(self.questions[n], round(score, 1), match)
                for _, score, n, match in ranked[:limit]]

    def _terms(self, words: list[str], *, typing: bool) -> list[_Term]:
        terms: list[_Term] = []
        for position, word in enumerate(words):
            last = typing and position == len(words) - 1
            expansion = self.vocabulary.expand(word, typing=last)
            halves = None if expansion or last else self.vocabulary.split(word)
            if halves is None:
                terms.append(_Term(word, expansion, last))
            else:
                terms += [_Term(h, self.vocabulary.expand(h, typing=False), False)
                          for h in halves]
        return terms

    # -- candidates ---------------------------------------------------------

    def _key_candidates(self, terms: list[_Term], finders: list[_Term],
                        accept: Callable[[int], bool] | None) -> list[int]:
        """Shortest keys first: starting with the first word and holding every word,
        then holding every word, then holding any word (stopwords included)."""
        if not finders:
            return []
        lead = [self._starts[w] for w in terms[0].expansion if w in self._starts]
        if len(finders) == 1:
            found = [self._keys[w] for w in finders[0].expansion if w in self._keys]
            chosen = postings.smallest(lead, LEADING_CANDIDATES, accept=accept)
            chosen += postings.smallest(found, ALL_WORDS_CANDIDATES, set(chosen), accept)
            every: set[int] = set(chosen)
        else:
            sets = sorted((self._key_set(t) for t in finders), key=len)
            every = sets[0].intersection(*sets[1:])
            leading = every & self._cached("start", self._starts, terms[0].expansion)
            chosen = postings.smallest_of(leading, LEADING_CANDIDATES, accept)
            chosen += postings.smallest_of(every - leading, ALL_WORDS_CANDIDATES, accept)
        skip = every | set(chosen)
        share = SOME_WORDS_CANDIDATES // len(terms)
        for term in terms:
            found = [self._keys[w] for w in term.expansion if w in self._keys]
            more = postings.smallest(found, share, skip, accept)
            chosen.extend(more)
            skip.update(more)
        return chosen

    def _prompt_candidates(self, terms: list[_Term], seen: set[int],
                           accept: Callable[[int], bool] | None) -> list[int]:
        """Questions whose prompt holds every word their key lacks."""
        covering: set[int] | None = None
        in_prompt = False
        for term in sorted(terms, key=lambda t: postings.total(self._prompts, t.expansion)):
            size = postings.total(self._prompts, term.expansion)
            if size > self._prompt_common or (term.typing and len(term.word) < 3):
                continue  # too common to say which question is meant
            in_prompt = in_prompt or size > 0
            docs = self._prompt_set(term) | self._key_set(term)
            covering = docs if covering is None else covering & docs
            if not covering:
                return []
        if covering is None or not in_prompt:
            return []
        covering -= seen
        return postings.smallest_of(covering, PROMPT_CANDIDATES, accept)

    def _key_set(self, term: _Term) -> set[int]:
        return self._cached("key", self._keys, term.expansion)

    def _prompt_set(self, term: _Term) -> set[int]:
        return self._cached("prompt", self._prompts, term.expansion)

    def _cached(self, name: str, source: Postings, words: Expansion) -> set[int]:
        """The questions holding any of `words` (shared: callers must not modify it)."""
        cache_key = (name, tuple(words))
        found = self._sets.get(cache_key)
        if found is None:
            if len(self._sets) >= _SET_CACHE_SIZE:
                self._sets.clear()
            found = self._sets[cache_key] = postings.union(source, words)
        return found

    def clear_caches(self) -> None:
        """Forget cached word expansions and question sets (benchmarks start cold)."""
        self._sets.clear()
        self.vocabulary.clear_cache()

    def _acceptor(self, where: Where | None) -> Callable[[int], bool] | None:
        if where is None or (isinstance(where, QuestionFilter) and not where.narrows):
            return None
        if isinstance(where, QuestionFilter):
            allowed = self._facets.get(where)
            if allowed is None:
                allowed = frozenset(n for n, q in enumerate(self.questions) if where(q))
                self._facets[where] = allowed
            return allowed.__contains__
        questions = self.questions
        return lambda number: where(questions[number])

    # -- ranking ------------------------------------------------------------

    def _rank_keys(self, text: str, candidates: list[int], finders: list[_Term]
                   ) -> list[tuple[int, float, int, Match]]:
        if not candidates:
            return []
        choices = [self.keys[n] for n in candidates]
        scored = process.extract(text, choices, scorer=fuzz.WRatio, limit=None)
        padded_query = f" {text}"
        holding = [self._key_set(t) for t in finders]
        ranked: list[tuple[int, float, int, Match]] = []
        for key, score, position in scored:
            number = candidates[position]
            match = _match(padded_query, key)
            if match == "fuzzy" and holding and all(number in docs for docs in holding):
                match = "words"
            ranked.append((_TIERS[match], float(score), number, match))
        return ranked


def _match(padded_query: str, key: str) -> Match:
    """Whole-phrase match, match at a word start, or only a fuzzy one."""
    padded_key = f" {key} "
    if f"{padded_query} " in padded_key:
        return "exact"
    return "prefix" if padded_query in padded_key else "fuzzy"
