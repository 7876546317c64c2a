"""Starting and resuming practice runs: the use cases the CLI and TUI call."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from interview.bank.model import Plan, Question
from interview.practice.clock import Clock
from interview.practice.domain import (
    Mode,
    PlannedQuestion,
    Session,
    SessionFilters,
    ShownQuestion,
)
from interview.practice.engine import PracticeRun
from interview.practice.ports import SessionStore
from interview.practice.scheduling import ReviewScheduler
from interview.practice.selection import SelectionError, plan_questions, select_questions


@dataclass(frozen=True)
class PracticeRequest:
    """What to practise; whose practice it is comes from the workspace."""

    filters: SessionFilters
    mode: Mode = Mode.PRACTICE
    plan: Plan | None = None


def start_run(
    profile: str,
    request: PracticeRequest,
    questions: Mapping[str, Question],
    store: SessionStore,
    clock: Clock,
    weakness: Mapping[str, float] | None = None,
) -> PracticeRun:
    """Choose the questions, record the session, and show the first question."""
    reviews = store.review_states(profile)
    now = clock.now()
    filters = request.filters
    if request.plan is not None:
        items = plan_questions(request.plan, questions, filters.seed, reviews, now)
        # Kept with the session, so history can tell which role and level it rehearsed.
        filters = replace(filters, role=filters.role or request.plan.role,
                          level=filters.level or request.plan.level)
    else:
        items = select_questions(questions.values(), filters, reviews, weakness or {}, now)
    shown = [shown_version(questions[item.question_id]) for item in items]
    session = store.start_session(profile, request.mode, filters, items, shown, now)
    return PracticeRun(session, questions, store, clock, _scheduler(request.mode), reviews)


def resume_run(
    session: Session, questions: Mapping[str, Question], store: SessionStore, clock: Clock
) -> PracticeRun:
    """Continue an interrupted session at its first unanswered question, with
    its saved draft, showing each question as it was first shown."""
    as_shown = questions_as_shown(session.items, questions, store.shown_question)
    answers = store.answers(session.id)
    draft = store.drafts(session.id).get(len(answers))
    return PracticeRun(session, as_shown, store, clock, _scheduler(session.mode),
                       store.review_states(session.profile), answers, draft)


def questions_as_shown(items: Sequence[PlannedQuestion], questions: Mapping[str, Question],
                       stored: Callable[[str, str], ShownQuestion | None]
                       ) -> dict[str, Question]:
    """The bank's questions, with each of `items` as it was first shown
    (`stored` finds a recorded version) where the bank has changed it since."""
    as_shown = dict(questions)
    for item in items:
        current = questions.get(item.question_id)
        if current is not None and current.content_hash() == item.content_hash:
            continue
        version = stored(item.question_id, item.content_hash)
        if version is None:
            if current is None:
                raise SelectionError(f"question {item.question_id} is no longer in the bank")
            continue
        as_shown[item.question_id] = Question.from_content(version.content)
    return as_shown


def shown_version(question: Question) -> ShownQuestion:
    return ShownQuestion(question.id, question.content_hash(), question.title,
                         question.content())


def _scheduler(mode: Mode) -> ReviewScheduler | None:
    # Only practice reschedules; mock loops and live interviews are recorded as-is.
    return ReviewScheduler() if mode is Mode.PRACTICE else None
