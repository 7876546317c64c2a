"""A live interview: an interviewer fills one scorecard, question by question.

    QUESTION --grade or "not asked"--> (self-graded loop: SELF_GRADE --candidate grades-->)
    QUESTION ... CLOSING --submit--> SUBMITTED

Every change is committed as it is made: ticks, hints and grades rewrite the
question's row, notes are appended, the closing form is saved field by
field. A killed process therefore resumes exactly where it stopped
(`resume_interview`), at the first question still open. In a self-graded
loop the interviewer's grade is locked first and the candidate grades the
same answer blind; `revealed` is true only once both are in.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import replace
from enum import StrEnum

from interview.bank.model import Plan, Question
from interview.practice.clock import Clock
from interview.practice.domain import Grade, ShownQuestion
from interview.practice.engine import IllegalTransition
from interview.practice.interviewing import (
    Closing,
    HintGiven,
    Note,
    QuestionScore,
    Recommendation,
    Scorecard,
    ScorecardStatus,
)
from interview.practice.ports import ScorecardStore
from interview.practice.selection import plan_questions
from interview.practice.serial import serialised
from interview.practice.service import questions_as_shown, shown_version
from interview.practice.timer import Countdown

NOTE_LIMIT = 20_000  # characters in one note: a paragraph, not a pasted log


class Stage(StrEnum):
    QUESTION = "question"
    SELF_GRADE = "self-grade"  # the interviewer's grade is locked; the candidate's is due
    CLOSING = "closing"
    SUBMITTED = "submitted"


def start_interview(plan: Plan, questions: Mapping[str, Question], store: ScorecardStore,
                    clock: Clock, candidate: str, interviewer: str, *, seed: int = 0,
                    self_graded: bool = False) -> InterviewRun:
    """Resolve the plan's rounds, record the scorecard and open its first question.
    A self-graded loop links the candidate to the practice profile of the same
    name, so that profile's readiness and trends can show the calibration."""
    items = plan_questions(plan, questions, seed, {}, clock.now())
    card = store.start_scorecard(
        candidate, interviewer, (plan.id, plan.title), (plan.role, plan.level), items,
        [shown_version(questions[item.question_id]) for item in items], clock.now(),
        self_graded=self_graded, profile=candidate if self_graded else None)
    return InterviewRun(card, questions, store, clock)


def resume_interview(card: Scorecard, questions: Mapping[str, Question],
                     store: ScorecardStore, clock: Clock,
                     stored: Mapping[str, ShownQuestion]) -> InterviewRun:
    """Continue an in-progress scorecard; `stored` holds the questions as the
    scorecard first showed them, used where the bank has changed since."""
    def recorded(question_id: str, content_hash: str) -> ShownQuestion | None:
        version = stored.get(question_id)
        return version if version and version.content_hash == content_hash else None

    as_shown = questions_as_shown([q.item for q in card.questions], questions, recorded)
    return InterviewRun(card, as_shown, store, clock)


