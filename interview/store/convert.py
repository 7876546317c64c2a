"""Rows to domain objects and read models.

The rows are ORM rows, called inside the session that loaded them, or the
stdlib reader's rows with the same attribute names (interview.store.quickread):
so this module imports no SQLAlchemy at run time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from interview.practice.domain import (
    Answer,
    Draft,
    Grade,
    Mode,
    Outcome,
    PlannedQuestion,
    ReviewState,
    Session,
    SessionFilters,
    ShownQuestion,
    Status,
)
from interview.store.views import AnswerRecord, CompetencyStats, SessionSummary, trend

if TYPE_CHECKING:
    from interview.store.models import (
        AnswerRow,
        CompetencyTotalRow,
        DraftRow,
        QuestionVersionRow,
        ReviewStateRow,
        SessionRow,
    )


def session(row: SessionRow, profile: str) -> Session:
    return Session(
        id=row.id,
        profile=profile,
        mode=Mode(row.mode),
        filters=SessionFilters.from_dict(row.filters or {}),
        items=tuple(PlannedQuestion.from_dict(item) for item in row.items or ()),
        started_at=row.started_at,
        status=Status(row.status),
        finished_at=row.finished_at,
    )


def answer(row: AnswerRow, question_hash: str) -> Answer:
    return Answer(
        id=row.id,
        session_id=row.session_id,
        position=row.position,
        question_id=row.question_id,
        question_hash=question_hash,
        competency=row.competency,
        started_at=row.started_at,
        answered_at=row.answered_at,
        seconds_used=float(row.seconds_used),
        time_limit_seconds=row.time_limit_seconds,
        text=row.text,
        outcome=Outcome(row.outcome),
        grade=Grade(row.grade) if row.grade is not None else None,
        signals_hit=tuple(int(i) for i in row.signals_hit or ()),
        hints_used=row.hints_used,
        test_run=row.test_run,
    )


def review_state(row: ReviewStateRow, profile: str) -> ReviewState:
    return ReviewState(
        profile=profile,
        question_id=row.question_id,
        due=row.due,
        card=dict(row.card or {}),
        reviews=row.reviews,
        last_grade=Grade(row.last_grade) if row.last_grade is not None else None,
        last_review=row.last_review,
    )


def draft(row: DraftRow) -> Draft:
    return Draft(session_id=row.session_id, position=row.position, text=row.text,
                 saved_at=row.saved_at, hints_shown=row.hints_shown,
                 seconds_used=row.seconds_used)


def shown_question(row: QuestionVersionRow) -> ShownQuestion:
    return ShownQuestion(question_id=row.question_id, content_hash=row.content_hash,
                         title=row.title, content=dict(row.content or {}))


def session_summary(row: SessionRow, profile: str, answered: int = 0, graded: int = 0,
                    average_grade: Any = None, seconds_used: Any = 0.0) -> SessionSummary:
    """A history row: the session with its answers' totals (and autosaved time)."""
    items = [PlannedQuestion.from_dict(item) for item in row.items or ()]
    return SessionSummary(
        id=row.id,
        profile=profile,
        mode=Mode(row.mode),
        status=Status(row.status),
        filters=SessionFilters.from_dict(row.filters or {}),
        started_at=row.started_at,
        finished_at=row.finished_at,
        planned=len(items),
        budget_seconds=sum(item.seconds for item in items),
        answered=int(answered),
        graded=int(graded),
        average_grade=None if average_grade is None else float(average_grade),
        seconds_used=float(seconds_used or 0.0),
    )


def competency_stats(row: CompetencyTotalRow) -> CompetencyStats:
    return CompetencyStats(
        competency=row.competency,
        answers=row.answers,
        graded=row.graded,
        average_grade=row.grade_sum / row.graded if row.graded else None,
        trend=trend(list(row.recent or ())),
        last_answered_at=row.last_answered_at,
    )


def answer_record(row: AnswerRow, mode: Mode, filters: SessionFilters,
                  signals_total: int) -> AnswerRecord:
    return AnswerRecord(
        session_id=row.session_id,
        mode=mode,
        role=filters.role,
        level=filters.level,
        question_id=row.question_id,
        competency=row.competency,
        answered_at=row.answered_at,
        outcome=Outcome(row.outcome),
        grade=Grade(row.grade) if row.grade is not None else None,
        seconds_used=float(row.seconds_used),
        time_limit_seconds=row.time_limit_seconds,
        hints_used=row.hints_used,
        signals_hit=len(row.signals_hit or ()),
        signals_total=signals_total,
    )
