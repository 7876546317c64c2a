"""Per-competency trends: how grades move, how time and hints are used, what
is due, and how well fsrs expects the questions to be remembered.

Pure functions over `AnswerRecord`s and `ReviewState`s, so the TUI, the
exports and the tests all see the same numbers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING, Any, cast

from interview.practice.domain import ReviewState
from interview.store.views import TREND_WINDOW, AnswerRecord

if TYPE_CHECKING:
    import fsrs
    from fsrs.card import CardDict

WEEK = timedelta(days=7)


@dataclass(frozen=True, slots=True)
class CompetencyTrend:
    """How one competency is going, as the trends screen and exports show it."""

    competency: str
    answers: int
    graded: int
    grades: tuple[int, ...]  # every graded answer's grade, oldest first (the chart series)
    average: float | None  # over graded answers
    recent_average: float | None  # the last `window` grades
    previous_average: float | None  # the `window` grades before those (None if there are none)
    over_time_rate: float | None  # share of answers whose seconds_used > time_limit_seconds
    hints_per_answer: float | None
    due_now: int  # reviews of its questions due at `now`
    due_this_week: int  # due within now + 7 days (includes due_now)
    retrievability: float | None  # mean fsrs retrievability at `now` over its reviewed questions

    @property
    def change(self) -> float | None:
        """Recent minus previous average: positive means improving."""
        if self.recent_average is None or self.previous_average is None:
            return None
        return self.recent_average - self.previous_average


def competency_trends(records: Sequence[AnswerRecord], reviews: Mapping[str, ReviewState],
                      now: datetime, window: int = TREND_WINDOW) -> list[CompetencyTrend]:
    """One trend per competency answered, weakest first (see `weakest_first`).

    A review belongs to the competency its question was last answered under;
    reviews of questions with no record are left out, since nothing says
    which competency they practise.
    """
    if window < 1:
        raise ValueError(f"window must be at least 1, got {window}")
    by_competency: dict[str, list[AnswerRecord]] = {}
    latest_competency: dict[str, str] = {}
    for record in records:
        by_competency.setdefault(record.competency, []).append(record)
        latest_competency[record.question_id] = record.competency
    reviews_by: dict[str, list[ReviewState]] = {}
    for state in reviews.values():
        competency = latest_competency.get(state.question_id)
        if competency is not None:
            reviews_by.setdefault(competency, []).append(state)
    trends = [_trend(name, answers, reviews_by.get(name, []), now, window)
              for name, answers in by_competency.items()]
    return sorted(trends, key=weakest_first)


def weakest_first(trend: CompetencyTrend) -> tuple[bool, float, float, str]:
    """Sort key: no grade at all first, then the lowest average, then the
    fastest fall (most negative change; no change counts as 0), then the name."""
    change = trend.change
    return (trend.average is not None, trend.average or 0.0,
            change if change is not None else 0.0, trend.competency)


def _trend(competency: str, answers: Sequence[AnswerRecord], reviews: Sequence[ReviewState],
           now: datetime, window: int) -> CompetencyTrend:
    grades = tuple(int(r.grade) for r in answers if r.grade is not None)
    count = len(answers)
    return CompetencyTrend(
        competency=competency,
        answers=count,
        graded=len(grades),
        grades=grades,
        average=_mean(grades),
        recent_average=_mean(grades[-window:]),
        previous_average=_mean(grades[-2 * window:-window]),
        over_time_rate=sum(r.over_time for r in answers) / count if count else None,
        hints_per_answer=sum(r.hints_used for r in answers) / count if count else None,
        due_now=sum(state.due <= now for state in reviews),
        due_this_week=sum(state.due <= now + WEEK for state in reviews),
        retrievability=_mean_retrievability(reviews, now),
    )


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _mean_retrievability(reviews: Iterable[ReviewState], now: datetime) -> float | None:
    """Mean of fsrs's predicted recall at `now`; cards never reviewed (no
    stability or last review yet) have nothing to predict and are skipped."""
    found = [value for state in reviews
             if (value := card_retrievability(state, now)) is not None]
    return _mean(found)


def card_retrievability(state: ReviewState, now: datetime) -> float | None:
    """fsrs's probability that the question is recalled at `now`, or None if
    its card has not been reviewed yet."""
    import fsrs  # deferred, as in interview.practice.scheduling

    card = fsrs.Card.from_dict(_card_dict(state))
    if card.stability is None or card.last_review is None:
        return None
    value: float = _scheduler().get_card_retrievability(card, now)
    return value


def _card_dict(state: ReviewState) -> CardDict:
    """The stored card, with what the review state itself knows filling any
    key the dict lacks (older or hand-made states)."""
    defaults: dict[str, Any] = {
        "card_id": 0,
        "state": 1,
        "step": None,
        "stability": None,
        "difficulty": None,
        "due": state.due.isoformat(),
        "last_review": state.last_review.isoformat() if state.last_review else None,
    }
    return cast("CardDict", {**defaults, **state.card})


@cache
def _scheduler() -> fsrs.Scheduler:
    """The scheduler the practice engine uses; its parameters set the decay curve."""
    import fsrs

    return fsrs.Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
