"""The words of a bank, and which of them a typed (possibly misspelt) word means.

A query word expands to the bank words it could stand for, each with a weight:

- the word itself (1.0);
- while it is being typed, words it begins (0.9), and if those are few, words
  holding it further in (0.8: "limit" in "ratelimit"), as WRatio's partial
  match would find them;
- words within a small edit distance (rapidfuzz `ratio`, scaled to at most
  0.85), so "limter" finds "limiter";
- while it is being typed, words whose beginning is within that distance
  (at most 0.8), so "limtr" finds "limiter" before the word is finished.

A bank has tens of thousands of words, too many to compare a word with each
on every keystroke (that costs 20 ms or more at 60,000). A misspelling with
one edit keeps the first four letters of the word it means within one edit of
its own first five, so only the words beginning with one of those few
four-letter strings are compared (three letters for a four-letter word; the
words are a sorted list, so each is one bisection).
Expansions are cached: typing one more letter reuses the earlier words.
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Iterable, Sequence

from rapidfuzz import fuzz, process

Expansion = dict[str, float]

EXACT = 1.0
PREFIX = 0.9
INFIX = 0.8
FUZZY_CEILING = 0.85
FUZZY_PREFIX_CEILING = 0.8
# The shortest word we expand by prefix or by spelling; shorter ones match only themselves
# (plus, for the word being typed, a bounded number of completions).
MIN_FUZZY = 4
MIN_PREFIX = 2
MAX_COMPLETIONS = 64
# The letters compared to find close spellings (see the module docstring): three
# for four-letter words, four for longer ones.
_ANCHOR = 3
# A whole word matching fewer bank words than this also finds words holding it.
_FEW = 4
_CACHE_SIZE = 4096


def fuzzy_cutoff(word: str) -> float:
    """Longer words tolerate more typos: one edit in 5 letters, two in 9."""
    return 80.0 if len(word) < 8 else 75.0


class Vocabulary:
    """Sorted distinct words, each with the number of questions holding it."""

    def __init__(self, words: list[str], counts: Sequence[int], *, joined: str | None = None,
                 letters: str | None = None) -> None:
        """`joined` and `letters`, if given, are `"\\n".join(words)` and `letters()`."""
        self.words = words  # sorted, distinct
        self.counts = counts  # aligned with words
        self.ids = dict(zip(words, range(len(words)), strict=True))
        self._cache: dict[tuple[str, bool], Expansion] = {}
        self._containing: dict[str, list[str] | None] = {}
        self._joined = None if joined is None else f"\n{joined}\n"
        self._alphabet = letters

    def __len__(self) -> int:
        return len(self.words)

    def __contains__(self, word: object) -> bool:
        return word in self.ids

    def count(self, word: str) -> int:
        return self.counts[self.ids[word]]

    def clear_cache(self) -> None:
        self._cache.clear()
        self._containing.clear()

    def expand(self, word: str, *, typing: bool) -> Expansion:
        """Bank words `word` may mean; `typing` marks the word under the cursor."""
        key = (word, typing)
        found = self._cache.get(key)
        if found is None:
            found = self._expand(word, typing)
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.clear()
            self._cache[key] = found
        return found

    def _expand(self, word: str, typing: bool) -> Expansion:
        result: Expansion = {}
        if word in self.ids:
            result[word] = EXACT
        completions: list[str] = []
        if len(word) >= MIN_PREFIX or typing:
            completions = self._commonest_completions(word)
            for other in completions:
                result.setdefault(other, PREFIX)
        if typing and len(completions) < MAX_COMPLETIONS:
            for other in self._commonest(self.holding(word), MAX_COMPLETIONS - len(completions)):
                result.setdefault(other, INFIX)
        elif not typing and len(word) >= MIN_FUZZY and len(result) < _FEW:
            for other in self._commonest(self.holding(word), _FEW):
                result.setdefault(other, INFIX)
        if len(word) >= MIN_FUZZY:
            near = self._near(word)
            cutoff = fuzzy_cutoff(word)
            for other, score, _ in process.extract(word, near, scorer=fuzz.ratio,
                                                   score_cutoff=cutoff, limit=None):
                _keep(result, other, FUZZY_CEILING * score / 100.0)
            if typing:
                for other, score in self._fuzzy_completions(word, near, cutoff):
                    _keep(result, other, FUZZY_PREFIX_CEILING * score / 100.0)
        return result

    def _commonest_completions(self, prefix: str) -> list[str]:
        """completions(prefix), or the MAX_COMPLETIONS commonest if more (in the
        same order as _commonest gives: by count, ties alphabetical)."""
        start, end = self._beginning_with(prefix)
        if start < end and self.words[start] == prefix:
            start += 1
        if end - start <= MAX_COMPLETIONS:
            return self.words[start:end]
        # One or two letters typed: thousands of words, ranked by their counts in C.
        chosen = heapq.nlargest(MAX_COMPLETIONS, range(start, end), key=self.counts.__getitem__)
        return [self.words[i] for i in chosen]

    def _commonest(self, words: list[str], count: int = MAX_COMPLETIONS) -> list[str]:
        if len(words) <= count:
            return words
        # One or two letters typed: keep the commonest completions.
        return heapq.nlargest(count, words, key=self.count)

    def _near(self, word: str) -> list[str]:
        """The words that may be one edit from `word` (see the module docstring)."""
        anchor = _ANCHOR if len(word) <= _ANCHOR + 1 else _ANCHOR + 1
        head = word[:anchor + 1]
        alphabet = self.letters()
        variants = {head}
        for i in range(len(head) + 1):
            for letter in alphabet:
                variants.add(head[:i] + letter + head[i:])  # a letter left out
        for i in range(len(head)):
            variants.add(head[:i] + head[i + 1:])  # a letter too many
            for letter in alphabet:
                variants.add(head[:i] + letter + head[i + 1:])  # a wrong letter
            if i + 1 < len(head):
                variants.add(head[:i] + head[i + 1] + head[i] + head[i + 2:])  # two swapped
        anchors = sorted({v[:anchor] for v in variants if len(v) >= anchor})
        words = self.words
        near: list[str] = []
        end = 0
        for start_text in anchors:
            start = bisect.bisect_left(words, start_text, end)
            end = bisect.bisect_left(words, start_text + "\U0010ffff", start)
            near += words[start:end]
        return near

    def _fuzzy_completions(self, word: str, near: list[str], cutoff: float
                           ) -> Iterable[tuple[str, float]]:
        """Words whose first letters are `word` misspelt (a letter wrong, left out
        or swapped; one too many scores high enough against as many letters)."""
        best: dict[str, float] = {}
        size = len(word)
        for length in (size, size + 1):
            heads = [w[:length] for w in near]
            for _, score, position in process.extract(word, heads, scorer=fuzz.ratio,
                                                      score_cutoff=cutoff, limit=None):
                other = near[position]
                if len(other) > length and best.get(other, 0.0) < score:
                    best[other] = score
        if len(best) > MAX_COMPLETIONS:
            chosen = heapq.nlargest(MAX_COMPLETIONS, best, key=lambda w: (best[w], self.count(w)))
            return [(w, best[w]) for w in chosen]
        return best.items()

    def letters(self) -> str:
        """Every character the words hold, sorted."""
        if self._alphabet is None:
            self._alphabet = "".join(sorted(set(self._words_text()) - {"\n"}))
        return self._alphabet

    def _words_text(self) -> str:
        if self._joined is None:
            self._joined = "\n" + "\n".join(self.words) + "\n"
        return self._joined

    def split(self, word: str) -> tuple[str, str] | None:
        """Two bank words run together ("handrolled", "ratelimter"), one of them
        spelt exactly, or None."""
        if len(word) < 2 * MIN_PREFIX + 2 or word in self.ids:
            return None
        for cut in range(MIN_PREFIX + 1, len(word) - MIN_PREFIX):
            left, right = word[:cut], word[cut:]
            if left in self.ids and self.expand(right, typing=False):
                return left, right
            if right in self.ids and self.expand(left, typing=False):
                return left, right
        return None

    def completions(self, prefix: str) -> list[str]:
        """The words beginning with `prefix` (itself excluded)."""
        start, end = self._beginning_with(prefix)
        return [w for w in self.words[start:end] if w != prefix]

    def _beginning_with(self, prefix: str) -> tuple[int, int]:
        """Where the words beginning with `prefix` (itself too) are in `words`."""
        start = bisect.bisect_left(self.words, prefix)
        return start, bisect.bisect_left(self.words, prefix + "\U0010ffff", start)

    def containing(self, part: str, limit: int) -> list[str] | None:
        """Every word holding `part` anywhere (itself included), or None if more
        than `limit` do."""
        if part in self._containing:
            return self._containing[part]
        start, end = self._beginning_with(part)
        found: list[str] | None = None
        if end - start <= limit:
            inner = self.holding(part, limit + 1 - (end - start))
            if end - start + len(inner) <= limit:
                found = self.words[start:end] + inner
        if len(self._containing) >= _CACHE_SIZE:
            self._containing.clear()
        self._containing[part] = found
        return found

    def holding(self, part: str, limit: int = 1024) -> list[str]:
        """Up to `limit` words holding `part` after their first letter."""
        if not part or "\n" in part:
            return []
        text = self._words_text()
        found: list[str] = []
        at = text.find(part)
        while at >= 0 and len(found) < limit:
            start = text.rfind("\n", 0, at) + 1
            end = text.find("\n", at)
            if at > start:
                found.append(text[start:end])
            at = text.find(part, end)
        return found


def _keep(result: Expansion, word: str, weight: float) -> None:
    if result.get(word, 0.0) < weight:
        result[word] = weight
