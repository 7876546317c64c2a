"""An answer is stored when it is submitted and graded afterwards, so an
answered question may have no grade yet (it awaits one).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # batch mode: SQLite changes a CHECK constraint only by copying the table.
    with op.batch_alter_table("answers") as batch:
        batch.drop_constraint(op.f("ck_answers_grade_iff_graded"), type_="check")
        batch.create_check_constraint(op.f("ck_answers_grade_only_if_graded"),
                                      "grade IS NULL OR outcome = 'graded'")


def downgrade() -> None:
    # Answers still awaiting a grade cannot satisfy the old rule: they become skipped.
    op.execute("UPDATE answers SET outcome = 'skipped' WHERE outcome = 'graded' "
               "AND grade IS NULL")
    with op.batch_alter_table("answers") as batch:
        batch.drop_constraint(op.f("ck_answers_grade_only_if_graded"), type_="check")
        batch.create_check_constraint(
            op.f("ck_answers_grade_iff_graded"),
            "(outcome = 'graded' AND grade IS NOT NULL) OR (outcome <> 'graded' AND grade IS NULL)")
