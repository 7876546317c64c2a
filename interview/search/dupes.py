"""Near-duplicate prompts: pairs whose rapidfuzz token_set_ratio is >= 90.

Comparing every pair is quadratic (50 million pairs at 10,000 questions), so
candidate pairs come from a "prefix filter" over an inverted index, derived from
how token_set_ratio is computed. With A and B the two prompts' word sets,
S the length of their shared words joined by spaces and a the length of A's
other words, one of its three ratios is

    1 - (1 + a) / (2S + 1 + a)

which reaches the threshold t only if a <= (|A| - 1 - k) / (1 + k), with
k = t / (2 (1 - t)) and |A| the length of all of A's words joined. So if B
shares none of A's rarest words whose joined length exceeds that bound, this
ratio is below t. Each prompt therefore looks up only its own rarest words, and
every pair that this ratio (or its mirror for B) puts over the threshold is
found: that covers one prompt containing (nearly) all of the other's words,
which is what a copied-and-edited question looks like. The third ratio
compares the two sets of differing words letter by letter; a pair that only it
puts over the threshold (the prompts share few words, but the words they do not
share are spelled almost alike) can be missed.

Every candidate pair is then scored with the real token_set_ratio.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, utils

from interview.bank.model import Question
from interview.bank.problems import Problem
from interview.search.postings import Postings, add

THRESHOLD = 90.0
# Characters of a prompt's rarest words another prompt must share to be compared.
_MARGIN = 24


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    first: Question
    second: Question
    score: float


def unshared_allowance(joined_length: int, threshold: float) -> float:
    """The longest joined length of A's words missing from B that still lets
    1 - (1 + a) / (2S + 1 + a) reach `threshold` (in percent)."""
    share = threshold / 100.0
    if share >= 1.0:
        return 0.0
    if share <= 0.0:
        return float(joined_length)
    k = share / (2.0 * (1.0 - share))
    return (joined_length - 1 - k) / (1 + k)


def near_duplicates(
    questions: Sequence[Question], threshold: float = THRESHOLD,
    among: Collection[int] | None = None,
) -> list[DuplicatePair]:
    """Every pair of questions whose prompts score >= threshold, best first.

    With `among` (positions in `questions`), only pairs with at least one
    question from it: checking an import against a bank, say, without paying
    for the bank's own pairs.
    """
    texts = [utils.default_process(q.prompt) for q in questions]
    word_sets = [set(text.split()) for text in texts]
    lengths = [sum(map(len, words)) + len(words) - 1 for words in word_sets]
    postings: Postings = {}
    for index, words in enumerate(word_sets):
        add(postings, words, index)
    focus = None if among is None else set(among)
    focus_postings = postings if focus is None else {
        word: kept for word, docs in postings.items() if (kept := [i for i in docs if i in focus])
    }
    checked: set[tuple[int, int]] = set()
    pairs: list[DuplicatePair] = []
    for index, words in enumerate(word_sets):
        if not words:
            continue
        lookup = postings if focus is None or index in focus else focus_postings
        for other in _candidates(index, words, lengths[index], postings, lookup, threshold):
            pair = (index, other) if index < other else (other, index)
            if pair in checked:
                continue
            checked.add(pair)
            first, second = pair
            if not _may_reach(word_sets[first], word_sets[second], lengths[first],
                              lengths[second], threshold):
                continue
            score = fuzz.token_set_ratio(texts[first], texts[second], processor=None,
                                         score_cutoff=threshold)
            if score and score >= threshold:
                pairs.append(DuplicatePair(questions[first], questions[second], score))
    pairs.sort(key=lambda p: (-p.score, p.first.id, p.second.id))
    return pairs


def _candidates(index: int, words: set[str], joined: int, postings: dict[str, list[int]],
                lookup: dict[str, list[int]], threshold: float) -> list[int]:
    """Questions sharing enough of this prompt's rarest words to hold nearly all of it.

    The prefix is the rarest words whose joined length passes the allowance by
    _MARGIN; a question holding nearly all of this prompt's words must then
    share at least _MARGIN characters of the prefix, which two unrelated
    prompts sharing a rare word by chance do not. Rarity comes from `postings`
    (every question); partners are looked up in `lookup` (perhaps fewer).
    """
    allowance = unshared_allowance(joined, threshold)
    overlap: dict[int, int] = {}
    covered = -1
    for word in sorted(words, key=lambda w: (len(postings[w]), w)):
        weight = len(word) + 1
        for other in lookup.get(word, ()):
            overlap[other] = overlap.get(other, 0) + weight
        covered += weight
        if covered > allowance + _MARGIN:
            break
    needed = min(covered, joined) - allowance - 2  # 2: the spaces at either end
    return [other for other, shared in overlap.items() if shared >= needed and other != index]


def _may_reach(first: set[str], second: set[str], first_length: int, second_length: int,
               threshold: float) -> bool:
    """A cheap test that never rejects a pair token_set_ratio puts over `threshold`.

    The two "shared words plus one side's other words" ratios are computed
    exactly from lengths; the ratio of the two sides' differing words can only
    reach the threshold if their lengths are close enough (the indel distance
    is at least the difference of the lengths).
    """
    shared = first & second
    if not shared:
        return True  # only the letter-by-letter ratio applies: leave it to rapidfuzz
    s = sum(map(len, shared)) + len(shared) - 1
    a = first_length - s - 1
    b = second_length - s - 1
    if a < 0 or b < 0:
        return True  # one side holds all of the other's words: 100
    share = threshold / 100.0
    if 1 - (1 + min(a, b)) / (2 * s + 1 + min(a, b)) >= share - 1e-9:
        return True
    return abs(a - b) <= (1 - share) * (2 * s + 2 + a + b) + 1


def duplicate_warnings(questions: Sequence[Question]) -> list[Problem]:
    return [
        Problem(
            pair.second.source,
            pair.second.line,
            pair.second.id,
            "prompt",
            f"near-duplicate of {pair.first.id} ({pair.first.source}:{pair.first.line}), "
            f"token_set_ratio {pair.score:.0f}",
            severity="warning",
        )
        for pair in near_duplicates(questions)
    ]
