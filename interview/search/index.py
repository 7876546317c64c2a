"""A fuzzy search index over the bank, fast enough to run on every keystroke.

Scoring every question with rapidfuzz's WRatio is the reference ranking, but
it costs about half a second at 100,000 questions. The index gets the same top
results from about a thousand candidates instead. How WRatio scores a query of
n characters against a key of m (the question's title, tags and competencies)
says where to look:

- m < 8n: up to 90 for the query inside the key (anywhere, even inside a
  word), 85.5 for a key sharing any whole word with it (even "a" or "the"),
  less for partial matches; a key that begins with most of the query scores
  a little more than one holding it further in; m < 1.5n scores by plain
  similarity.
- m >= 8n: at most 60, for the query inside the key; 57 for a shared word.

So a short key holding a vaguely similar word can outscore a long key holding
the exact phrase, and whole classes of keys tie (every key holding a word of
the query, or the query inside a word, scores the same). Questions are
numbered shortest key first, so "the keys with m < 8n" are the numbers below
a bound, and "the shortest keys holding a word" are the smallest numbers in
its inverted list: the keys that win WRatio's ties. The candidates:

1. The shortest keys holding a one-word query anywhere, even inside a word
   (the words holding it from the vocabulary, then their lists; a scan of the
   joined keys when very many words hold it, so it stops soon).
2. The shortest keys sharing any whole word with the query, stopwords too.
3. The shortest keys beginning with the first word (or a word it may mean).
4. Keys holding the query as typed, or with its last letter or two dropped
   (a phrase: looked for in the shortest keys holding its rarest whole word).
5. Keys holding words the query's words may mean (vocabulary.py: the word,
   its completions while typed, words holding it, close spellings): first
   those holding every word (the words as typed before their close
   spellings), then those holding some, shortest first (postings.py).
   Stopwords do not find questions by themselves.
6. Every key with m < 8n when there are few (short queries), else the
   HEAD_KEYS shortest: where the ties between keys that merely share letters
   with the query are won. They are scored with the cutoff the others set
   (rapidfuzz skips most of the work) and never count below PADDING_FLOOR.
7. If fewer than `limit` keys score at least PROMPT_SCORE: questions whose
   prompt holds every word the key lacks score PROMPT_SCORE (less for
   inexact words) if their key scores less.

The order is WRatio's score, ties broken by match kind (`Hit.match`: an exact
phrase first, then the phrase with its last word still being typed, then keys
holding every word, then prompts holding them, then partial matches), then
shortest key first; `match_kinds` gives a reference ranking the same
tie-break. One exception: when a query word is known only by its close
spellings (a typo: no bank word is it or begins with it), keys holding every
word (or a close spelling) come before the partial matches whatever their
scores, so that "bexkpaenmi" finds the long title holding "Bexkapenmi" (WRatio
scores it at most 60, below short keys sharing a few letters).

The built index can be saved beside the bank cache and loaded in a few tens of
milliseconds (`load_or_build`): plain lists and arrays in a marshal payload,
versioned, check-summed and tied to the exact questions it indexes; any file
that is not exactly that is ignored and rebuilt.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import itertools
import marshal
import os
import struct
import sys
import tempfile
import zlib
from array import array
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from pathlib import Path
from typing import BinaryIO, Literal, overload

import rapidfuzz
from rapidfuzz import fuzz, process, utils

from interview.bank import cache as bank_cache
from interview.bank import stamps
from interview.bank.filters import QuestionFilter
from interview.bank.loader import Bank
from interview.bank.model import Question
from interview.gcpause import collection_paused
from interview.search import postings
from interview.search.postings import STOPWORDS, Lists
from interview.search.text import key_text, normalize
from interview.search.vocabulary import PREFIX, Expansion, Vocabulary

# exact: the query as a phrase; prefix: the phrase with its last word unfinished;
# words: every query word (or a close spelling); prompt: every word, some only in
# the prompt; fuzzy: some of the words.
Match = Literal["exact", "prefix", "words", "prompt", "fuzzy"]
Where = Callable[[Question], bool]

# Candidates re-ranked per query (each WRatio call costs a few microseconds).
TIERS: dict[Match, int] = {"exact": 5, "prefix": 4, "words": 3, "prompt": 2, "fuzzy": 1}
# A key found only for being short must score this much beside other candidates,
# and more when there are none (it then merely shares a few letters: no match).
PADDING_FLOOR = 40.0
LONE_PADDING_FLOOR = 50.0
# rapidfuzz may drop a key scoring right at its cutoff: ask a little lower.
_CUTOFF_MARGIN = 0.01
SHORT_KEYS = 800
HEAD_KEYS = 300
SUBSTRING_CANDIDATES = 40
SHARED_WORD_CANDIDATES = 40
# A one-word query held by more words than this is found by scanning the keys.
SUBSTRING_WORDS = 256
LEADING_CANDIDATES = 100
PHRASE_CANDIDATES = 100
PHRASE_SCAN = 4000
ALL_WORDS_CANDIDATES = 300
WEAK_CANDIDATES = 100
SOME_WORDS_CANDIDATES = 300
PROMPT_CANDIDATES = 100
# A question found only through its prompt scores like a long title holding the words.
PROMPT_SCORE = 55.0
# WRatio scores a key at most 60 once it is this many times longer than the query.
_LONG_KEY = 8
# A word in more than this share of prompts does not find questions by prompt.
_PROMPT_COMMON_SHARE = 0.05
_SET_CACHE_SIZE = 256


_SCORE = itemgetter(0)
_NUMBER = itemgetter(1)


def _wratio_order(scored: list[tuple[float, int]]) -> None:
    """Sort (score, number) pairs by score, ties to the shorter key (the smaller
    number), as rapidfuzz ranks: two stable sorts keyed in C, not one keyed in Python."""
    scored.sort(key=_NUMBER)
    scored.sort(key=_SCORE, reverse=True)


def _prompt_common(questions: int) -> int:
    return max(20, int(questions * _PROMPT_COMMON_SHARE))


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
    """Build once with `SearchIndex.build(questions)` (or `load_or_build`), then
    `search()` per keystroke.

    Searching fills small caches, so call it from one thread at a time (a
    Textual screen: one exclusive worker); the index never changes after build.
    """

    def __init__(self, questions: Sequence[Question], keys: list[str], vocabulary: Vocabulary,
                 key_lists: Lists, first_lists: Lists, prompt_lists: Lists, *,
                 joined_keys: str | None = None, key_starts: array[int] | None = None) -> None:
        """`joined_keys`, if given, is `"\\n".join(keys)`, and `key_starts` where
        each key begins in it (with one past the end): else made when needed."""
        self.questions = questions  # numbered shortest key first, like keys
        self.keys = keys
        self.vocabulary = vocabulary
        self._keys = key_lists  # word -> the keys holding it
        self._firsts = first_lists  # word -> the keys beginning with it
        self._prompts = prompt_lists  # word -> the prompts holding it (not their key)
        self._prompt_common = _prompt_common(len(keys))
        self._facets: dict[QuestionFilter, frozenset[int]] = {}
        self._seen: dict[QuestionFilter, dict[int, bool]] = {}
        self._sets: dict[tuple[str, tuple[str, ...]], set[int]] = {}
        self._joined = joined_keys
        self._starts = key_starts

    def __len__(self) -> int:
        return len(self.keys)

    @classmethod
    def build(cls, questions: Iterable[Question]) -> SearchIndex:
        """Index questions: about 2 s per 100,000 (60,000 distinct words) on a
        modest machine; `load_or_build` saves doing it again."""
        with collection_paused():  # many small objects, all kept
            pairs = sorted(((key_text(q), q) for q in questions), key=lambda p: len(p[0]))
            # Lists while building (appending to them is cheaper), arrays once collected.
            key_lists: defaultdict[str, list[int]] = defaultdict(list)
            first_lists: defaultdict[str, list[int]] = defaultdict(list)
            prompt_lists: defaultdict[str, list[int]] = defaultdict(list)
            process_text = utils.default_process
            for number, (key, question) in enumerate(pairs):
                split = key.split()
                if split:
                    first_lists[split[0]].append(number)
                key_words = set(split)
                for word in key_words:
                    key_lists[word].append(number)
                prompt_words = set(process_text(question.prompt).split())
                prompt_words.difference_update(key_words, STOPWORDS)
                for word in prompt_words:
                    prompt_lists[word].append(number)
            words = sorted(key_lists.keys() | prompt_lists.keys())
            counts = array("I", (len(key_lists.get(w, ())) + len(prompt_lists.get(w, ()))
                                 for w in words))
            common = _prompt_common(len(pairs))  # never used to find prompts: not kept
            keys_of = Lists.collect(words, key_lists)
            firsts_of = Lists.collect(words, first_lists)
            prompts_of = Lists.collect(words, {w: docs for w, docs in prompt_lists.items()
                                               if len(docs) <= common})
        keys = [k for k, _ in pairs]
        return cls([q for _, q in pairs], keys, Vocabulary(words, counts), keys_of, firsts_of,
                   prompts_of, joined_keys="\n".join(keys))

    # -- persistence ------------------------------------------------------------

    @classmethod
    def load_or_build(cls, questions: Bank | Mapping[str, Question] | Iterable[Question],
                      path: Path | None = None) -> SearchIndex:
        """The index of `questions`, read from `path` if that file holds the index
        of exactly these questions (same ids, order and searched text), else built
        and saved there for next time.

        A Bank's index lives beside its bank cache (`index_file(bank.root)`)
        unless `path` says otherwise; other questions are only saved to `path`.
        A missing, damaged, old or foreign file is rebuilt, never an error; a
        file that cannot be written costs speed only.
        """
        key = ""
        if isinstance(questions, Bank):
            path = path or index_file(questions.root)
            key = _BANK + questions.key if questions.key else ""
            questions = questions.questions
        if not isinstance(questions, Mapping):
            listed = list(questions)
            questions = {q.id: q for q in listed}
            if len(questions) != len(listed):  # ids twice: hits could not be found by id
                return cls.build(listed)
        if path is None:
            return cls.build(questions.values())
        key = key or content_key(questions)
        if key in _saved_keys(path):
            loaded = cls.load(path, questions, key)
            if loaded is not None:
                return loaded
        index = cls.build(questions.values())
        index.save(path, key)
        return index

    def save(self, path: Path, *keys: str) -> bool:
        """Write the index to `path` (atomically) as the index of the content
        each of `keys` names (content_key); False if it cannot be written."""
        header = marshal.dumps((_FORMAT, list(keys), _code_stamp(), sys.byteorder))
        joined_keys, starts = self._joined_keys()
        payload = marshal.dumps((
            [q.id for q in self.questions], joined_keys, starts.tobytes(),
            "\n".join(self.vocabulary.words), self.vocabulary.letters(),
            array("I", self.vocabulary.counts).tobytes(),
            self._keys.offsets.tobytes(), self._keys.data.tobytes(),
            self._firsts.offsets.tobytes(), self._firsts.data.tobytes(),
            self._prompts.offsets.tobytes(), self._prompts.data.tobytes(),
        ))
        prefix = _PREFIX.pack(_MAGIC, len(header), zlib.crc32(header), len(payload),
                              zlib.crc32(payload))
        temporary: Path | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=f"{path.name}.",
                                             suffix=".tmp", delete=False) as handle:
                temporary = Path(handle.name)
                handle.write(prefix)
                handle.write(header)
                handle.write(payload)
            temporary.replace(path)
        except OSError:
            if temporary is not None:
                with contextlib.suppress(OSError):
                    temporary.unlink(missing_ok=True)
            return False
        return True

    @classmethod
    def load(cls, path: Path, questions: Mapping[str, Question], key: str) -> SearchIndex | None:
        """The index saved at `path` for content `key`, its hits read from
        `questions`; None if the file is missing, damaged, old or another's."""
        try:
            with path.open("rb") as handle:
                saved = _read_header(handle)
                if saved is None or key not in saved[0]:
                    return None
                size, checksum = saved[1]
                payload = handle.read(size + 1)
            if len(payload) != size or zlib.crc32(payload) != checksum:
                return None
            (ids, joined_keys, starts_bytes, joined_words, letters, counts_bytes, key_offsets,
             key_data, first_offsets, first_data, prompt_offsets,
             prompt_data) = marshal.loads(payload)
            del payload
            if not (isinstance(ids, list) and isinstance(joined_keys, str)
                    and isinstance(joined_words, str) and isinstance(letters, str)):
                return None
            keys = joined_keys.split("\n") if ids else []
            words = joined_words.split("\n") if joined_words else []
            counts = _array("I", counts_bytes)
            starts = _array("Q", starts_bytes)
            lists = [Lists(_array("Q", offsets), _array("I", data)) for offsets, data in (
                (key_offsets, key_data), (first_offsets, first_data),
                (prompt_offsets, prompt_data))]
            if not (len(ids) == len(keys) == len(starts) - 1
                    and starts[-1] == (len(joined_keys) + 1 if ids else 0) and all(
                    len(words) == len(counts) == len(found) and found.offsets[-1] == len(found.data)
                    for found in lists)):
                return None
            vocabulary = Vocabulary(words, counts, joined=joined_words, letters=letters)
            return cls(_ById(ids, questions), keys, vocabulary, *lists,
                       joined_keys=joined_keys if ids else None, key_starts=starts)
        except (OSError, ValueError, EOFError, TypeError, IndexError, struct.error):
            return None

    # -- searching ------------------------------------------------------------

    def search(self, query: str, limit: int = 10, where: Where | None = None) -> list[Hit]:
        """The best `limit` questions for `query`, best first; [] for an empty query.

        `where` narrows the results: a QuestionFilter (its answer for each
        question remembered: for the whole bank at once on a built index, as
        questions come up on a loaded one, which reads questions only when
        used) or any predicate on a Question.
        """
        text = normalize(query)
        if not text or limit <= 0:
            return []
        terms, finders = self._parse(query, text)
        words = text.split()
        typing = not query[-1:].isspace()
        accept = self._acceptor(where)
        candidates = dict.fromkeys(self._leading_candidates(terms, accept))
        candidates.update(dict.fromkeys(self._substring_candidates(text, accept)))
        candidates.update(dict.fromkeys(self._shared_word_candidates(words, accept)))
        candidates.update(dict.fromkeys(self._phrase_candidates(text, words, typing, accept)))
        candidates.update(dict.fromkeys(self._key_candidates(terms, finders, accept)))
        padding = [n for n in self._short_keys(len(text), accept) if n not in candidates]
        prompt_score = PROMPT_SCORE * min((max(t.expansion.values()) for t in finders),
                                          default=1.0)
        scored = self._best(text, sorted(candidates), padding, limit)
        prompted: set[int] = set()
        if len(scored) < limit or scored[limit - 1][0] < prompt_score:  # else none shows
            # A question whose prompt holds the words scores at least prompt_score.
            seen = {n for score, n in scored if score >= prompt_score}
            prompted = set(self._prompt_candidates(finders, seen, accept))
            scored = [s for s in scored if s[1] not in prompted]
            scored += [(prompt_score, n) for n in prompted]
            _wratio_order(scored)
        return self._hits(text, scored, prompted, finders, limit)

    def match_kinds(self, query: str) -> Callable[[int], Match]:
        """How the key numbered n matches `query` (never "prompt"): what breaks
        ties between equal scores, for a reference ranking to break them alike."""
        text = normalize(query)
        _, finders = self._parse(query, text)
        padded_query = f" {text}"
        return lambda number: self._match(padded_query, number, finders)

    def _parse(self, query: str, text: str) -> tuple[list[_Term], list[_Term]]:
        """The query's words with what they may mean, and those that find keys."""
        typing = not query[-1:].isspace()
        terms = [t for t in self._terms(text.split(), typing=typing) if t.expansion]
        return terms, [t for t in terms if t.finds] or terms[-1:]

    def _best(self, text: str, candidates: list[int], padding: list[int], limit: int
              ) -> list[tuple[float, int]]:
        """Every candidate scored, and the padding that could be among the best
        `limit` (each list sorted), in WRatio's order. The candidates usually hold
        the best, so the padding is scored with the cutoff they set (rapidfuzz
        then skips most of the work), and never below PADDING_FLOOR (or
        LONE_PADDING_FLOOR without candidates: a key that is merely short and
        shares a few letters is no match)."""
        scored = self._score(text, candidates)
        cutoff = scored[limit - 1][0] - _CUTOFF_MARGIN if len(scored) >= limit else 0.0
        floor = PADDING_FLOOR if scored else LONE_PADDING_FLOOR
        scored += self._score(text, padding, max(cutoff, floor))
        _wratio_order(scored)
        return scored

    def _hits(self, text: str, scored: list[tuple[float, int]], prompted: set[int],
              finders: list[_Term], limit: int) -> list[Hit]:
        """The best `limit` of `scored` (in WRatio's order), ranked as the module
        docstring says. Reads only the questions shown."""
        # A word known only by its close spellings is a typo: WRatio scores the word
        # meant in a long key (at most 60) below short keys sharing a few letters.
        misspelt = any(max(t.expansion.values()) < PREFIX for t in finders)
        padded_query = f" {text}"
        while True:
            ranked: list[tuple[bool, float, int, int, Match]] = []
            held = 0
            last = -1.0
            for score, number in scored:
                if held >= limit and score < last:
                    break
                match: Match = ("prompt" if number in prompted
                                else self._match(padded_query, number, finders))
                holds = not misspelt or match != "fuzzy"
                ranked.append((not holds, -score, -TIERS[match], number, match))
                if holds:
                    held += 1
                    last = score
            ranked.sort()
            hits: list[Hit] = []
            gone: set[int] = set()
            for _, score, _, number, match in ranked:
                question = self._question(number)
                if question is None:  # a loaded index whose bank lost it since
                    gone.add(number)
                    continue
                hits.append(Hit(question, round(-score, 1), match))
                if len(hits) == limit:
                    break
            if len(hits) == limit or not gone:
                return hits
            scored = [s for s in scored if s[1] not in gone]

    def _question(self, number: int) -> Question | None:
        try:
            return self.questions[number]
        except KeyError:  # a loaded index whose bank lost the question since
            return None

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

    def _short_keys(self, length: int, accept: Callable[[int], bool] | None) -> list[int]:
        """Every key short enough for WRatio's full partial scale, if there are few,
        else the shortest HEAD_KEYS: where WRatio's ties (often among keys that
        only share a few letters with the query) are broken."""
        bound = bisect.bisect_left(self.keys, _LONG_KEY * length, key=len)
        count = max(bound if bound <= SHORT_KEYS else 0, HEAD_KEYS)
        if accept is None:
            return list(range(min(count, len(self.keys))))
        chosen: list[int] = []
        for number in range(len(self.keys)):
            if accept(number):
                chosen.append(number)
                if len(chosen) == count:
                    break
        return chosen

    def _substring_candidates(self, text: str, accept: Callable[[int], bool] | None
                              ) -> list[int]:
        """The shortest keys holding a one-word query anywhere, even inside a word:
        WRatio's partial match scores them all alike (90, or 60 for a key eight
        times longer than the query). Phrases: _phrase_candidates."""
        if " " in text:
            return []
        words = self.vocabulary.containing(text, SUBSTRING_WORDS)
        if words is not None:
            ids = self.vocabulary.ids
            lists = [self._keys.get(ids[w]) for w in words]
            return postings.smallest(lists, SUBSTRING_CANDIDATES, accept=accept)
        # Held by very many words: the joined keys hold it often, a scan stops soon.
        joined, starts = self._joined_keys()
        chosen: list[int] = []
        at = joined.find(text)
        while at >= 0:
            number = bisect.bisect_right(starts, at) - 1
            if accept is None or accept(number):
                chosen.append(number)
                if len(chosen) == SUBSTRING_CANDIDATES:
                    break
            at = joined.find(text, starts[number + 1])
        return chosen

    def _shared_word_candidates(self, words: list[str], accept: Callable[[int], bool] | None
                                ) -> list[int]:
        """The shortest keys sharing any whole word with the query, as typed (even
        "a"): WRatio scores them all alike (85.5, or 57 for a long key)."""
        ids = self.vocabulary.ids
        lists = [self._keys.get(ids[w]) for w in set(words) if w in ids]
        return postings.smallest(lists, SHARED_WORD_CANDIDATES, accept=accept)

    def _joined_keys(self) -> tuple[str, array[int]]:
        """The keys joined by newlines, and where each begins (with one past the end)."""
        if self._joined is None:
            self._joined = "\n".join(self.keys)
        if self._starts is None:
            self._starts = array("Q", itertools.accumulate(
                (len(k) + 1 for k in self.keys), initial=0))
        return self._joined, self._starts

    def _leading_candidates(self, terms: list[_Term],
                            accept: Callable[[int], bool] | None) -> list[int]:
        """Shortest keys beginning with the first word (WRatio scores a key that
        begins with most of the query above one holding it further in)."""
        if not terms:
            return []
        strong, weak = self._split(terms[0].expansion, self._firsts)
        return postings.smallest(strong or weak, LEADING_CANDIDATES, accept=accept)

    def _phrase_candidates(self, text: str, words: list[str], typing: bool,
                           accept: Callable[[int], bool] | None) -> list[int]:
        """Shortest keys holding `text`, then `text` less its last letter, then two."""
        whole = words[:-1] if typing else words
        ids = self.vocabulary.ids
        lists = [self._keys.get(ids[w]) for w in whole if w in ids]
        if len(words) < 2 or not lists:
            return []
        rarest = min(lists, key=len)
        drop = min(2, len(words[-1]) - 1)
        needles = [text[:len(text) - cut] for cut in range(drop + 1)]
        loosest = needles[-1]
        found: list[list[int]] = [[] for _ in needles]
        keys = self.keys
        for number in rarest[:PHRASE_SCAN]:
            key = keys[number]
            if loosest not in key or (accept is not None and not accept(number)):
                continue
            for rank, needle in enumerate(needles):
                if needle in key:
                    if len(found[rank]) < PHRASE_CANDIDATES:
                        found[rank].append(number)
                    break
        return [number for group in found for number in group]

    def _key_candidates(self, terms: list[_Term], finders: list[_Term],
                        accept: Callable[[int], bool] | None) -> list[int]:
        """Shortest keys holding every word (the words themselves first, then the
        close spellings), then holding any word (stopwords included)."""
        if not finders:
            return []
        if len(finders) == 1:
            strong, weak = self._split(finders[0].expansion)
            chosen = postings.smallest(strong, ALL_WORDS_CANDIDATES, accept=accept)
            chosen += postings.smallest(weak, WEAK_CANDIDATES if strong else ALL_WORDS_CANDIDATES,
                                        set(chosen), accept)
            skip: set[int] = set(chosen)
        else:
            sets = sorted((self._key_set(t) for t in finders), key=len)
            skip = sets[0].intersection(*sets[1:])
            chosen = postings.smallest_of(skip, ALL_WORDS_CANDIDATES, accept)
        share = SOME_WORDS_CANDIDATES // len(terms)
        for term in terms:
            strong, weak = self._split(term.expansion)
            more = postings.smallest(strong or weak, share, skip, accept)
            chosen.extend(more)
            skip.update(more)
        return chosen

    def _split(self, expansion: Expansion, lists: Lists | None = None
               ) -> tuple[list[memoryview], list[memoryview]]:
        """The inverted lists (of keys, unless `lists` says) of the words an
        expansion holds: (exact and completions, the rest)."""
        strong: list[memoryview] = []
        weak: list[memoryview] = []
        ids = self.vocabulary.ids
        source = self._keys if lists is None else lists
        for word, weight in expansion.items():
            docs = source.get(ids[word])
            if docs:
                (strong if weight >= PREFIX else weak).append(docs)
        return strong, weak

    def _prompt_candidates(self, terms: list[_Term], seen: Iterable[int],
                           accept: Callable[[int], bool] | None) -> list[int]:
        """Questions whose prompt holds every word their key lacks."""
        covering: set[int] | None = None
        in_prompt = False
        sized = sorted(((self._prompt_total(t.expansion), t) for t in terms),
                       key=lambda pair: pair[0])
        for size, term in sized:
            if size > self._prompt_common or (term.typing and len(term.word) < 3):
                continue  # too common to say which question is meant
            in_prompt = in_prompt or size > 0
            docs = self._prompt_set(term) | self._key_set(term)
            covering = docs if covering is None else covering & docs
            if not covering:
                return []
        if covering is None or not in_prompt:
            return []
        covering = covering.difference(seen)
        return postings.smallest_of(covering, PROMPT_CANDIDATES, accept)

    def _prompt_total(self, words: Expansion) -> int:
        """How many prompts hold these words (their lists are kept only if few do)."""
        ids = self.vocabulary.ids
        counts = self.vocabulary.counts
        return sum(counts[i] - self._keys.size(i) for i in map(ids.__getitem__, words))

    def _key_set(self, term: _Term) -> set[int]:
        return self._cached("key", self._keys, term.expansion)

    def _prompt_set(self, term: _Term) -> set[int]:
        return self._cached("prompt", self._prompts, term.expansion)

    def _cached(self, name: str, source: Lists, words: Expansion) -> set[int]:
        """The questions holding any of `words` (shared: callers must not modify it)."""
        cache_key = (name, tuple(words))
        found = self._sets.get(cache_key)
        if found is None:
            if len(self._sets) >= _SET_CACHE_SIZE:
                self._sets.clear()
            found = set()
            ids = self.vocabulary.ids
            for word in words:
                found.update(source.get(ids[word]))
            self._sets[cache_key] = found
        return found

    def clear_caches(self) -> None:
        """Forget cached word expansions and question sets (benchmarks start cold)."""
        self._sets.clear()
        self.vocabulary.clear_cache()

    def _acceptor(self, where: Where | None) -> Callable[[int], bool] | None:
        if where is None or (isinstance(where, QuestionFilter) and not where.narrows):
            return None
        questions = self.questions
        if isinstance(where, QuestionFilter) and isinstance(questions, _ById):
            # A loaded index reads questions only when used: test each once, when met.
            seen = self._seen.setdefault(where, {})

            def accept(number: int) -> bool:
                found = seen.get(number)
                if found is None:
                    found = seen[number] = where(questions[number])
                return found

            return accept
        if isinstance(where, QuestionFilter):
            allowed = self._facets.get(where)
            if allowed is None:
                allowed = frozenset(n for n, q in enumerate(questions) if where(q))
                self._facets[where] = allowed
            return allowed.__contains__
        return lambda number: where(questions[number])

    # -- ranking ------------------------------------------------------------

    def _score(self, text: str, candidates: list[int], cutoff: float = 0.0
               ) -> list[tuple[float, int]]:
        """`candidates` scoring at least `cutoff`, by WRatio."""
        if not candidates:
            return []
        keys = self.keys
        scored = process.extract(text, [keys[n] for n in candidates], scorer=fuzz.WRatio,
                                 limit=None, score_cutoff=cutoff or None)
        return [(float(score), candidates[position]) for _, score, position in scored]

    def _match(self, padded_query: str, number: int, finders: list[_Term]) -> Match:
        """Whole-phrase match, match at a word start, every word, or only some."""
        key = self.keys[number]
        padded_key = f" {key} "
        if f"{padded_query} " in padded_key:
            return "exact"
        if padded_query in padded_key:
            return "prefix"
        words = set(key.split())
        if finders and all(not words.isdisjoint(t.expansion) for t in finders):
            return "words"
        return "fuzzy"


