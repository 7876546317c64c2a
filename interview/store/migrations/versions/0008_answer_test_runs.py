"""Answers keep the test run of a coding answer: which tests passed, what the
compiler or program said, and how long it took, as JSON beside the code.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04

Existing answers (none of them coding answers) get NULL.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("answers") as batch:
        batch.add_column(sa.Column("test_run", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("answers") as batch:
        batch.drop_column("test_run")
