"""The JSON shapes of the read side (documented in README.md, "JSON output"):
one function per record, shared by `interview history`, `history show`,
`due` and `stats`, so a field is named and formatted in one place."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from interview.practice.domain import Answer, Session, ShownQuestion
    from interview.store.views import CompetencyStats, DueQuestion, SessionSummary


def session_json(s: SessionSummary) -> dict[str, Any]:
    return {
        "id": s.id, "profile": s.profile, "mode": s.mode.value, "status": s.status.value,
        "started_at": iso(s.started_at), "finished_at": iso(s.finished_at),
        "description": s.description, "plan_id": s.filters.plan_id,
        "filters": s.filters.to_dict(), "planned": s.planned, "answered": s.answered,
        "graded": s.graded, "average_grade": s.average_grade, "seconds_used": s.seconds_used,
        "budget_seconds": s.budget_seconds,
    }


def session_json_full(session: Session) -> dict[str, Any]:
    return {
        "id": session.id, "profile": session.profile, "mode": session.mode.value,
        "status": session.status.value, "started_at": iso(session.started_at),
        "finished_at": iso(session.finished_at), "description": session.filters.describe(),
        "filters": session.filters.to_dict(), "budget_seconds": session.budget_seconds,
        "items": [item.to_dict() for item in session.items],
    }


def answer_json(answer: Answer, shown: ShownQuestion | None) -> dict[str, Any]:
    rubric = (shown.content.get("rubric") or {}) if shown else {}
    signal_texts = list(rubric.get("signals") or ()) if isinstance(rubric, dict) else []
    return {
        "id": answer.id, "position": answer.position, "question_id": answer.question_id,
        "question_hash": answer.question_hash, "title": shown.title if shown else "",
        "competency": answer.competency, "outcome": answer.outcome.value,
        "grade": int(answer.grade) if answer.grade is not None else None,
        "grade_label": answer.grade.label if answer.grade is not None else None,
        "awaiting_grade": answer.awaiting_grade,
        "signals_hit": list(answer.signals_hit),
        "signals": [str(signal_texts[i]) for i in answer.signals_hit
                    if 0 <= i < len(signal_texts)],
        "hints_used": answer.hints_used, "started_at": iso(answer.started_at),
        "answered_at": iso(answer.answered_at), "seconds_used": answer.seconds_used,
        "time_limit_seconds": answer.time_limit_seconds, "over_time": answer.over_time,
        "text": answer.text,
        "test_run": answer.test_run,
    }


def due_json(question: DueQuestion) -> dict[str, Any]:
    review = question.review
    return {
        "question_id": review.question_id, "title": question.title, "due": iso(review.due),
        "reviews": review.reviews,
        "last_grade": int(review.last_grade) if review.last_grade is not None else None,
        "last_review": iso(review.last_review),
    }


def stats_json(s: CompetencyStats) -> dict[str, Any]:
    return {
        "competency": s.competency, "answers": s.answers, "graded": s.graded,
        "average_grade": s.average_grade, "trend": s.trend,
        "last_answered_at": iso(s.last_answered_at),
    }


def iso(moment: datetime | None) -> str | None:
    """A time as ISO 8601 in UTC, or None."""
    return moment.astimezone(UTC).isoformat() if moment is not None else None
