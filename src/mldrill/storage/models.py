"""Database tables (SQLAlchemy 2). Schema changes go through Alembic migrations."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, Float, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Attempt(Base):
    """One run of a candidate's code: public tests, a submission, or a non-interactive grade."""

    __tablename__ = "attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    problem_id: Mapped[str] = mapped_column(String(100), index=True)
    mode: Mapped[str] = mapped_column(String(20))  # test | submit | grade
    status: Mapped[str] = mapped_column(String(20))
    score: Mapped[float] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    elapsed_ms: Mapped[float] = mapped_column(Float)
    code: Mapped[dict] = mapped_column(JSON)  # file name -> text, as submitted
    result: Mapped[dict] = mapped_column(JSON)  # the result document (docs/results.md)


class Answer(Base):
    """A typed answer to a theory or design question, graded against its rubric."""

    __tablename__ = "answers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    item_id: Mapped[str] = mapped_column(String(100), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    answer: Mapped[str] = mapped_column(Text)
    score: Mapped[float] = mapped_column(Float)  # the automatic score
    result: Mapped[dict] = mapped_column(JSON)  # the rubric result document
    # Practice mode: the candidate's own verdict per point, kept beside the automatic one.
    overrides: Mapped[dict] = mapped_column(JSON, default=dict)
    self_score: Mapped[float | None] = mapped_column(Float, nullable=True)


class Card(Base):
    """A spaced-repetition card: a theory item, or a coding problem that was failed."""

    __tablename__ = "cards"

    key: Mapped[str] = mapped_column(String(120), primary_key=True)  # "theory:ID", "problem:ID"
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    due: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    state: Mapped[dict] = mapped_column(JSON)  # fsrs.Card.to_dict()


class ReviewLog(Base):
    __tablename__ = "review_logs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    card_key: Mapped[str] = mapped_column(String(120), index=True)
    reviewed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    rating: Mapped[int] = mapped_column(Integer)  # 1 Again, 2 Hard, 3 Good, 4 Easy
    suggested: Mapped[int | None] = mapped_column(Integer, nullable=True)
    score: Mapped[float | None] = mapped_column(Float, nullable=True)


class Story(Base):
    """A behavioural story in STAR form, tagged with the competencies it shows."""

    __tablename__ = "stories"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    situation: Mapped[str] = mapped_column(Text)
    task: Mapped[str] = mapped_column(Text)
    action: Mapped[str] = mapped_column(Text)
    result: Mapped[str] = mapped_column(Text)
    tags: Mapped[list] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class MockSession(Base):
    """A timed mock interview: a format's rounds, taken in order, in practice or strict mode."""

    __tablename__ = "mock_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    format_id: Mapped[str] = mapped_column(String(100))
    mode: Mapped[str] = mapped_column(String(20))  # practice | strict
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # Practice mode only: when the current pause began (None when running).
    paused_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class MockRound(Base):
    """One round of a mock interview. Timer state is timestamps, so it survives a restart."""

    __tablename__ = "mock_rounds"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(Integer, index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(20))  # a round kind (session/formats.py)
    item_id: Mapped[str] = mapped_column(String(100))
    minutes: Mapped[float] = mapped_column(Float)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    paused_seconds: Mapped[float] = mapped_column(Float, default=0.0)
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    auto_submitted: Mapped[bool] = mapped_column(Boolean, default=False)
    hints_used: Mapped[int] = mapped_column(Integer, default=0)
    draft: Mapped[dict] = mapped_column(JSON, default=dict)  # {"files": {...}} or {"text": ...}
    score: Mapped[float | None] = mapped_column(Float, nullable=True)
    result: Mapped[dict | None] = mapped_column(JSON, nullable=True)


class Rating(Base):
    """Elo ratings: the user's per topic (``topic:...``) and each item's (``item:...``)."""

    __tablename__ = "ratings"

    key: Mapped[str] = mapped_column(String(140), primary_key=True)
    rating: Mapped[float] = mapped_column(Float)
    games: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
