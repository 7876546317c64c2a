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
only against the added prompts a filter lets through. With W the weight of
A's words, m the weight of those B lacks and t the threshold (a share), the
score reaches t only if

    m <= 2 W (1 - t) / (2 - t)

whatever B is (`unshared_allowance`): B can miss only that much of A. A's
"probe" is its rarest words, taken until their weight passes that bound by
_MARGIN, so a B that reaches t holds at least _MARGIN of the probe's weight,
and so at least some number k of its words (`_Prompt.least_held`: fewer than
k of them, even the heaviest, weigh too little). Rarity is counted over all
the prompts, so the probe is the words fewest others hold, and an unrelated
prompt seldom holds k of them.

The index keeps, for each word, the set of added prompts holding it as the
bits of one integer; the prompts holding k of the probe's words come out of a
vertical counter (`_held_by`): a few operations on those integers per probe
word, each doing every added prompt at once, where walking postings lists
took a step per prompt (and most of the time: 10,000 prompts of 100 words
visited 70 million postings). `_least_score` (the score worked out from word
sets and lengths, exact) then discards the few that still fall short, before
the rule is called.

An import asks for less (`drop_matched`): a new question that matches is
dropped, never indexed, so 2,000 copies of one question cost 2,000
comparisons with the first, not two million with each other; and one
matching many questions is scored only against the _ENOUGH best of them.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import NamedTuple

from rapidfuzz import utils

from interview.bank.model import Question
from interview.bank.problems import Problem

THRESHOLD = 70.0  # chosen by benchmarks/dupes_rule_bench.py
# With drop_matched, the rule scores a question against its _ENOUGH best matches only (as
# `_least_score` ranks them): one copied a thousand times in the bank costs _ENOUGH calls.
_ENOUGH = 8
# Weight of its rarest words a near-duplicate must share with a prompt to be compared: a
# bigger margin lengthens the probe (more words to count) and shortens the list of those
# holding enough of it (fewer to score). On benchmarks/import_bench.py 90 to 120 are
# fastest (1.6 s for the 10,000 varied items); 60 and 150 take a third longer.
_MARGIN = 90
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


class _Prompt(NamedTuple):
    words: frozenset[str]
    length: int  # of the words joined by spaces
    probe: list[str]  # its rarest words
    least_held: int  # how many of them a near-duplicate holds at least


class DuplicateIndex:
    """Prompts added one at a time; `matches` scores a prompt against the added
    prompts that can reach the threshold with it, and no others.

    `texts` are every prompt (prepared) that will be matched or added, by
    number; a word's rarity is counted over all of them.
    """

    def __init__(self, texts: Sequence[str], threshold: float = THRESHOLD) -> None:
        self.texts = texts
        self.threshold = threshold
        self._rarity = _rarity(texts)
        self._words: dict[int, tuple[str, ...]] = {}  # of the added prompts (a set costs 6x)
        self._lengths: dict[int, int] = {}
        self._holders: dict[str, int] = {}  # word -> added prompts holding it, as bits
        self._last: tuple[int, _Prompt] | None = None  # from matches, for add

    def add(self, number: int) -> None:
        last = self._last
        prompt = last[1] if last is not None and last[0] == number else self._prompt(number)
        if not prompt.words:
            return
        self._words[number] = tuple(prompt.words)
        self._lengths[number] = prompt.length
        bit = 1 << number
        for word in prompt.words:
            self._holders[word] = self._holders.get(word, 0) | bit

    def matches(self, number: int, limit: int | None = None) -> list[tuple[int, float]]:
        """(added prompt, score) for every added prompt this one is a near-duplicate
        of, in the order they were added; with `limit`, only that many: the best
        scoring (the earliest added of those scoring the same)."""
        prompt = self._prompt(number)
        self._last = (number, prompt)
        if not prompt.words:
            return []
        holders = [bits for word in prompt.probe if (bits := self._holders.get(word))]
        likely = _held_by(holders, prompt.least_held) & ~(1 << number)
        scored = [(least, other) for other in _members(likely)
                  if (least := _least_score(prompt.words, self._words[other], prompt.length,
                                            self._lengths[other], self.threshold)) is not None]
        # Best first with a limit, so that only `limit` of them reach the rule.
        scored.sort(key=(lambda pair: (-pair[0], pair[1])) if limit else (lambda pair: pair[1]))
        found: list[tuple[int, float]] = []
        text = self.texts[number]
        for _, other in scored:
            score = pair_score(text, self.texts[other], self.threshold)
            if score:
                found.append((other, score))
                if len(found) == limit:
                    break
        return found

    def _prompt(self, number: int) -> _Prompt:
        """A prompt's words, their joined length, its probe (the rarest words,
        until their weight passes the most a near-duplicate can miss by _MARGIN)
        and how many of the probe's words a near-duplicate holds at least.

        A near-duplicate misses at most the allowance (+ 1, as a weight) of this
        prompt's words, so it holds at least the probe's weight less that; and
        holding fewer words than it takes of the heaviest to weigh that much,
        it would hold less.
        """
        words = frozenset(map(sys.intern, self.texts[number].split()))  # kept: share them
        length = _joined(words)
        most_missed = unshared_allowance(length, self.threshold) + 1
        probe: list[str] = []
        weight = 0
        for word in sorted(words, key=self._rarity.__getitem__):
            probe.append(word)
            weight += len(word) + 1
            if weight > most_missed + _MARGIN:
                break
        return _Prompt(words, length, probe, _fewest_words(probe, weight - most_missed - _SLACK))


def _rarity(texts: Sequence[str]) -> dict[str, int]:
    """Each word's rank, rarest first: by how many of `texts` hold it, then
    alphabetically (one sort for all prompts, not one of words and counts each)."""
    count = Counter(chain.from_iterable(set(text.split()) for text in texts))
    return {word: rank for rank, word in enumerate(sorted(count, key=lambda w: (count[w], w)))}


def _fewest_words(words: Sequence[str], weight: float) -> int:
    """How many of `words` it takes at least to weigh `weight` (at least 1: a
    prompt sharing no word scores 0)."""
    total = 0
    for count, length in enumerate(sorted(map(len, words), reverse=True), start=1):
        total += length + 1
        if total >= weight:
            return count
    return max(len(words), 1)


def _held_by(bitsets: Sequence[int], least: int) -> int:
    """The bits set in at least `least` of `bitsets` (bit i: added prompt i).

    A vertical counter: bit i of planes[j] is bit j of how many bitsets have
    bit i, so adding a bitset is a ripple-carry addition done for every
    prompt at once, in a few operations on integers (rarely more than the
    number of planes, log2 of the number of bitsets)."""
    planes: list[int] = []
    held = 0  # in one or more
    for bits in bitsets:
        held |= bits
        carry = bits
        for plane, current in enumerate(planes):
            planes[plane] = current ^ carry
            carry &= current
            if not carry:
                break
        else:
            if carry:
                planes.append(carry)
    if least >= 1 << len(planes):
        return 0
    # Compare each count with `least`, high bits first: above it, or equal so far.
    above, equal = 0, held
    for plane in reversed(range(len(planes))):
        if least >> plane & 1:
            equal &= planes[plane]
        else:
            above |= equal & planes[plane]
            equal &= ~planes[plane]
    return above | equal


def _members(bits: int) -> Iterator[int]:
    """The numbers of the bits set, lowest first."""
    while bits:
        lowest = bits & -bits
        yield lowest.bit_length() - 1
        bits ^= lowest


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
    _ENOUGH best scoring).
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
