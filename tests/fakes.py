"""In-memory test doubles for the engine's ports."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

from interview.bank.model import Question, Rubric
from interview.practice.domain import (
    Answer,
    Draft,
    Mode,
    PlannedQuestion,
    ReviewState,
    Session,
    SessionFilters,
    ShownQuestion,
    Status,
)


class MemoryStore:
    """Implements interview.practice.ports.SessionStore without a database."""

    def __init__(self) -> None:
        self.sessions: dict[int, Session] = {}
        self.recorded: list[Answer] = []
        self.reviews: dict[tuple[str, str], ReviewState] = {}
        self.saved_drafts: dict[tuple[int, int], Draft] = {}
        self.shown: dict[tuple[str, str], ShownQuestion] = {}
        self.fail_next_commit = False  # the next grade fails, as a locked database would
        self.fail_on_record = False  # the next record_answer (a submit) fails

    def start_session(self, profile: str, mode: Mode, filters: SessionFilters,
                      items: Sequence[PlannedQuestion], shown: Sequence[ShownQuestion],
                      started_at: datetime) -> Session:
        session = Session(len(self.sessions) + 1, profile, mode, filters, tuple(items), started_at)
        self.sessions[session.id] = session
        for version in shown:
            self.shown[(version.question_id, version.content_hash)] = version
        return session

    def record_answer(self, answer: Answer, review: ReviewState | None,
                      finished_at: datetime | None = None) -> Answer:
        if self.fail_on_record:
            self.fail_on_record = False
            raise OSError("the database is locked")
        stored = replace(answer, id=len(self.recorded) + 1)
        if finished_at is not None:
            self.finish_session(answer.session_id, Status.COMPLETED, finished_at)
        self.recorded.append(stored)
        if review is not None:
            self.reviews[(review.profile, review.question_id)] = review
        self.saved_drafts.pop((answer.session_id, answer.position), None)
        return stored

    def grade_answer(self, answer: Answer, review: ReviewState | None,
                     finished_at: datetime | None = None) -> Answer:
        if self.fail_next_commit:
            self.fail_next_commit = False
            raise OSError("the database is locked")
        index = next(i for i, a in enumerate(self.recorded)
                     if (a.session_id, a.position) == (answer.session_id, answer.position)
                     and a.awaiting_grade)
        stored = replace(answer, id=self.recorded[index].id)
        self.recorded[index] = stored
        if finished_at is not None:
            self.finish_session(answer.session_id, Status.COMPLETED, finished_at)
        if review is not None:
            self.reviews[(review.profile, review.question_id)] = review
        return stored

    def save_signals(self, session_id: int, position: int, signals: tuple[int, ...]) -> None:
        for index, a in enumerate(self.recorded):
            if (a.session_id, a.position) == (session_id, position) and a.awaiting_grade:
                self.recorded[index] = replace(a, signals_hit=signals)

    def save_draft(self, draft: Draft) -> None:
        self.saved_drafts[(draft.session_id, draft.position)] = draft

    def finish_session(self, session_id: int, status: Status, finished_at: datetime) -> None:
        self.sessions[session_id] = replace(self.sessions[session_id], status=status,
                                            finished_at=finished_at)

    def review_states(self, profile: str) -> dict[str, ReviewState]:
        return {qid: r for (p, qid), r in self.reviews.items() if p == profile}

    def answers(self, session_id: int) -> list[Answer]:
        return [a for a in self.recorded if a.session_id == session_id]

    def drafts(self, session_id: int) -> dict[int, Draft]:
        return {pos: d for (sid, pos), d in self.saved_drafts.items() if sid == session_id}

    def shown_question(self, question_id: str, content_hash: str) -> ShownQuestion | None:
        return self.shown.get((question_id, content_hash))


def make_question(qid: str, competency: str = "debugging-diagnostics", *, minutes: int = 10,
                  kind: str = "debugging", levels: tuple[str, ...] = ("senior",),
                  roles: tuple[str, ...] = ("software-engineer",), hints: int = 2,
                  prompt: str | None = None, title: str | None = None) -> Question:
    return Question(
        id=qid,
        title=title or f"Title of {qid}",
        kind=kind,
        roles=roles,
        levels=levels,
        competency=competency,
        minutes=minutes,
        prompt=prompt or f"Prompt of {qid}.",
        hints=tuple(f"hint {n + 1} of {qid}" for n in range(hints)),
        follow_ups=(f"follow-up of {qid}",),
        rubric=Rubric(("signal one", "signal two", "signal three"), ("a red flag",),
                      {level: f"{level} bar" for level in levels}),
        outline=f"Outline of {qid}.",
        tags=("tag",),
    )
