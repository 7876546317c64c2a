"""Sessions keep their target role and level as columns, so the history
screen can filter a hundred thousand sessions in SQL (with an index for
mode, and one for role and level) instead of reading every session's filters.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03

Backfilled from each session's recorded filters (a plan session recorded
before 0006 kept no role or level; it stays NULL).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_BATCH = 2_000


def upgrade() -> None:
    with op.batch_alter_table("sessions") as batch:
        batch.add_column(sa.Column("role", sa.String(100), nullable=True))
        batch.add_column(sa.Column("level", sa.String(100), nullable=True))
    op.create_index("ix_sessions_profile_id_mode_started_at", "sessions",
                    ["profile_id", "mode", "started_at"])
    op.create_index("ix_sessions_profile_id_role_level_started_at", "sessions",
                    ["profile_id", "role", "level", "started_at"])
    _backfill()


def _backfill() -> None:
    sessions = sa.table("sessions", sa.column("id", sa.Integer), sa.column("filters", sa.JSON),
                        sa.column("role", sa.String), sa.column("level", sa.String))
    connection = op.get_bind()
    targets = []
    for session_id, filters in connection.execute(sa.select(sessions.c.id, sessions.c.filters)):
        filters = filters if isinstance(filters, dict) else {}
        role, level = filters.get("role"), filters.get("level")
        if role or level:
            targets.append({"b_id": session_id, "b_role": role, "b_level": level})
    update = (sa.update(sessions).where(sessions.c.id == sa.bindparam("b_id"))
              .values(role=sa.bindparam("b_role"), level=sa.bindparam("b_level")))
    for first in range(0, len(targets), _BATCH):
        connection.execute(update, targets[first:first + _BATCH])


def downgrade() -> None:
    op.drop_index("ix_sessions_profile_id_role_level_started_at", table_name="sessions")
    op.drop_index("ix_sessions_profile_id_mode_started_at", table_name="sessions")
    with op.batch_alter_table("sessions") as batch:
        batch.drop_column("level")
        batch.drop_column("role")