class InterviewRun:
    def __init__(self, card: Scorecard, questions: Mapping[str, Question],
                 store: ScorecardStore, clock: Clock) -> None:
        self.lock = threading.RLock()
        self._card = card
        self._questions = questions
        self._store = store
        self._clock = clock
        self._saved_seconds = 0.0
        self._position = len(card.questions)
        self._countdown = Countdown(clock, 0)
        self._open_first()

    # -- what the screen shows ----------------------------------------------

    @property
    def card(self) -> Scorecard:
        return self._card

    @property
    def stage(self) -> Stage:
        if self._card.submitted:
            return Stage.SUBMITTED
        if self._position >= len(self._card.questions):
            return Stage.CLOSING
        return Stage.SELF_GRADE if self._awaits_self_grade(self.score) else Stage.QUESTION

    @property
    def position(self) -> int:
        return self._position

    @property
    def total(self) -> int:
        return len(self._card.questions)

    @property
    def score(self) -> QuestionScore:
        if self._position >= len(self._card.questions):
            raise IllegalTransition("every question is done; the closing form is open")
        return self._card.questions[self._position]

    @property
    def question(self) -> Question:
        return self._questions[self.score.question_id]

    @property
    def countdown(self) -> Countdown:
        return self._countdown

    @property
    def notes(self) -> tuple[Note, ...]:
        return self._card.notes_for(self._position)

    def revealed(self, score: QuestionScore) -> bool:
        """Both grades of a self-graded question may be shown."""
        return score.grade is not None and score.self_grade is not None

    def question_for(self, score: QuestionScore) -> Question | None:
        return self._questions.get(score.question_id)

    # -- the interviewer's actions on the open question ----------------------

    @serialised
    def toggle_signal(self, index: int) -> bool:
        """Tick or untick rubric signal `index`; whether it is now ticked."""
        score = self._open("tick a signal")
        ticked = _toggle(score.signals, index, len(self._rubric_signals()))
        self._save(replace(score, signals=ticked))
        return index in ticked

    @serialised
    def toggle_red_flag(self, index: int) -> bool:
        score = self._open("tick a red flag")
        ticked = _toggle(score.red_flags, index, len(self._rubric_red_flags()))
        self._save(replace(score, red_flags=ticked))
        return index in ticked

    @serialised
    def give_hint(self) -> str:
        """Record the next hint as given, `at_seconds` into the question; its text."""
        score = self._open("give a hint")
        hints = self.question.hints
        if len(score.hints) >= len(hints):
            raise IllegalTransition("every hint has been given")
        index = len(score.hints)
        given = HintGiven(index, round(self._countdown.elapsed, 1))
        self._save(replace(score, hints=(*score.hints, given)))
        return hints[index]

    @serialised
    def add_note(self, text: str) -> Note:
        if self.stage is Stage.SUBMITTED:
            raise IllegalTransition("the scorecard is submitted; it cannot change")
        text = text.strip()
        if not text:
            raise IllegalTransition("the note is empty")
        if len(text) > NOTE_LIMIT:
            raise IllegalTransition(f"a note holds at most {NOTE_LIMIT:,} characters")
        position = min(self._position, len(self._card.questions) - 1)
        at = round(self._countdown.elapsed, 1) if self.stage is Stage.QUESTION else 0.0
        note = Note(position, at, self._clock.now(), text)
        self._store.add_note(self._card.id, note)
        self._card = replace(self._card, notes=(*self._card.notes, note))
        return note

    @serialised
    def grade(self, grade: Grade | int | None) -> QuestionScore:
        """Lock the interviewer's grade (None: the question was not asked) and
        move on, unless the candidate now grades themselves."""
        score = self._open("grade")
        locked = replace(score, grade=Grade(grade) if grade is not None else None,
                         not_asked=grade is None, seconds_used=self._elapsed())
        self._save(locked)
        if not self._awaits_self_grade(locked):
            self._advance()
        return locked

    @serialised
    def self_grade(self, grade: Grade | int) -> QuestionScore:
        if self.stage is not Stage.SELF_GRADE:
            raise IllegalTransition("the candidate grades after the interviewer has locked theirs")
        graded = replace(self.score, self_grade=Grade(grade))
        self._save(graded)
        self._advance()
        return graded

    @serialised
    def end_questions(self) -> int:
        """Mark every open question not asked and open the closing form;
        how many were marked."""
        marked = 0
        while self.stage in (Stage.QUESTION, Stage.SELF_GRADE):
            score = self.score
            if not score.closed:
                self._save(replace(score, not_asked=True, seconds_used=self._elapsed()))
                marked += 1
            self._advance()
        return marked

    @serialised
    def save_time(self) -> bool:
        """Autosave: keep the open question's time used; whether it wrote."""
        if self.stage is not Stage.QUESTION:
            return False
        elapsed = self._elapsed()
        if abs(elapsed - self._saved_seconds) < 1.0:
            return False
        self._save(replace(self.score, seconds_used=elapsed))
        return True

    # -- the closing form ----------------------------------------------------

    @serialised
    def set_closing(self, *, ratings: Mapping[str, Grade | None] | None = None,
                    recommendation: Recommendation | None = None,
                    takeaways: str | None = None, private_notes: str | None = None) -> Closing:
        """Change the fields given (a rating of None clears it) and save the form."""
        if self.stage is Stage.SUBMITTED:
            raise IllegalTransition("the scorecard is submitted; it cannot change")
        closing = self._card.closing
        merged = dict(closing.ratings)
        for competency, rating in (ratings or {}).items():
            if competency not in self._card.competencies:
                raise IllegalTransition(f"the plan does not cover {competency}")
            if rating is None:
                merged.pop(competency, None)
            else:
                merged[competency] = Grade(rating)
        closing = Closing(
            ratings=merged, recommendation=recommendation or closing.recommendation,
            takeaways=closing.takeaways if takeaways is None else takeaways,
            private_notes=closing.private_notes if private_notes is None else private_notes)
        if closing != self._card.closing:
            self._store.save_closing(self._card.id, closing)
            self._card = replace(self._card, closing=closing)
        return closing

    @serialised
    def submit(self) -> Scorecard:
        if self.stage is not Stage.CLOSING:
            raise IllegalTransition("finish the questions before submitting")
        if self._card.closing.recommendation is None:
            raise IllegalTransition("choose a recommendation (or \"no decision\") to submit")
        at = self._clock.now()
        self._store.submit_scorecard(self._card.id, self._card.closing, at)
        self._card = replace(self._card, status=ScorecardStatus.SUBMITTED,
                             submitted_at=at)
        return self._card

    # -- internals -------------------------------------------------------------

    def _open_first(self) -> None:
        first = next((q.position for q in self._card.questions
                      if not q.closed or self._awaits_self_grade(q)), len(self._card.questions))
        self._go(first)

    def _go(self, position: int) -> None:
        self._position = position
        if position < len(self._card.questions):
            score = self._card.questions[position]
            self._countdown = Countdown(self._clock, score.item.seconds,
                                        already_elapsed=score.seconds_used)
            self._saved_seconds = score.seconds_used
            if score.closed:
                self._countdown.pause()
        else:
            self._countdown = Countdown(self._clock, 0)
            self._countdown.pause()

    def _advance(self) -> None:
        self._go(self._position + 1)

    def _awaits_self_grade(self, score: QuestionScore) -> bool:
        return self._card.self_graded and score.grade is not None and score.self_grade is None

    def _open(self, action: str) -> QuestionScore:
        if self.stage is not Stage.QUESTION:
            raise IllegalTransition(f"cannot {action} now: no question is open")
        return self.score

    def _elapsed(self) -> float:
        return round(self._countdown.elapsed, 1)

    def _save(self, score: QuestionScore) -> None:
        self._store.save_question(self._card.id, score)
        self._card = self._card.with_question(score)
        self._saved_seconds = score.seconds_used
        if score.closed:
            self._countdown.pause()

    def _rubric_signals(self) -> tuple[str, ...]:
        rubric = self.question.rubric
        return rubric.signals if rubric else ()

    def _rubric_red_flags(self) -> tuple[str, ...]:
        rubric = self.question.rubric
        return rubric.red_flags if rubric else ()


def _toggle(ticked: tuple[int, ...], index: int, size: int) -> tuple[int, ...]:
    if not 0 <= index < size:
        raise IllegalTransition(f"there is no item {index + 1} (the rubric lists {size})")
    chosen = set(ticked) ^ {index}
    return tuple(sorted(chosen))
