"""Small builders for storage tests: questions as shown, sessions, answers."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from interview.practice.domain import (
    Answer,
    Grade,
    Mode,
    Outcome,
    PlannedQuestion,
    ReviewState,
    Session,
    SessionFilters,
    ShownQuestion,
)
from interview.store.repository import Store, open_store

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
COMPETENCY = "debugging-diagnostics"


@contextmanager
def opened(url: str, **kwargs: object) -> Iterator[Store]:
    store = open_store(url, **kwargs)  # type: ignore[arg-type]
    try:
        yield store
    finally:
        store.close()


def shown(question_id: str, version: int = 1) -> ShownQuestion:
    return ShownQuestion(
        question_id=question_id,
        content_hash=f"{question_id}-hash-{version}",
        title=f"{question_id} title v{version}",
        content={"id": question_id, "title": f"{question_id} title v{version}",
                 "prompt": "Explain [b]this[/b] and a[i].",
                 "rubric": {"signals": ["first signal", "second signal", "third signal"]}},
    )


def start(store: Store, question_ids: Sequence[str] = ("q1", "q2", "q3"), *,
          profile: str = "alice", competency: str = COMPETENCY,
          filters: SessionFilters | None = None, at: datetime = T0,
          mode: Mode = Mode.PRACTICE) -> Session:
    items = [PlannedQuestion(qid, competency, 600) for qid in question_ids]
    return store.start_session(
        profile, mode, filters or SessionFilters(role="systems-developer", level="senior"),
        items, [shown(qid) for qid in question_ids], at)


def answer(session: Session, position: int, grade: Grade | None = Grade.YES, *,
           outcome: Outcome | None = None, at: datetime | None = None,
           text: str = "my answer", seconds: float = 300.0) -> Answer:
    item = session.items[position]
    answered_at = at or session.started_at + timedelta(minutes=10 * (position + 1))
    return Answer(
        session_id=session.id, position=position, question_id=item.question_id,
        question_hash=shown(item.question_id).content_hash, competency=item.competency,
        started_at=answered_at - timedelta(seconds=seconds), answered_at=answered_at,
        seconds_used=seconds, time_limit_seconds=item.seconds, text=text,
        outcome=outcome or (Outcome.GRADED if grade is not None else Outcome.SKIPPED),
        grade=grade, signals_hit=(0, 2) if grade is not None else (), hints_used=1,
    )


def review(profile: str, question_id: str, due: datetime, grade: Grade = Grade.YES,
           reviews: int = 1) -> ReviewState:
    return ReviewState(profile=profile, question_id=question_id, due=due,
                       card={"state": 2, "stability": 3.5}, reviews=reviews,
                       last_grade=grade, last_review=due - timedelta(days=1))
