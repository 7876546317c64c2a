"""What the engine needs from storage. interview.store implements it; the
engine never imports storage, so it stays testable with an in-memory fake."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

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
from interview.practice.interviewing import Closing, Note, QuestionScore, Scorecard


class SessionStore(Protocol):
    def start_session(
        self,
        profile: str,
        mode: Mode,
        filters: SessionFilters,
        items: Sequence[PlannedQuestion],
        shown: Sequence[ShownQuestion],
        started_at: datetime,
    ) -> Session:
        """Create the session (and the profile if new) and record the question
        versions it will show. Commits before returning."""
        ...

    def record_answer(self, answer: Answer, review: ReviewState | None,
                      finished_at: datetime | None = None) -> Answer:
        """Store the answer and the new review state in one transaction, and
        delete the position's draft; with `finished_at` (the last answer), also
        mark the session completed in that same transaction. An answer still
        awaiting its grade is stored but counts in no totals until graded.
        Commits before returning; returns the answer with its id."""
        ...

    def grade_answer(self, answer: Answer, review: ReviewState | None,
                     finished_at: datetime | None = None) -> Answer:
        """Give the stored answer at (session, position), awaiting its grade,
        its grade and ticks, with the review state, in one transaction; with
        `finished_at`, also complete the session. Commits before returning."""
        ...

    def save_signals(self, session_id: int, position: int, signals: tuple[int, ...]) -> None:
        """Keep the rubric ticks of an answer awaiting its grade. Commits."""
        ...

    def save_draft(self, draft: Draft) -> None:
        """Upsert the draft text of one position. Commits."""
        ...

    def finish_session(self, session_id: int, status: Status, finished_at: datetime) -> None: ...

    def review_states(self, profile: str) -> dict[str, ReviewState]: ...

    # The read side that resuming a session needs.
    def answers(self, session_id: int) -> list[Answer]: ...

    def drafts(self, session_id: int) -> dict[int, Draft]: ...

    def shown_question(self, question_id: str, content_hash: str) -> ShownQuestion | None: ...


class ScorecardStore(Protocol):
    """What a live interview writes through (interview.store.scorecards)."""

    def start_scorecard(self, candidate: str, interviewer: str, plan: tuple[str, str],
                        target: tuple[str, str], items: Sequence[PlannedQuestion],
                        shown: Sequence[ShownQuestion], started_at: datetime,
                        self_graded: bool = False, profile: str | None = None) -> Scorecard:
        """Create the scorecard, the candidate if new, one open row per
        question, and record the versions shown. Commits."""
        ...

    def save_question(self, scorecard_id: int, score: QuestionScore) -> None:
        """Write one question's grade, ticks, hints and time whole. Commits."""
        ...

    def add_note(self, scorecard_id: int, note: Note) -> None: ...

    def save_closing(self, scorecard_id: int, closing: Closing) -> None: ...

    def submit_scorecard(self, scorecard_id: int, closing: Closing, at: datetime) -> None: ...
