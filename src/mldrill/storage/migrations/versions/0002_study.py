"""answers, spaced-repetition cards, review logs, stories

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "answers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("item_id", sa.String(100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answer", sa.Text, nullable=False),
        sa.Column("score", sa.Float, nullable=False),
        sa.Column("result", sa.JSON, nullable=False),
        sa.Column("overrides", sa.JSON, nullable=False),
        sa.Column("self_score", sa.Float, nullable=True),
    )
    op.create_index("ix_answers_item_id", "answers", ["item_id"])
    op.create_index("ix_answers_created_at", "answers", ["created_at"])
    op.create_table(
        "cards",
        sa.Column("key", sa.String(120), primary_key=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("due", sa.DateTime(timezone=True), nullable=False),
        sa.Column("state", sa.JSON, nullable=False),
    )
    op.create_index("ix_cards_due", "cards", ["due"])
    op.create_table(
        "review_logs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("card_key", sa.String(120), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("rating", sa.Integer, nullable=False),
        sa.Column("suggested", sa.Integer, nullable=True),
        sa.Column("score", sa.Float, nullable=True),
    )
    op.create_index("ix_review_logs_card_key", "review_logs", ["card_key"])
    op.create_table(
        "stories",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.String(200), nullable=False),
        sa.Column("situation", sa.Text, nullable=False),
        sa.Column("task", sa.Text, nullable=False),
        sa.Column("action", sa.Text, nullable=False),
        sa.Column("result", sa.Text, nullable=False),
        sa.Column("tags", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("stories")
    op.drop_index("ix_review_logs_card_key", "review_logs")
    op.drop_table("review_logs")
    op.drop_index("ix_cards_due", "cards")
    op.drop_table("cards")
    op.drop_index("ix_answers_created_at", "answers")
    op.drop_index("ix_answers_item_id", "answers")
    op.drop_table("answers")
