"""Spaced repetition with fsrs: a grade becomes the question's next due date."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from interview.practice.domain import Grade, ReviewState


class ReviewScheduler:
    """Maps the 4-point grade to fsrs Ratings (1 Again ... 4 Easy).

    fsrs's default learning steps (1 and 10 minutes) suit flashcards; an
    interview question answered well should come back in days, so we let the
    stability model pick every interval.
    """

    def __init__(self) -> None:
        import fsrs  # deferred: only sessions that grade need it

        self._fsrs = fsrs
        self._scheduler = fsrs.Scheduler(
            learning_steps=(), relearning_steps=(), enable_fuzzing=False
        )

    def review(
        self,
        previous: ReviewState | None,
        profile: str,
        question_id: str,
        grade: Grade,
        at: datetime,
    ) -> ReviewState:
        fsrs = self._fsrs
        card = fsrs.Card.from_dict(previous.card) if previous and previous.card else fsrs.Card()
        card, _log = self._scheduler.review_card(card, fsrs.Rating(int(grade)), review_datetime=at)
        data: dict[str, Any] = dict(card.to_dict())
        return ReviewState(
            profile=profile,
            question_id=question_id,
            due=card.due,
            card=data,
            reviews=(previous.reviews if previous else 0) + 1,
            last_grade=grade,
            last_review=at,
        )


def is_due(state: ReviewState, now: datetime) -> bool:
    return state.due <= now
