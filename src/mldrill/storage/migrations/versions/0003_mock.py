"""mock interview sessions and rounds, Elo ratings

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mock_sessions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("format_id", sa.String(100), nullable=False),
        sa.Column("mode", sa.String(20), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("paused_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_mock_sessions_created_at", "mock_sessions", ["created_at"])
    op.create_table(
        "mock_rounds",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("session_id", sa.Integer, nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("item_id", sa.String(100), nullable=False),
        sa.Column("minutes", sa.Float, nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("paused_seconds", sa.Float, nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("auto_submitted", sa.Boolean, nullable=False),
        sa.Column("hints_used", sa.Integer, nullable=False),
        sa.Column("draft", sa.JSON, nullable=False),
        sa.Column("score", sa.Float, nullable=True),
        sa.Column("result", sa.JSON, nullable=True),
    )
    op.create_index("ix_mock_rounds_session_id", "mock_rounds", ["session_id"])
    op.create_table(
        "ratings",
        sa.Column("key", sa.String(140), primary_key=True),
        sa.Column("rating", sa.Float, nullable=False),
        sa.Column("games", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("ratings")
    op.drop_index("ix_mock_rounds_session_id", "mock_rounds")
    op.drop_table("mock_rounds")
    op.drop_index("ix_mock_sessions_created_at", "mock_sessions")
    op.drop_table("mock_sessions")
