"""Database tables (SQLAlchemy 2). Schema changes go through Alembic migrations."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, DateTime, Float, Integer, String
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
