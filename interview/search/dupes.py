"""Near-duplicate prompts: pairs of prompts most of whose content words, by
weight, they share (`pair_score` >= 70).

The rule is `pair_score`, and only it: `bank check`, `bank dupes` and
`bank import` all go through it. A prompt is compared as `prepare` leaves it:
lowercased, punctuation as spaces, the words that only frame a question
("what is the difference between", "how does ... work", "explain") dropped
and plurals folded. Each remaining word weighs its length + 1 (longer words
are rarer and say more), a word counting once per prompt, and the score is

    200 * (weight of the shared words) / (weight of A's words + weight of B's)

(a Dice coefficient, 0-100). It is symmetric: a short question whose few words
all appear in a long prompt scores low, not 100 as token_set_ratio did (the
old rule, token_set_ratio >= 90, made "What is load average?" a duplicate of a
question about percentile aggregation). benchmarks/dupes_rule_bench.py chose
this rule and its threshold over the labelled pairs in
tests/data/near_duplicates.yaml (precision and recall, against the old rule
and other candidates; tests/test_dupes_rule.py holds it to them).

What follows only decides which pairs are worth giving to the rule, and is
derived from how it is computed (a new rule needs a new `unshared_allowance`
and `_least_score`, or pairs will be missed; tests/test_search_dupes.py and
tests/test_import_bounds.py compare the result with scoring every pair).

Comparing every pair is quadratic (50 million pairs at 10,000 prompts), so
prompts go into a `DuplicateIndex` one at a time and each new prompt is scored
only against the prompts an inverted index names. With W the weight of A's
words (the length of A's words joined by spaces, plus 1), m the weight of
those B lacks and t the threshold (a share), the score reaches t only if

    m <= 2 W (1 - t) / (2 - t)

whatever B is (`unshared_allowance`): B can miss only that much of A, and the
same holds the other way round. So if B holds none of A's rarest words whose
joined length exceeds that bound, the pair is below t; A's "probe" of rarest
words runs _MARGIN characters past the bound, so a B that reaches t holds
about _MARGIN characters of the probe at least. The index keeps every word of
each added prompt, and separately each one's probe words; a new prompt A is
compared with the added prompts holding enough of A's probe and with those
whose probe A holds enough of (since the bound holds both ways, either list
alone names every such pair; taking both costs little). Probe words are rare,
so both lists are short. Since the rule looks at whole words only, that finds
every pair it puts over the threshold, and `_least_score` (the score worked
out from word sets and lengths) discards the rest before the rule is called.

An import asks for less (`drop_matched`): a new question that matches is
dropped, never indexed, so 2,000 copies of one question cost 2,000
comparisons with the first, not two million with each other; and one
matching many questions is scored against the likeliest _ENOUGH of them.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain

from rapidfuzz import utils

from interview.bank.model import Question
from interview.bank.problems import Problem
from interview.search.postings import Postings, add

THRESHOLD = 70.0  # chosen by benchmarks/dupes_rule_bench.py
# With drop_matched, a question's best match is the best of the _ENOUGH likeliest: a
# question copied a thousand times in the bank costs _ENOUGH comparisons, not a thousand.
_ENOUGH = 8
_LIKELY = 64  # candidates sharing the most whose least scores order them
# A prompt's words, their joined length, its probe words and how much of them a match holds.
_Prompt = tuple[frozenset[str], int, list[str], float]
# Characters of a prompt's rarest words another prompt must share to be compared.
_MARGIN = 24
_SLACK = 1e-6  # so that float rounding never excludes a pair at the threshold


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    first: Question
    second: Question
    score: float


# Words that say how a question is asked, not what it asks ("what is the difference
# between X and Y", "how does X work"): they carry no weight.
_FRAMING = """
a about after all also am an and any are as at be been before being between both but by
can could did do does doing done during each either else every explain for from give
had has have having he her here how i if in into is it its just me might more most must
my no nor not now of on once one only or other our out over own please say she should so
some such tell than that the their them then there these they this those through to too
under until up us very was way we were what whats when where whether which while who
whom whose why will with would yet you your yours s t d ll m re ve
actually exactly really get make like look use used using work works happen happens
differ differs different difference versus vs
"""
STOPWORDS = frozenset(_FRAMING.split())


def prepare(prompt: str) -> str:
    """A prompt as the rule compares it: lowercased, punctuation as spaces, the
    words in STOPWORDS dropped (unless nothing else is left) and plurals folded
    ("threads" as "thread", "queries" as "query", "processes" as "process")."""
    words = utils.default_process(prompt).split()
    content = [word for word in words if word not in STOPWORDS] or words
    return " ".join(map(_singular, content))


def _singular(word: str) -> str:
    if len(word) <= 3 or not word.endswith("s"):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("sses"):
        return word[:-2]
    if word.endswith(("ss", "us", "is")):
        return word
    return word[:-1]


def pair_score(first: str, second: str, threshold: float = THRESHOLD) -> float:
    """The near-duplicate rule, on two prepared prompts: 200 * the weight of the
    words they share / the weight of all the words of both (a word counted once
    per prompt, weighing its length + 1), 0-100; or 0 when it is below `threshold`.

    Symmetric, so a short question is not a duplicate of a long one merely
    because its few words all appear in it."""
    a, b = set(first.split()), set(second.split())
    if not a or not b:
        return 0.0
    score = 200.0 * _weight(a & b) / (_weight(a) + _weight(b))
    return score if score >= threshold and score > 0 else 0.0


def _weight(words: Collection[str]) -> int:
    return sum(map(len, words)) + len(words)


def unshared_allowance(joined_length: int, threshold: float) -> float:
    """The longest joined length of A's words missing from B that still lets
    pair_score reach `threshold` (in percent), A's words joined being
    `joined_length` long.

    With W the weight of A's words (joined length + 1), m the weight of those
    missing from B and S = W - m the shared weight, 2S / (W + W_B) >= t needs
    (W_B >= S) 2 (W - m) (1 - t) >= t m, that is m <= 2 W (1 - t) / (2 - t);
    the joined length of the missing words is m - 1."""
    share = threshold / 100.0
    if share >= 1.0:
        return 0.0
    if share <= 0.0:
        return float(joined_length)
    return 2.0 * (joined_length + 1) * (1.0 - share) / (2.0 - share) - 1.0


class DuplicateIndex:
    """Prompts added one at a time; `matches` scores a prompt against the added
    prompts that can reach the threshold with it, and no others.

    `texts` are every prompt (prepared) that will be matched or added, by
    number; a word's rarity is counted over all of them.
    """

    def __init__(self, texts: Sequence[str], threshold: float = THRESHOLD) -> None:
        self.texts = texts
        self.threshold = threshold
        self._count = Counter(chain.from_iterable(set(text.split()) for text in texts))
        self._words: dict[int, tuple[str, ...]] = {}  # of the added prompts (a set costs 6x)
        self._lengths: dict[int, int] = {}
        self._needed: dict[int, float] = {}  # how much of its probe a match must hold
        self._postings: Postings = {}  # word -> added prompts holding it
        self._probed: Postings = {}  # word -> added prompts whose probe holds it
        self._last: tuple[int, _Prompt] | None = None  # from matches, for add

    def add(self, number: int) -> None:
        last = self._last
        words, length, probe, needed = (
            last[1] if last is not None and last[0] == number else self._prompt(number))
        if not words:
            return
        self._words[number] = tuple(words)
        self._lengths[number] = length
        self._needed[number] = needed
        add(self._postings, words, number)
        add(self._probed, probe, number)

    def matches(self, number: int, limit: int | None = None) -> list[tuple[int, float]]:
        """(added prompt, score) for every added prompt this one is a near-duplicate
        of, in the order they were added; with `limit`, only the first that many
        found when the likeliest (those sharing the most probe words) go first."""
        prompt = self._prompt(number)
        self._last = (number, prompt)
        words, length, probe, needed = prompt
        if not words:
            return []
        # Others holding enough of this prompt's probe.
        held: dict[int, int] = {}
        for word in probe:
            weight = len(word) + 1
            for other in self._postings.get(word, ()):
                held[other] = held.get(other, 0) + weight
        # Candidates, with how much of a probe they share (likelier matches share more).
        candidates = {other: shared for other, shared in held.items() if shared >= needed}
        # Others whose probe this prompt holds enough of.
        holds: dict[int, int] = {}
        for word in words:
            others = self._probed.get(word)
            if others:
                weight = len(word) + 1
                for other in others:
                    holds[other] = holds.get(other, 0) + weight
        for other, shared in holds.items():
            if shared >= self._needed[other] and shared > candidates.get(other, 0):
                candidates[other] = shared
        candidates.pop(number, None)
        found: list[tuple[int, float]] = []
        text = self.texts[number]
        for other in self._ranked(words, length, candidates, limit):
            score = pair_score(text, self.texts[other], self.threshold)
            if score:
                found.append((other, score))
                if len(found) == limit:
                    break
        return found

    def _ranked(self, words: frozenset[str], length: int, candidates: dict[int, int],
                limit: int | None) -> Iterator[int]:
        """The candidates that may reach the threshold: in the order added, or
        with a limit, likeliest first: the _LIKELY sharing the most, by the
        score each is sure to reach, best first; then the rest by sharing."""
        def least(other: int) -> float | None:
            return _least_score(words, self._words[other], length, self._lengths[other],
                                self.threshold)

        if limit is None:
            yield from (other for other in sorted(candidates) if least(other) is not None)
            return
        order = sorted(candidates, key=lambda other: (-candidates[other], other))
        head = [(score, other) for other in order[:_LIKELY] if (score := least(other)) is not None]
        yield from (other for _, other in sorted(head, key=lambda pair: (-pair[0], pair[1])))
        yield from (other for other in order[_LIKELY:] if least(other) is not None)

    def _prompt(self, number: int) -> _Prompt:
        """A prompt's words, their joined length, its probe (the rarest words
        whose joined length passes the allowance by _MARGIN) and how much of
        the probe (in characters) a near-duplicate must hold.

        A prompt missing more than the allowance of this one's words cannot
        reach the threshold with it, so a near-duplicate holds at least
        the probe's length less the allowance (less 2, the spaces at either
        end); _MARGIN makes that enough characters that two unrelated prompts
        sharing a rare word by chance are not compared.
        """
        words = frozenset(map(sys.intern, self.texts[number].split()))  # kept: share them
        length = _joined(words)
        allowance = unshared_allowance(length, self.threshold)
        probe: list[str] = []
        covered = -1
        for word in sorted(sorted(words), key=self._count.__getitem__):
            probe.append(word)
            covered += len(word) + 1
            if covered > allowance + _MARGIN:
                break
        return words, length, probe, covered - allowance - 2 - _SLACK


def near_duplicates(
    questions: Sequence[Question], threshold: float = THRESHOLD,
    among: Collection[int] | None = None, *, drop_matched: bool = False,
) -> list[DuplicatePair]:
    """Every pair of questions whose prompts score >= threshold, best first.

    With `among` (positions in `questions`), only pairs with at least one
    question from it: checking an import against a bank, say, without paying
    for the bank's own pairs. With `drop_matched` as well, the questions from
    `among` are taken in order and one that matches an earlier kept one (or one
    outside `among`) is dropped: not compared with later ones, and reported
    once, as the `second` of a pair whose `first` is its best match (of the
    _ENOUGH likeliest).
    """
    texts = [prepare(q.prompt) for q in questions]
    index = DuplicateIndex(texts, threshold)
    focus = range(len(questions)) if among is None else sorted(set(among))
    if among is not None:
        chosen = set(focus)
        for number in range(len(questions)):
            if number not in chosen:
                index.add(number)
    pairs: list[DuplicatePair] = []
    for number in focus:
        found = [(_pair(questions, number, other, score), other)
                 for other, score in index.matches(number, _ENOUGH if drop_matched else None)]
        if drop_matched and found:
            best, other = min(found, key=lambda match: _order(match[0]))
            pairs.append(DuplicatePair(questions[other], questions[number], best.score))
            continue
        pairs.extend(pair for pair, _ in found)
        index.add(number)
    pairs.sort(key=_order)
    return pairs


def _pair(questions: Sequence[Question], one: int, other: int, score: float) -> DuplicatePair:
    """The pair in the order of the questions (the order `_order` ties break in)."""
    first, second = (one, other) if one < other else (other, one)
    return DuplicatePair(questions[first], questions[second], score)


def _order(pair: DuplicatePair) -> tuple[float, str, str]:
    return -pair.score, pair.first.id, pair.second.id


def _joined(words: Collection[str]) -> int:
    """The length of the words joined by single spaces."""
    return sum(map(len, words)) + len(words) - 1


def _least_score(first: frozenset[str], second: tuple[str, ...], first_length: int,
                 second_length: int, threshold: float) -> float | None:
    """pair_score (as a share, 0-1) worked out from the word sets and joined
    lengths, or None if it is below `threshold`: the rule is all words, so
    this is exact, and pair_score is only called to report it."""
    shared = first.intersection(second)
    if not shared:
        return None
    score = 2.0 * _weight(shared) / (first_length + 1 + second_length + 1)
    return score if score * 100 >= threshold - _SLACK else None


def duplicate_warnings(questions: Sequence[Question]) -> list[Problem]:
    return [
        Problem(
            pair.second.source,
            pair.second.line,
            pair.second.id,
            "prompt",
            f"near-duplicate of {pair.first.id} ({pair.first.source}:{pair.first.line}), "
            f"score {pair.score:.0f}",
            severity="warning",
        )
        for pair in near_duplicates(questions)
    ]
