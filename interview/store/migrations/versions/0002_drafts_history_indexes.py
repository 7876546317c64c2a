"""Drafts (resumable typing) and the indexes that keep history fast at scale.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from interview.store.coltypes import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Answers by session are served by uq_answers_session_id_position (0001).
INDEXES = (
    ("ix_answers_competency_answered_at", "answers", ["competency", "answered_at"]),
    ("ix_answers_question_id_answered_at", "answers", ["question_id", "answered_at"]),
    ("ix_sessions_profile_id_started_at", "sessions", ["profile_id", "started_at"]),
    ("ix_sessions_started_at", "sessions", ["started_at"]),
)


def upgrade() -> None:
    op.create_table(
        "drafts",
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("saved_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["session_id"], ["sessions.id"], ondelete="CASCADE",
                                name=op.f("fk_drafts_session_id_sessions")),
        sa.PrimaryKeyConstraint("session_id", "position", name=op.f("pk_drafts")),
    )
    for name, table, columns in INDEXES:
        op.create_index(op.f(name), table, columns)


def downgrade() -> None:
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(op.f(name), table_name=table)
    op.drop_table("drafts")
