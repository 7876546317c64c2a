"""Choosing a session's questions from filters or a plan.

Deterministic for a given seed, never the same question twice, and on
request biased towards what is due for review and the weakest competencies.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
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
    """Pick by `count` and/or total `minutes`. With `minutes` alone, the
    questions' limits add up as close to the budget as the pool allows,
    preferring questions earlier in the order (due, weakest, then random)."""
    pool = _pool(questions, filters)
    ordered = _order(pool, filters, reviews, weakness, now)
    if filters.minutes is not None and filters.count is None:
        picked = _fill(ordered, filters.minutes)
    else:
        picked = _first(ordered, filters.count or DEFAULT_COUNT, filters.minutes)
    return [_planned(question, question.minutes * 60, filters) for question in picked]


def _first(ordered: list[Question], count: int, minutes: int | None) -> list[Question]:
    """The first `count` questions in order, skipping any that would overrun `minutes`."""
    chosen: list[Question] = []
    used = 0
    for question in ordered:
        if len(chosen) >= count:
            break
        if minutes is not None and used + question.minutes > minutes:
            continue  # a shorter question further on may still fit
        chosen.append(question)
        used += question.minutes
    return chosen


def _fill(ordered: list[Question], minutes: int) -> list[Question]:
    """Questions whose minutes sum to the largest total <= `minutes` that any
    subset reaches, taking each question in order when the rest can still
    make that total up. Reachable totals are bit sets (bit m: m minutes)."""
    within = (1 << (minutes + 1)) - 1
    reachable_after = [1] * (len(ordered) + 1)  # totals reachable from question i on
    for index in range(len(ordered) - 1, -1, -1):
        later = reachable_after[index + 1]
        reachable_after[index] = (later | (later << ordered[index].minutes)) & within
    remaining = reachable_after[0].bit_length() - 1  # the best total there is
    chosen: list[Question] = []
    for index, question in enumerate(ordered):
        rest = remaining - question.minutes
        if rest >= 0 and reachable_after[index + 1] >> rest & 1:
            chosen.append(question)
            remaining = rest
    return chosen


def fill_note(filters: SessionFilters, items: Sequence[PlannedQuestion]) -> str:
    """One line when the questions chosen fall short of the minutes asked, else ""."""
    if filters.minutes is None:
        return ""
    used = sum(item.seconds for item in items) // 60
    if used >= filters.minutes:
        return ""
    count = f"{len(items)} question{'s' if len(items) != 1 else ''}"
    return f"{filters.minutes} minutes asked; {count} fit, {used} minutes."


def check_selectable(filters: SessionFilters, plan: Plan | None,
                     questions: Mapping[str, Question]) -> None:
    """Raise the SelectionError that selecting would raise, without choosing:
    the CLI refuses an impossible request before the app opens."""
    if plan is None:
        _pool(questions.values(), filters)
    elif not any(_round_pool(plan, index, questions, set()) for index in range(len(plan.rounds))):
        raise SelectionError(f"plan {plan.id} has no questions available in this bank")


def _pool(questions: Iterable[Question], filters: SessionFilters) -> list[Question]:
    """The questions `filters` may ask; SelectionError if none, or none fits the minutes."""
    questions = list(questions)
    pool = [q for q in questions if askable(q, filters)]
    if not pool:
        raise SelectionError(_nothing_matches(questions, filters))
    shortest = min(q.minutes for q in pool)
    if filters.minutes is not None and shortest > filters.minutes:
        raise SelectionError(f"no matching question fits in {filters.minutes} minutes (the "
                             f"shortest takes {shortest})")
    return pool


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
            parts.append(weakness.get(filed_under(question, filters), _UNSEEN_AVERAGE))
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
    asked: set[str] = set()
    for index, round_ in enumerate(plan.rounds):
        pool = _round_pool(plan, index, questions, asked)
        if round_.pick is not None:
            pool = _order(pool, _pick_filters(plan, index, seed), reviews, {}, now)
            pool = pool[: round_.pick.count]
        if not pool:
            continue
        share = round_.minutes * 60 // len(pool)
        filters = _pick_filters(plan, index, seed) if round_.pick else SessionFilters()
        for question in pool:
            asked.add(question.id)
            chosen.append(_planned(question, share, filters, round_.title))
    if not chosen:
        raise SelectionError(f"plan {plan.id} has no questions available in this bank")
    return chosen


def _round_pool(plan: Plan, index: int, questions: Mapping[str, Question],
                asked: set[str]) -> list[Question]:
    """What round `index` may ask, not yet ordered: its named questions, or
    those its `pick` accepts. Questions any round names are reserved for
    that round, so an earlier `pick` can never take them and empty it."""
    round_ = plan.rounds[index]
    if round_.pick is None:
        return [questions[qid] for qid in dict.fromkeys(round_.questions)
                if qid in questions and qid not in asked]
    reserved = {qid for other in plan.rounds for qid in other.questions}
    filters = _pick_filters(plan, index, 0)
    return [q for q in questions.values()
            if q.id not in reserved and q.id not in asked and askable(q, filters)]


def _pick_filters(plan: Plan, index: int, seed: int) -> SessionFilters:
    pick = plan.rounds[index].pick
    assert pick is not None
    return SessionFilters(
        role=plan.role,
        level=pick.level or plan.level,
        competencies=(pick.competency,) if pick.competency else (),
        kinds=(pick.kind,) if pick.kind else (),
        seed=seed + index,
        prefer_due=True,
    )


def filed_under(question: Question, filters: SessionFilters) -> str:
    """The competency an answer to `question` counts for: the one the user
    chose, even when the question was picked through its `also:`; else its own."""
    if not filters.competencies or question.competency in filters.competencies:
        return question.competency
    return next(c for c in filters.competencies if c in question.also)


def _nothing_matches(questions: list[Question], filters: SessionFilters) -> str:
    """Why nothing matches, naming the choice to change: 'no senior-staff
    questions for operating-systems; 3 at staff'."""
    focus = " ".join([*filters.competencies, *filters.kinds])
    focus = f" for {focus}" if focus else ""
    role = f" {filters.role}" if filters.role else ""
    relaxations = (("level", filters.level, replace(filters, level=None)),
                   ("role", filters.role, replace(filters, role=None)))
    for name, field, relaxed in relaxations:
        if field is None:
            continue
        found = Counter(value for q in questions if askable(q, relaxed)
                        for value in getattr(q, f"{name}s"))
        if found:
            elsewhere = ", ".join(f"{count} at {value}" if name == "level"
                                  else f"{count} for {value}"
                                  for value, count in found.most_common())
            what = f"{field}{role if name == 'level' else ''}"
            return f"no {what} questions{focus}; {elsewhere}"
    return f"no questions match {filters.describe()}"


def _planned(question: Question, seconds: int, filters: SessionFilters,
             round_title: str = "") -> PlannedQuestion:
    return PlannedQuestion(question.id, filed_under(question, filters), seconds, round_title,
                           question.content_hash())

