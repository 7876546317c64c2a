"""Per-competency running totals, so stats stay instant with a million answers.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23

Backfilled from the answers already recorded.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from interview.store.coltypes import UTCDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

RECENT = 10  # graded answers kept for the trend (interview.store.writes.RECENT)


def upgrade() -> None:
    totals = op.create_table(
        "competency_totals",
        sa.Column("profile_id", sa.Integer(), nullable=False),
        sa.Column("competency", sa.String(200), nullable=False),
        sa.Column("answers", sa.Integer(), nullable=False),
        sa.Column("graded", sa.Integer(), nullable=False),
        sa.Column("grade_sum", sa.Integer(), nullable=False),
        sa.Column("last_answered_at", UTCDateTime(), nullable=False),
        sa.Column("recent", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["profile_id"], ["profiles.id"],
                                name=op.f("fk_competency_totals_profile_id_profiles")),
        sa.PrimaryKeyConstraint("profile_id", "competency", name=op.f("pk_competency_totals")),
    )
    assert totals is not None
    _backfill(totals)


def _backfill(totals: sa.Table) -> None:
    meta = sa.MetaData()
    sessions = sa.Table("sessions", meta, sa.Column("id", sa.Integer),
                        sa.Column("profile_id", sa.Integer))
    answers = sa.Table("answers", meta, sa.Column("session_id", sa.Integer),
                       sa.Column("competency", sa.String), sa.Column("grade", sa.SmallInteger),
                       sa.Column("answered_at", UTCDateTime()), sa.Column("id", sa.Integer))
    joined = answers.join(sessions, sessions.c.id == answers.c.session_id)
    connection = op.get_bind()
    groups = connection.execute(
        sa.select(sessions.c.profile_id, answers.c.competency, sa.func.count(),
                  sa.func.count(answers.c.grade), sa.func.coalesce(sa.func.sum(answers.c.grade), 0),
                  sa.func.max(answers.c.answered_at))
        .select_from(joined)
        .group_by(sessions.c.profile_id, answers.c.competency)
    ).all()
    for profile_id, competency, count, graded, grade_sum, last in groups:
        recent = connection.execute(
            sa.select(answers.c.answered_at, answers.c.grade)
            .select_from(joined)
            .where(sessions.c.profile_id == profile_id, answers.c.competency == competency,
                   answers.c.grade.is_not(None))
            .order_by(answers.c.answered_at.desc(), answers.c.id.desc())
            .limit(RECENT)
        ).all()
        connection.execute(sa.insert(totals), {
            "profile_id": profile_id, "competency": competency, "answers": count,
            "graded": graded, "grade_sum": int(grade_sum), "last_answered_at": last,
            "recent": [[when.isoformat(), int(grade)] for when, grade in reversed(recent)],
        })


def downgrade() -> None:
    op.drop_table("competency_totals")