# -- the index file ---------------------------------------------------------------

# The file: _MAGIC, the lengths and CRC-32s of a header and a payload, the header
# (a marshalled tuple: format, content keys, code stamp, byte order), then the
# payload, a marshalled tuple of plain values: the question ids; the keys joined by
# newlines (normalised text holds none) and where each begins, as a raw array; the
# words joined by newlines; the words' letters; the word counts and the inverted
# lists as raw arrays. The header is read first: a stale file costs one small read.
_MAGIC = b"IVINDEX\x02"
_PREFIX = struct.Struct("<8sIIQI")
_FORMAT = 4
_BANK = "bank:"
_TEXT = "text:"


def _read_header(handle: BinaryIO) -> tuple[list[str], tuple[int, int]] | None:
    """The content keys of the index file open in `handle` (positioned at its
    payload), and the payload's size and CRC-32; None if it is not a current,
    intact index file."""
    prefix = handle.read(_PREFIX.size)
    if len(prefix) != _PREFIX.size:
        return None
    magic, header_size, header_checksum, size, checksum = _PREFIX.unpack(prefix)
    if magic != _MAGIC or header_size > 1 << 20:
        return None
    header = handle.read(header_size)
    if len(header) != header_size or zlib.crc32(header) != header_checksum:
        return None
    fields = marshal.loads(header)
    if not (isinstance(fields, tuple) and len(fields) == 4 and isinstance(fields[1], list)):
        return None
    version, keys, stamp, byteorder = fields
    if (version, stamp, byteorder) != (_FORMAT, _code_stamp(), sys.byteorder):
        return None
    if size > os.fstat(handle.fileno()).st_size:
        return None
    return [k for k in keys if isinstance(k, str)], (size, checksum)


