"""The storage shape: SQLAlchemy 2 typed ORM models.

These never leave interview.store; repositories convert rows to the domain
dataclasses in interview.practice.domain before their session closes. The
schema here is the head of the migrations in migrations/versions; a test
checks that the two agree.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from interview.store.coltypes import UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

MODES = ("practice", "mock", "interviewer")
STATUSES = ("in-progress", "completed", "abandoned")
OUTCOMES = ("graded", "skipped", "timed-out")


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(), dict[str, Any]: JSON, list[Any]: JSON,
    }


class ProfileRow(Base):
    __tablename__ = "profiles"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime]


class QuestionVersionRow(Base):
    """A question exactly as it was shown: bank edits never rewrite history."""

    __tablename__ = "question_versions"
    __table_args__ = (UniqueConstraint("question_id", "content_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[str] = mapped_column(String(200))
    content_hash: Mapped[str] = mapped_column(String(128))
    title: Mapped[str] = mapped_column(Text)
    content: Mapped[dict[str, Any]]


class SessionRow(Base):
    __tablename__ = "sessions"
    __table_args__ = (
        CheckConstraint(_one_of("mode", MODES), name="mode"),
        CheckConstraint(_one_of("status", STATUSES), name="status"),
        Index("ix_sessions_profile_id_started_at", "profile_id", "started_at"),
        Index("ix_sessions_started_at", "started_at"),
        Index("ix_sessions_profile_id_mode_started_at", "profile_id", "mode", "started_at"),
        Index("ix_sessions_profile_id_role_level_started_at", "profile_id", "role", "level",
              "started_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id"))
    mode: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    filters: Mapped[dict[str, Any]]
    items: Mapped[list[Any]]
    started_at: Mapped[datetime]
    finished_at: Mapped[datetime | None]
    # The target the session rehearsed (copied from filters, for filtering in SQL).
    role: Mapped[str | None] = mapped_column(String(100))
    level: Mapped[str | None] = mapped_column(String(100))


class AnswerRow(Base):
    __tablename__ = "answers"
    __table_args__ = (
        UniqueConstraint("session_id", "position"),  # also serves "answers by session"
        CheckConstraint(_one_of("outcome", OUTCOMES), name="outcome"),
        CheckConstraint("grade IS NULL OR grade BETWEEN 1 AND 4", name="grade_range"),
        # An answered question is stored at submit and graded after: 'graded'
        # with no grade yet is an answer awaiting its grade.
        CheckConstraint("grade IS NULL OR outcome = 'graded'", name="grade_only_if_graded"),
        Index("ix_answers_competency_answered_at", "competency", "answered_at"),
        Index("ix_answers_question_id_answered_at", "question_id", "answered_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    question_version_id: Mapped[int] = mapped_column(ForeignKey("question_versions.id"))
    question_id: Mapped[str] = mapped_column(String(200))
    competency: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime]
    answered_at: Mapped[datetime]
    seconds_used: Mapped[float] = mapped_column(Float)
    time_limit_seconds: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    signals_hit: Mapped[list[Any]]
    hints_used: Mapped[int] = mapped_column(Integer)
    grade: Mapped[int | None] = mapped_column(SmallInteger)
    outcome: Mapped[str] = mapped_column(String(20))
    test_run: Mapped[dict[str, Any] | None]  # a coding answer's test run (0008)


class DraftRow(Base):
    __tablename__ = "drafts"

    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    saved_at: Mapped[datetime]
    hints_shown: Mapped[int] = mapped_column(Integer, server_default="0")
    seconds_used: Mapped[float] = mapped_column(Float, server_default="0")


class CompetencyTotalRow(Base):
    """Running totals per profile and competency, kept by record_answer in the
    same transaction as the answer, so stats never scan the answers table.
    Anything that ever deletes or edits answers must keep these in step, and
    every change to a row must raise `answers`: a store updates `recent`
    without reading it while `answers` is what it last wrote there
    (interview.store.writes.add_to_totals), so a change that kept or lowered
    it could be overwritten by a stale `recent`."""

    __tablename__ = "competency_totals"

    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id"), primary_key=True)
    competency: Mapped[str] = mapped_column(String(200), primary_key=True)
    answers: Mapped[int] = mapped_column(Integer)
    graded: Mapped[int] = mapped_column(Integer)
    grade_sum: Mapped[int] = mapped_column(Integer)
    last_answered_at: Mapped[datetime]
    recent: Mapped[list[Any]]  # the last graded answers: [[ISO time, grade], ...], oldest first


class ReviewStateRow(Base):
    __tablename__ = "review_states"
    __table_args__ = (Index("ix_review_states_profile_id_due", "profile_id", "due"),)

    profile_id: Mapped[int] = mapped_column(ForeignKey("profiles.id"), primary_key=True)
    question_id: Mapped[str] = mapped_column(String(200), primary_key=True)
    card: Mapped[dict[str, Any]]
    due: Mapped[datetime]
    reviews: Mapped[int] = mapped_column(Integer)
    last_grade: Mapped[int | None] = mapped_column(SmallInteger)
    last_review: Mapped[datetime | None]


# -- the interviewer mode: candidates and their scorecards ---------------------

SCORECARD_STATUSES = ("in-progress", "submitted")
RECOMMENDATIONS = ("strong-no", "no", "yes", "strong-yes", "no-decision")


class CandidateRow(Base):
    """An interviewee: their own record, never a practice profile, so no
    scorecard mixes with anyone's self-practice statistics. A candidate who
    rehearses with a peer (`--self-grade`) names the profile whose
    readiness and trends may show the calibration."""

    __tablename__ = "candidates"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime]
    profile_id: Mapped[int | None] = mapped_column(ForeignKey("profiles.id"))


class ScorecardRow(Base):
    __tablename__ = "scorecards"
    __table_args__ = (
        CheckConstraint(_one_of("status", SCORECARD_STATUSES), name="status"),
        CheckConstraint(f"recommendation IS NULL OR {_one_of('recommendation', RECOMMENDATIONS)}",
                        name="recommendation"),
        Index("ix_scorecards_candidate_id_interviewer", "candidate_id", "interviewer"),
        Index("ix_scorecards_started_at", "started_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[int] = mapped_column(ForeignKey("candidates.id"))
    interviewer: Mapped[str] = mapped_column(String(200))
    plan_id: Mapped[str] = mapped_column(String(200))
    plan_title: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(100))
    self_graded: Mapped[bool]
    status: Mapped[str] = mapped_column(String(20))
    started_at: Mapped[datetime]
    submitted_at: Mapped[datetime | None]
    recommendation: Mapped[str | None] = mapped_column(String(20))
    takeaways: Mapped[str] = mapped_column(Text)
    private_notes: Mapped[str] = mapped_column(Text)


class ScoredQuestionRow(Base):
    """One question of a scorecard, written whole each time anything on it changes."""

    __tablename__ = "scored_questions"
    __table_args__ = (
        CheckConstraint("grade IS NULL OR grade BETWEEN 1 AND 4", name="grade_range"),
        CheckConstraint("self_grade IS NULL OR self_grade BETWEEN 1 AND 4",
                        name="self_grade_range"),
        CheckConstraint("NOT (not_asked AND grade IS NOT NULL)", name="not_asked_ungraded"),
        Index("ix_scored_questions_question_id", "question_id"),
    )

    scorecard_id: Mapped[int] = mapped_column(
        ForeignKey("scorecards.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    question_version_id: Mapped[int] = mapped_column(ForeignKey("question_versions.id"))
    question_id: Mapped[str] = mapped_column(String(200))
    competency: Mapped[str] = mapped_column(String(200))
    item: Mapped[dict[str, Any]]  # the PlannedQuestion: round, time allowed, version
    grade: Mapped[int | None] = mapped_column(SmallInteger)
    not_asked: Mapped[bool]
    self_grade: Mapped[int | None] = mapped_column(SmallInteger)
    signals: Mapped[list[Any]]
    red_flags: Mapped[list[Any]]
    hints: Mapped[list[Any]]  # [[hint index, seconds into the question], ...]
    seconds_used: Mapped[float] = mapped_column(Float)


class ScorecardNoteRow(Base):
    __tablename__ = "scorecard_notes"
    __table_args__ = (Index("ix_scorecard_notes_scorecard_id_position", "scorecard_id",
                            "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scorecard_id: Mapped[int] = mapped_column(ForeignKey("scorecards.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    at_seconds: Mapped[float] = mapped_column(Float)
    written_at: Mapped[datetime]
    text: Mapped[str] = mapped_column(Text)


class CompetencyRatingRow(Base):
    __tablename__ = "competency_ratings"
    __table_args__ = (CheckConstraint("rating BETWEEN 1 AND 4", name="rating_range"),)

    scorecard_id: Mapped[int] = mapped_column(
        ForeignKey("scorecards.id", ondelete="CASCADE"), primary_key=True)
    competency: Mapped[str] = mapped_column(String(200), primary_key=True)
    rating: Mapped[int] = mapped_column(SmallInteger)
