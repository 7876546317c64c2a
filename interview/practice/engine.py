"""A practice session as a state machine.

    ASKING --submit/skip--> REVIEWING --grade (or next, if ungraded)--> ASKING ... FINISHED

Submitting (or skipping) commits the answer, before the rubric appears;
ticks are kept as they are made; the grade then completes that stored answer
before the next question appears. Anything asked out of turn raises
IllegalTransition with a message a user can read.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from interview.bank.model import Question
from interview.practice.clock import Clock
from interview.practice.domain import (
    Answer,
    Draft,
    Grade,
    Outcome,
    PlannedQuestion,
    ReviewState,
    Session,
    Status,
)
from interview.practice.ports import SessionStore
from interview.practice.scheduling import ReviewScheduler
from interview.practice.serial import serialised
from interview.practice.summary import RunSummary, summarise
from interview.practice.timer import Countdown


class Phase(StrEnum):
    ASKING = "asking"
    REVIEWING = "reviewing"
    FINISHED = "finished"


class IllegalTransition(Exception):
    """An action that makes no sense in the session's current phase."""


class EmptyAnswer(IllegalTransition):
    """Submit was pressed with nothing written and time still left."""


@dataclass
class _Turn:
    """The question on screen and what has happened to it so far."""

    position: int
    item: PlannedQuestion
    question: Question
    started_at: datetime
    countdown: Countdown
    text: str = ""
    hints_shown: int = 0
    outcome: Outcome | None = None
    answered_at: datetime | None = None
    seconds_used: float = 0.0
    signals: set[int] = field(default_factory=set)
    stored: Answer | None = None  # as committed at submit, awaiting its grade or final
    test_run: dict[str, Any] | None = None  # a coding answer's tests, run on the submitted code


