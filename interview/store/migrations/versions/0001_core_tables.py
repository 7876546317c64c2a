"""Core tables: profiles, questions as seen, sessions, answers, review states.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from interview.store.coltypes import UTCDateTime

revision = "0001"
down_revision: str | None = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "profiles",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.UniqueConstraint("name", name=op.f("uq_profiles_name")),
    )
    op.create_table(
        "question_versions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("question_id", sa.String(200), nullable=False),
        sa.Column("content_hash", sa.String(128), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("content", sa.JSON(), nullable=False),
        sa.UniqueConstraint("question_id", "content_hash",
                            name=op.f("uq_question_versions_question_id_content_hash")),
    )
    op.create_table(
        "sessions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("mode", sa.String(20), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("filters", sa.JSON(), nullable=False),
        sa.Column("items", sa.JSON(), nullable=False),
        sa.Column("started_at", UTCDateTime(), nullable=False),
        sa.Column("finished_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["profile_id"], ["profiles.id"],
                                name=op.f("fk_sessions_profile_id_profiles")),
        sa.CheckConstraint("mode IN ('practice', 'mock', 'interviewer')",
                           name=op.f("ck_sessions_mode")),
        sa.CheckConstraint("status IN ('in-progress', 'completed', 'abandoned')",
                           name=op.f("ck_sessions_status")),
    )
    op.create_table(
        "answers",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("question_version_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(200), nullable=False),
        sa.Column("competency", sa.String(200), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("started_at", UTCDateTime(), nullable=False),
        sa.Column("answered_at", UTCDateTime(), nullable=False),
        sa.Column("seconds_used", sa.Float(), nullable=False),
        sa.Column("time_limit_seconds", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("signals_hit", sa.JSON(), nullable=False),
        sa.Column("hints_used", sa.Integer(), nullable=False),
        sa.Column("grade", sa.SmallInteger(), nullable=True),
        sa.Column("outcome", sa.String(20), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], ondelete="CASCADE",
                                name=op.f("fk_answers_session_id_sessions")),
        sa.ForeignKeyConstraint(["question_version_id"], ["question_versions.id"],
                                name=op.f("fk_answers_question_version_id_question_versions")),
        sa.UniqueConstraint("session_id", "position",
                            name=op.f("uq_answers_session_id_position")),
        sa.CheckConstraint("outcome IN ('graded', 'skipped', 'timed-out')",
                           name=op.f("ck_answers_outcome")),
        sa.CheckConstraint("grade IS NULL OR grade BETWEEN 1 AND 4",
                           name=op.f("ck_answers_grade_range")),
        sa.CheckConstraint(
            "(outcome = 'graded' AND grade IS NOT NULL) OR (outcome <> 'graded' AND grade IS NULL)",
            name=op.f("ck_answers_grade_iff_graded"),
        ),
    )
    op.create_table(
        "review_states",
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(200), nullable=False),
        sa.Column("card", sa.JSON(), nullable=False),
        sa.Column("due", UTCDateTime(), nullable=False),
        sa.Column("reviews", sa.Integer(), nullable=False),
        sa.Column("last_grade", sa.SmallInteger(), nullable=True),
        sa.Column("last_review", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["profile_id"], ["profiles.id"],
                                name=op.f("fk_review_states_profile_id_profiles")),
        sa.PrimaryKeyConstraint("profile_id", "question_id", name=op.f("pk_review_states")),
    )
    op.create_index(op.f("ix_review_states_profile_id_due"), "review_states",
                    ["profile_id", "due"])


def downgrade() -> None:
    op.drop_index(op.f("ix_review_states_profile_id_due"), table_name="review_states")
    op.drop_table("review_states")
    op.drop_table("answers")
    op.drop_table("sessions")
    op.drop_table("question_versions")
    op.drop_table("profiles")
