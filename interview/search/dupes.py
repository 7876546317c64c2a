"""Near-duplicate prompts: pairs whose rapidfuzz token_set_ratio is >= 90.

Comparing every pair is quadratic (50 million pairs at 10,000 questions), so
candidates come from an inverted index first: token_set_ratio can only reach
90 when most of the smaller prompt's words also occur in the other, so we
count shared distinctive words and score only the pairs that share enough.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, utils

from interview.bank.model import Question
from interview.bank.problems import Problem

THRESHOLD = 90.0
# Words in more than this share of prompts say nothing about duplication.
_COMMON_SHARE = 0.05
_MIN_SHARED_SHARE = 0.5


@dataclass(frozen=True, slots=True)
class DuplicatePair:
    first: Question
    second: Question
    score: float


def near_duplicates(
    questions: Sequence[Question], threshold: float = THRESHOLD
) -> list[DuplicatePair]:
    texts = [utils.default_process(q.prompt) for q in questions]
    token_sets = [frozenset(t.split()) for t in texts]
    frequency: Counter[str] = Counter()
    for tokens in token_sets:
        frequency.update(tokens)
    common_limit = max(3, int(len(questions) * _COMMON_SHARE))
    distinctive = [
        frozenset(t for t in tokens if frequency[t] <= common_limit) for tokens in token_sets
    ]
    postings: dict[str, list[int]] = {}
    for index, tokens in enumerate(distinctive):
        for token in tokens:
            postings.setdefault(token, []).append(index)
    pairs: list[DuplicatePair] = []
    for index, tokens in enumerate(distinctive):
        shared: Counter[int] = Counter()
        for token in tokens:
            for other in postings[token]:
                if other > index:
                    shared[other] += 1
        for other, count in shared.items():
            smaller = min(len(tokens), len(distinctive[other])) or 1
            if count / smaller < _MIN_SHARED_SHARE:
                continue
            score = fuzz.token_set_ratio(texts[index], texts[other], processor=None)
            if score >= threshold:
                pairs.append(DuplicatePair(questions[index], questions[other], score))
    # Prompts made only of common words never enter the index; compare those
    # few exhaustively so they cannot hide.
    bare = [i for i, tokens in enumerate(distinctive) if not tokens]
    for position, index in enumerate(bare):
        for other in bare[position + 1:]:
            score = fuzz.token_set_ratio(texts[index], texts[other], processor=None)
            if score >= threshold:
                pairs.append(DuplicatePair(questions[index], questions[other], score))
    pairs.sort(key=lambda p: (-p.score, p.first.id, p.second.id))
    return pairs


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
