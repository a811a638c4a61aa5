"""Reads and writes mock interview sessions, their rounds and the Elo ratings."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from .models import MockRound, MockSession, Rating


def aware(moment: datetime | None) -> datetime | None:
    """SQLite returns naive datetimes; every time mldrill stores is UTC."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


class MockStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def create(self, format_id: str, mode: str, rounds: list[dict], now: datetime) -> int:
        with Session(self.engine) as session, session.begin():
            row = MockSession(format_id=format_id, mode=mode, created_at=now)
            session.add(row)
            session.flush()
            for position, spec in enumerate(rounds):
                session.add(
                    MockRound(session_id=row.id, position=position, paused_seconds=0.0,
                              auto_submitted=False, hints_used=0, draft={}, **spec)
                )  # fmt: skip
            return row.id

    def session(self, session_id: int) -> MockSession | None:
        with Session(self.engine) as session:
            return session.get(MockSession, session_id)

    def sessions(self, limit: int = 50) -> list[MockSession]:
        query = select(MockSession).order_by(MockSession.id.desc()).limit(limit)
        with Session(self.engine) as session:
            return list(session.scalars(query))

    def rounds(self, session_id: int) -> list[MockRound]:
        query = select(MockRound).where(MockRound.session_id == session_id)
        with Session(self.engine) as session:
            return list(session.scalars(query.order_by(MockRound.position)))

    def round(self, round_id: int) -> MockRound | None:
        with Session(self.engine) as session:
            return session.get(MockRound, round_id)

    def update_round(self, round_id: int, **fields) -> None:
        with Session(self.engine) as session, session.begin():
            row = session.get(MockRound, round_id)
            for name, value in fields.items():
                setattr(row, name, value)

    def update_session(self, session_id: int, **fields) -> None:
        with Session(self.engine) as session, session.begin():
            row = session.get(MockSession, session_id)
            for name, value in fields.items():
                setattr(row, name, value)

    # ratings
    def ratings(self, prefix: str = "") -> dict[str, tuple[float, int]]:
        query = select(Rating)
        if prefix:
            query = query.where(Rating.key.startswith(prefix))
        with Session(self.engine) as session:
            return {r.key: (r.rating, r.games) for r in session.scalars(query)}

    def save_ratings(self, values: dict[str, tuple[float, int]], now: datetime) -> None:
        with Session(self.engine) as session, session.begin():
            rows = session.scalars(select(Rating).where(Rating.key.in_(list(values))))
            existing = {row.key: row for row in rows}
            for key, (rating, games) in values.items():
                row = existing.get(key)
                if row is None:
                    session.add(Rating(key=key, rating=rating, games=games, updated_at=now))
                else:
                    row.rating, row.games, row.updated_at = rating, games, now
