"""attempts table

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "attempts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("problem_id", sa.String(100), nullable=False),
        sa.Column("mode", sa.String(20), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("elapsed_ms", sa.Float, nullable=False),
        sa.Column("code", sa.JSON, nullable=False),
        sa.Column("result", sa.JSON, nullable=False),
    )
    op.create_index("ix_attempts_problem_id", "attempts", ["problem_id"])
    op.create_index("ix_attempts_created_at", "attempts", ["created_at"])


def downgrade() -> None:
    op.drop_index("ix_attempts_created_at", "attempts")
    op.drop_index("ix_attempts_problem_id", "attempts")
    op.drop_table("attempts")
