"""The words of a bank, and which of them a typed (possibly misspelt) word means.

A query word expands to the bank words it could stand for, each with a weight:
the word itself (1.0), words it is a prefix of while the user is still typing
(0.9), and words within a small edit distance (rapidfuzz `ratio`, scaled to at
most 0.85), so "limter" finds "limiter" and "rate lim" finds "rate limiter".
Expansions are cached: typing one more letter reuses the earlier words.
"""

from __future__ import annotations

import bisect

from rapidfuzz import fuzz, process

Expansion = dict[str, float]

EXACT = 1.0
PREFIX = 0.9
FUZZY_CEILING = 0.85
# The shortest word we expand by prefix or by spelling; shorter ones match only themselves
# (plus, for the word being typed, a bounded number of completions).
MIN_FUZZY = 4
MIN_PREFIX = 2
MAX_COMPLETIONS = 64
_CACHE_SIZE = 4096


def fuzzy_cutoff(word: str) -> float:
    """Longer words tolerate more typos: one edit in 5 letters, two in 9."""
    return 80.0 if len(word) < 8 else 75.0


class Vocabulary:
    """Sorted distinct words with their document frequency."""

    def __init__(self, frequencies: dict[str, int]) -> None:
        self.frequencies = frequencies
        self.words = sorted(frequencies)
        self._cache: dict[tuple[str, bool], Expansion] = {}

    def __len__(self) -> int:
        return len(self.words)

    def clear_cache(self) -> None:
        self._cache.clear()

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
        if word in self.frequencies:
            result[word] = EXACT
        if len(word) >= MIN_PREFIX or typing:
            completions = self.completions(word)
            if len(completions) > MAX_COMPLETIONS:
                # One or two letters typed: keep the commonest completions.
                completions = sorted(completions, key=self.frequencies.__getitem__,
                                     reverse=True)[:MAX_COMPLETIONS]
            for other in completions:
                result.setdefault(other, PREFIX)
        if len(word) >= MIN_FUZZY:
            matches = process.extract(word, self.words, scorer=fuzz.ratio,
                                      score_cutoff=fuzzy_cutoff(word), limit=None)
            for other, score, _ in matches:
                weight = FUZZY_CEILING * score / 100.0
                if result.get(other, 0.0) < weight:
                    result[other] = weight
        return result

    def split(self, word: str) -> tuple[str, str] | None:
        """Two bank words run together ("handrolled", "ratelimter"), one of them
        spelt exactly, or None."""
        if len(word) < 2 * MIN_PREFIX + 2 or word in self.frequencies:
            return None
        for cut in range(MIN_PREFIX + 1, len(word) - MIN_PREFIX):
            left, right = word[:cut], word[cut:]
            if left in self.frequencies and self.expand(right, typing=False):
                return left, right
            if right in self.frequencies and self.expand(left, typing=False):
                return left, right
        return None

    def completions(self, prefix: str) -> list[str]:
        start = bisect.bisect_left(self.words, prefix)
        end = bisect.bisect_left(self.words, prefix + "\U0010ffff", start)
        return [w for w in self.words[start:end] if w != prefix]