def _saved_keys(path: Path) -> list[str]:
    try:
        with path.open("rb") as handle:
            found = _read_header(handle)
    except (OSError, ValueError, EOFError, TypeError, struct.error):
        return []
    return [] if found is None else found[0]


def index_file(root: str | Path) -> Path:
    """Where the search index of the bank at `root` is kept: beside its bank cache."""
    return bank_cache.companion_file(Path(root), "search", ".index")


def content_key(questions: Mapping[str, Question]) -> str:
    """What the index of `questions` depends on, as a digest: their ids in
    order and the text searched (reading every one). A Bank is named more
    cheaply by its key, a digest of the files it was read from."""
    digest = hashlib.sha256()
    for question in questions.values():
        digest.update("\x00".join((
            question.id, question.title, "\x01".join(question.tags), question.competency,
            "\x01".join(question.also), question.prompt, "\x02")).encode())
    return _TEXT + digest.hexdigest()


@cache
def _code_stamp() -> tuple[str | tuple[str, int, int], ...]:
    """The versions a saved index depends on: ours, rapidfuzz's (its text
    processing), and the search modules' sizes and mtimes."""
    return (rapidfuzz.__version__, *stamps.module_stamps(Path(__file__).resolve().parent))


def _array(code: str, data: object) -> array[int]:
    if not isinstance(data, bytes):
        raise TypeError("not an array")
    found = array(code)
    found.frombytes(data)
    return found


class _ById(Sequence[Question]):
    """A loaded index's questions, in its numbering, read from the bank when used."""

    def __init__(self, ids: list[str], questions: Mapping[str, Question]) -> None:
        self._ids = ids
        self._questions = questions

    def __len__(self) -> int:
        return len(self._ids)

    @overload
    def __getitem__(self, index: int) -> Question: ...

    @overload
    def __getitem__(self, index: slice) -> list[Question]: ...

    def __getitem__(self, index: int | slice) -> Question | list[Question]:
        if isinstance(index, slice):
            return [self._questions[i] for i in self._ids[index]]
        return self._questions[self._ids[index]]

    def __iter__(self) -> Iterator[Question]:
        questions = self._questions
        return (questions[i] for i in self._ids)
