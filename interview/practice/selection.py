"""Choosing a session's questions from filters or a plan.

Deterministic for a given seed, never the same question twice, and on
request biased towards what is due for review and the weakest competencies.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from datetime import datetime

from interview.bank.model import Plan, Question
from interview.practice.domain import PlannedQuestion, ReviewState, SessionFilters
from interview.practice.scheduling import is_due

DEFAULT_COUNT = 5
# Competencies never graded rank as middling: neither first nor last.
_UNSEEN_AVERAGE = 2.5


class SelectionError(Exception):
    """Nothing (or not enough) in the bank matches what was asked."""


def askable(question: Question, filters: SessionFilters) -> bool:
    """Whether a session with `filters` may ask `question`: a draft has no
    rubric to grade against, so it is never asked."""
    return not question.draft and question.rubric is not None and filters.questions(question)


def select_questions(
    questions: Iterable[Question],
    filters: SessionFilters,
    reviews: Mapping[str, ReviewState],
    weakness: Mapping[str, float],
    now: datetime,
) -> list[PlannedQuestion]:
    """Pick by `count` and/or total `minutes` (whichever is reached first)."""
    pool = [q for q in questions if askable(q, filters)]
    if not pool:
        raise SelectionError(f"no questions match {filters.describe()}")
    ordered = _order(pool, filters, reviews, weakness, now)
    count = filters.count if filters.count or filters.minutes else DEFAULT_COUNT
    budget = filters.minutes * 60 if filters.minutes else None
    chosen: list[PlannedQuestion] = []
    used = 0
    for question in ordered:
        if count is not None and len(chosen) >= count:
            break
        seconds = question.minutes * 60
        if budget is not None and used + seconds > budget:
            continue  # a shorter question further on may still fit
        chosen.append(_planned(question, seconds))
        used += seconds
    if not chosen:
        shortest = min(q.minutes for q in pool)
        raise SelectionError(
            f"no matching question fits in {filters.minutes} minutes (the shortest takes "
            f"{shortest})"
        )
    return chosen


def _order(
    pool: list[Question],
    filters: SessionFilters,
    reviews: Mapping[str, ReviewState],
    weakness: Mapping[str, float],
    now: datetime,
) -> list[Question]:
    rng = random.Random(filters.seed)
    shuffled = sorted(pool, key=lambda q: q.id)
    rng.shuffle(shuffled)
    position = {q.id: index for index, q in enumerate(shuffled)}

    def key(question: Question) -> tuple[float, ...]:
        parts: list[float] = []
        if filters.prefer_due:
            review = reviews.get(question.id)
            due = review is not None and is_due(review, now)
            parts.append(0 if due else 1)
            parts.append(review.due.timestamp() if due and review else 0.0)
        if filters.prefer_weak:
            parts.append(weakness.get(question.competency, _UNSEEN_AVERAGE))
        parts.append(position[question.id])
        return tuple(parts)

    return sorted(shuffled, key=key)


def plan_questions(
    plan: Plan,
    questions: Mapping[str, Question],
    seed: int,
    reviews: Mapping[str, ReviewState],
    now: datetime,
) -> list[PlannedQuestion]:
    """Fill a plan's rounds: explicit ids as listed, `pick` selectors at random.

    A round's minutes are shared equally by its questions.
    """
    chosen: list[PlannedQuestion] = []
    # Questions a round names explicitly are reserved for it, so an earlier
    # `pick` can never take them and empty that round.
    reserved = {qid for round_ in plan.rounds for qid in round_.questions}
    asked: set[str] = set()
    for index, round_ in enumerate(plan.rounds):
        if round_.pick is None:
            picked = [questions[qid] for qid in dict.fromkeys(round_.questions)
                      if qid in questions and qid not in asked]
        else:
            filters = SessionFilters(
                role=plan.role,
                level=round_.pick.level or plan.level,
                competencies=(round_.pick.competency,) if round_.pick.competency else (),
                kinds=(round_.pick.kind,) if round_.pick.kind else (),
                seed=seed + index,
                prefer_due=True,
            )
            candidates = [q for q in questions.values()
                          if q.id not in reserved and q.id not in asked]
            picked = [q for q in _order([q for q in candidates if askable(q, filters)],
                                        filters, reviews, {}, now)][: round_.pick.count]
        if not picked:
            continue
        share = round_.minutes * 60 // len(picked)
        for question in picked:
            asked.add(question.id)
            chosen.append(_planned(question, share, round_.title))
    if not chosen:
        raise SelectionError(f"plan {plan.id} has no questions available in this bank")
    return chosen


def _planned(question: Question, seconds: int, round_title: str = "") -> PlannedQuestion:
    return PlannedQuestion(question.id, question.competency, seconds, round_title,
                           question.content_hash())