class PracticeRun:
    def __init__(
        self,
        session: Session,
        questions: Mapping[str, Question],
        store: SessionStore,
        clock: Clock,
        scheduler: ReviewScheduler | None,
        reviews: Mapping[str, ReviewState],
        answered: Sequence[Answer] = (),
        draft: Draft | None = None,
    ) -> None:
        self.lock = threading.RLock()
        self._draft_writes = threading.Lock()
        self._drafts_taken = self._drafts_written = 0
        self._ticks_taken = self._ticks_written = 0
        self.session = session
        self._questions = questions
        self._store = store
        self._clock = clock
        self._scheduler = scheduler
        self._reviews = dict(reviews)
        self._answers = [a for a in answered if not a.awaiting_grade]
        self._scheduled: list[ReviewState] = []
        used = sum(a.seconds_used for a in answered) + (draft.seconds_used if draft else 0.0)
        self.session_countdown = Countdown(clock, session.budget_seconds, already_elapsed=used)
        self.session_countdown.pause()
        self._turn: _Turn | None = None
        self._phase = Phase.FINISHED
        awaiting = [a for a in answered if a.awaiting_grade]
        if awaiting:
            self._reopen(awaiting[0])  # submitted, not yet graded: back on its rubric
        elif len(self._answers) < len(session.items):
            self._begin(len(self._answers), draft)
        elif session.status is Status.IN_PROGRESS:
            # Every answer is in but the session never got marked (a database
            # written before completion was atomic): complete it now.
            store.finish_session(session.id, Status.COMPLETED, clock.now())

    # -- what the UI reads ---------------------------------------------------
    @property
    def phase(self) -> Phase:
        return self._phase

    @property
    def position(self) -> int:
        """0-based index of the current question (== total when finished)."""
        return self._turn.position if self._turn else len(self.session.items)

    @property
    def total(self) -> int:
        return len(self.session.items)

    @property
    def question(self) -> Question:
        return self._current("show a question").question

    @property
    def item(self) -> PlannedQuestion:
        return self._current("show a question").item

    @property
    def competency(self) -> str:
        """What the current question is practised and recorded for."""
        return self.item.competency

    @property
    def countdown(self) -> Countdown:
        return self._current("time a question").countdown

    @property
    def text(self) -> str:
        return self._current("read the answer").text

    @property
    def hints(self) -> tuple[str, ...]:
        """The hints revealed so far."""
        turn = self._current("show hints")
        return turn.question.hints[: turn.hints_shown]

    @property
    def outcome(self) -> Outcome | None:
        return self._turn.outcome if self._turn else None

    @property
    def test_run(self) -> dict[str, Any] | None:
        """The tests run on the submitted code of a coding answer, as stored."""
        return self._turn.test_run if self._turn else None

    @property
    def signals_hit(self) -> frozenset[int]:
        return frozenset(self._turn.signals) if self._turn else frozenset()

    @property
    def answers(self) -> tuple[Answer, ...]:
        return tuple(self._answers)

    @property
    def paused(self) -> bool:
        return self._turn is not None and self._turn.countdown.paused

    # -- actions while asking -------------------------------------------------
    @serialised
    def reveal_hint(self) -> str:
        turn = self._expect(Phase.ASKING, "reveal a hint")
        if turn.hints_shown >= len(turn.question.hints):
            raise IllegalTransition("there are no more hints for this question")
        turn.hints_shown += 1
        return turn.question.hints[turn.hints_shown - 1]

    def save_draft(self, text: str, position: int) -> bool:
        """Keep what is typed for question `position`, with its hints and time.

        A save that arrives late, after that question was answered, is
        dropped (returns False) rather than landing on the next question.
        The write happens outside the run's lock, so a slow disk never holds
        up the UI thread; drafts still reach the store in the order taken.
        """
        with self.lock:
            turn = self._turn
            if self._phase is not Phase.ASKING or turn is None or turn.position != position:
                return False
            turn.text = text
            draft = Draft(self.session.id, position, text, self._clock.now(), turn.hints_shown,
                          round(turn.countdown.elapsed, 3))
            self._drafts_taken += 1
            number = self._drafts_taken
        with self._draft_writes:
            if number > self._drafts_written:
                self._store.save_draft(draft)
                self._drafts_written = number
        return True

    @serialised
    def pause(self) -> None:
        self._expect(Phase.ASKING, "pause")
        self.countdown.pause()
        self.session_countdown.pause()

    @serialised
    def resume(self) -> None:
        self._expect(Phase.ASKING, "resume")
        self.countdown.resume()
        self.session_countdown.resume()

    @serialised
    def submit(self, text: str, test_run: dict[str, Any] | None = None) -> None:
        """Finish answering and commit the answer. With nothing written, only
        allowed once time is up (recorded as timed out); otherwise write
        something or skip. If the commit fails, the question stays open.
        `test_run` is a coding answer's tests run on `text`, stored with it."""
        turn = self._expect(Phase.ASKING, "submit an answer")
        if turn.countdown.paused:
            raise IllegalTransition("the session is paused; resume it before submitting")
        if not text.strip():
            if not turn.countdown.expired:
                raise EmptyAnswer("nothing written yet: write an answer, or skip the question")
            self._close(turn, text, Outcome.TIMED_OUT)
            return
        self._close(turn, text, Outcome.GRADED, test_run)

    @serialised
    def skip(self, text: str = "") -> None:
        turn = self._expect(Phase.ASKING, "skip")
        expired_blank = turn.countdown.expired and not text.strip()
        self._close(turn, text, Outcome.TIMED_OUT if expired_blank else Outcome.SKIPPED)

    # -- actions while reviewing the rubric -----------------------------------
    @serialised
    def toggle_signal(self, index: int) -> bool:
        """Tick or untick rubric signal `index`; returns whether it is now ticked.
        Only in memory: `save_signals` keeps the ticks."""
        turn = self._expect(Phase.REVIEWING, "tick a rubric signal")
        signals = turn.question.rubric.signals if turn.question.rubric else ()
        if not 0 <= index < len(signals):
            raise IllegalTransition(f"there is no rubric signal {index + 1}")
        turn.signals.symmetric_difference_update({index})
        return index in turn.signals

    def save_signals(self) -> bool:
        """Store the ticks of the answer on the rubric (False if there is none
        awaiting a grade). Written outside the run's lock, latest ticks last."""
        with self.lock:
            turn = self._turn
            if self._phase is not Phase.REVIEWING or turn is None or turn.stored is None \
                    or not turn.stored.awaiting_grade:
                return False
            key = (self.session.id, turn.position, tuple(sorted(turn.signals)))
            self._ticks_taken += 1
            number = self._ticks_taken
        with self._draft_writes:
            if number > self._ticks_written:
                self._store.save_signals(*key)
                self._ticks_written = number
        return True

    @serialised
    def grade(self, grade: Grade | int) -> Answer:
        """Record the grade, commit it, and move on."""
        turn = self._expect(Phase.REVIEWING, "grade")
        if turn.outcome is not Outcome.GRADED:
            raise IllegalTransition(f"a {turn.outcome} question is recorded without a grade")
        return self._commit(turn, Grade(grade))

    @serialised
    def next(self) -> Answer:
        """Move on from a skipped or timed-out question (stored when it closed)."""
        turn = self._expect(Phase.REVIEWING, "move on")
        if turn.outcome is Outcome.GRADED or turn.stored is None:
            raise IllegalTransition("grade this answer from 1 to 4 before moving on")
        self._advance(turn)
        return turn.stored

    @serialised
    def summary(self) -> RunSummary:
        return summarise(self.session, self._answers, self._questions, self._scheduled,
                         self._reviews)

    # -- internals ----------------------------------------------------------------
    def _current(self, action: str) -> _Turn:
        if self._turn is None:
            raise IllegalTransition(f"cannot {action}: the session is finished")
        return self._turn

    def _expect(self, phase: Phase, action: str) -> _Turn:
        if self._phase is not phase:
            where = {
                Phase.ASKING: "while the question is being answered",
                Phase.REVIEWING: "while the rubric is shown",
                Phase.FINISHED: "after the session has finished",
            }[self._phase]
            raise IllegalTransition(f"cannot {action} {where}")
        return self._current(action)

    def _begin(self, position: int, draft: Draft | None = None) -> None:
        item = self.session.items[position]
        self._turn = _Turn(
            position=position,
            item=item,
            question=self._questions[item.question_id],
            started_at=self._clock.now(),
            countdown=Countdown(self._clock, item.seconds,
                                already_elapsed=draft.seconds_used if draft else 0.0),
            text=draft.text if draft else "",
            hints_shown=draft.hints_shown if draft else 0,
        )
        self.session_countdown.resume()
        self._phase = Phase.ASKING

    def _reopen(self, answer: Answer) -> None:
        """Back on the rubric of an answer that was submitted but not graded."""
        item = self.session.items[answer.position]
        countdown = Countdown(self._clock, item.seconds, already_elapsed=answer.seconds_used)
        countdown.pause()
        self._turn = _Turn(
            position=answer.position, item=item, question=self._questions[item.question_id],
            started_at=answer.started_at, countdown=countdown, text=answer.text,
            hints_shown=answer.hints_used, outcome=answer.outcome,
            answered_at=answer.answered_at, seconds_used=answer.seconds_used,
            signals=set(answer.signals_hit), stored=answer)
        self._phase = Phase.REVIEWING

    def _close(self, turn: _Turn, text: str, outcome: Outcome,
               test_run: dict[str, Any] | None = None) -> None:
        """Commit the answer as it stands and show the rubric. A skipped or
        timed-out answer is final; an answered one awaits its grade."""
        seconds_used = turn.countdown.elapsed
        answered_at = self._clock.now()
        answer = self._answer(turn, text, outcome, answered_at, seconds_used, None, test_run)
        last = turn.position + 1 >= len(self.session.items)
        finished_at = answered_at if last and outcome is not Outcome.GRADED else None
        # Nothing changes here until the commit has succeeded: after a failure
        # the question is still open, with its text, and submit can be retried.
        turn.stored = self._store.record_answer(answer, None, finished_at=finished_at)
        turn.text, turn.outcome, turn.test_run = text, outcome, test_run
        turn.seconds_used, turn.answered_at = seconds_used, answered_at
        turn.countdown.pause()
        self.session_countdown.pause()  # reviewing the rubric is not answering time
        if outcome is not Outcome.GRADED:
            self._answers.append(turn.stored)
        self._phase = Phase.REVIEWING

    def _answer(self, turn: _Turn, text: str, outcome: Outcome, answered_at: datetime,
                seconds_used: float, grade: Grade | None,
                test_run: dict[str, Any] | None = None) -> Answer:
        return Answer(
            session_id=self.session.id,
            position=turn.position,
            question_id=turn.question.id,
            question_hash=turn.item.content_hash or turn.question.content_hash(),
            competency=turn.item.competency,  # as chosen, even if picked through `also:`
            started_at=turn.started_at,
            answered_at=answered_at,
            seconds_used=round(seconds_used, 3),
            time_limit_seconds=turn.item.seconds,
            text=text,
            outcome=outcome,
            grade=grade,
            signals_hit=tuple(sorted(turn.signals)),
            hints_used=turn.hints_shown,
            test_run=test_run,
        )

    def _commit(self, turn: _Turn, grade: Grade) -> Answer:
        assert turn.outcome is not None and turn.answered_at is not None
        answer = self._answer(turn, turn.text, turn.outcome, turn.answered_at,
                              turn.seconds_used, grade, turn.test_run)
        review = None
        if self._scheduler is not None:
            review = self._scheduler.review(self._reviews.get(turn.question.id),
                                            self.session.profile, turn.question.id, grade,
                                            self._clock.now())
        last = turn.position + 1 >= len(self.session.items)
        # One transaction: the grade, its review and (after the last question)
        # the session's completion. Nothing here changes until it has committed,
        # so a failed commit leaves the rubric up and the grade can be retried.
        stored = self._store.grade_answer(answer, review,
                                          finished_at=self._clock.now() if last else None)
        self._answers.append(stored)
        if review is not None:
            self._reviews[review.question_id] = review
            self._scheduled.append(review)
        self._advance(turn)
        return stored

    def _advance(self, turn: _Turn) -> None:
        if turn.position + 1 >= len(self.session.items):
            self._turn = None
            self._phase = Phase.FINISHED
        else:
            self._begin(turn.position + 1)
