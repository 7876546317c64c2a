"""The interviewer mode: candidates, scorecards, their questions, notes and
competency ratings.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03

New tables only; nothing existing changes.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from interview.store.coltypes import UTCDateTime

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_STATUSES = "status IN ('in-progress', 'submitted')"
_RECOMMENDATIONS = ("recommendation IS NULL OR recommendation IN "
                    "('strong-no', 'no', 'yes', 'strong-yes', 'no-decision')")


def upgrade() -> None:
    op.create_table(
        "candidates",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("profile_id", sa.Integer, sa.ForeignKey("profiles.id"), nullable=True),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "scorecards",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("candidate_id", sa.Integer, sa.ForeignKey("candidates.id"), nullable=False),
        sa.Column("interviewer", sa.String(200), nullable=False),
        sa.Column("plan_id", sa.String(200), nullable=False),
        sa.Column("plan_title", sa.Text, nullable=False),
        sa.Column("role", sa.String(100), nullable=False),
        sa.Column("level", sa.String(100), nullable=False),
        sa.Column("self_graded", sa.Boolean, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("started_at", UTCDateTime(), nullable=False),
        sa.Column("submitted_at", UTCDateTime(), nullable=True),
        sa.Column("recommendation", sa.String(20), nullable=True),
        sa.Column("takeaways", sa.Text, nullable=False),
        sa.Column("private_notes", sa.Text, nullable=False),
        sa.CheckConstraint(_STATUSES, name="status"),
        sa.CheckConstraint(_RECOMMENDATIONS, name="recommendation"),
    )
    op.create_index("ix_scorecards_candidate_id_interviewer", "scorecards",
                    ["candidate_id", "interviewer"])
    op.create_index("ix_scorecards_started_at", "scorecards", ["started_at"])
    op.create_table(
        "scored_questions",
        sa.Column("scorecard_id", sa.Integer,
                  sa.ForeignKey("scorecards.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("question_version_id", sa.Integer, sa.ForeignKey("question_versions.id"),
                  nullable=False),
        sa.Column("question_id", sa.String(200), nullable=False),
        sa.Column("competency", sa.String(200), nullable=False),
        sa.Column("item", sa.JSON, nullable=False),
        sa.Column("grade", sa.SmallInteger, nullable=True),
        sa.Column("not_asked", sa.Boolean, nullable=False),
        sa.Column("self_grade", sa.SmallInteger, nullable=True),
        sa.Column("signals", sa.JSON, nullable=False),
        sa.Column("red_flags", sa.JSON, nullable=False),
        sa.Column("hints", sa.JSON, nullable=False),
        sa.Column("seconds_used", sa.Float, nullable=False),
        sa.CheckConstraint("grade IS NULL OR grade BETWEEN 1 AND 4", name="grade_range"),
        sa.CheckConstraint("self_grade IS NULL OR self_grade BETWEEN 1 AND 4",
                           name="self_grade_range"),
        sa.CheckConstraint("NOT (not_asked AND grade IS NOT NULL)", name="not_asked_ungraded"),
    )
    op.create_index("ix_scored_questions_question_id", "scored_questions", ["question_id"])
    op.create_table(
        "scorecard_notes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("scorecard_id", sa.Integer,
                  sa.ForeignKey("scorecards.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("at_seconds", sa.Float, nullable=False),
        sa.Column("written_at", UTCDateTime(), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
    )
    op.create_index("ix_scorecard_notes_scorecard_id_position", "scorecard_notes",
                    ["scorecard_id", "position"])
    op.create_table(
        "competency_ratings",
        sa.Column("scorecard_id", sa.Integer,
                  sa.ForeignKey("scorecards.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("competency", sa.String(200), primary_key=True),
        sa.Column("rating", sa.SmallInteger, nullable=False),
        sa.CheckConstraint("rating BETWEEN 1 AND 4", name="rating_range"),
    )


def downgrade() -> None:
    op.drop_table("competency_ratings")
    op.drop_index("ix_scorecard_notes_scorecard_id_position", table_name="scorecard_notes")
    op.drop_table("scorecard_notes")
    op.drop_index("ix_scored_questions_question_id", table_name="scored_questions")
    op.drop_table("scored_questions")
    op.drop_index("ix_scorecards_started_at", table_name="scorecards")
    op.drop_index("ix_scorecards_candidate_id_interviewer", table_name="scorecards")
    op.drop_table("scorecards")
    op.drop_table("candidates")
