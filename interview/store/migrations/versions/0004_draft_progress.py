"""Drafts keep the hints revealed and the seconds used, so a resumed question
continues with its hints and clock instead of starting afresh.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # batch mode: SQLite cannot add NOT NULL columns in place on every version.
    with op.batch_alter_table("drafts") as batch:
        batch.add_column(sa.Column("hints_shown", sa.Integer(), nullable=False,
                                   server_default="0"))
        batch.add_column(sa.Column("seconds_used", sa.Float(), nullable=False,
                                   server_default="0"))


def downgrade() -> None:
    with op.batch_alter_table("drafts") as batch:
        batch.drop_column("seconds_used")
        batch.drop_column("hints_shown")
