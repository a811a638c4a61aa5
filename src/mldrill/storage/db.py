"""Where the database lives, and bringing its schema up to date with Alembic."""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine, event, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from .models import Attempt

MIGRATIONS = Path(__file__).parent / "migrations"


def default_url() -> str:
    """``MLDRILL_DB`` if set, else SQLite in the user data folder."""
    if os.environ.get("MLDRILL_DB"):
        return os.environ["MLDRILL_DB"]
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("mldrill", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'mldrill.db'}"


def migrate(engine: Engine) -> None:
    """Upgrade the schema to the newest migration (a no-op when it is current)."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """Write-ahead logging: readers do not block the writer, and a commit is an append rather
    than a rewrite plus two fsyncs. ``synchronous=NORMAL`` is the setting SQLite documents
    for WAL: a power cut may lose the last commits, never corrupt the file."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


class Store:
    """Reads and writes attempts."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url or default_url()
        self.engine = create_engine(self.url)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        migrate(self.engine)

    def add_attempt(
        self, problem_id: str, mode: str, code: dict[str, str], result: dict, now: datetime
    ) -> int:
        attempt = Attempt(
            problem_id=problem_id,
            mode=mode,
            status=result["status"],
            score=result["score"],
            created_at=now,
            elapsed_ms=result["elapsed_ms"],
            code=code,
            result=result,
        )
        with Session(self.engine) as session, session.begin():
            session.add(attempt)
            session.flush()
            return attempt.id

    def attempts(self, problem_id: str | None = None, limit: int = 50) -> list[Attempt]:
        query = select(Attempt).order_by(Attempt.created_at.desc(), Attempt.id.desc())
        if problem_id:
            query = query.where(Attempt.problem_id == problem_id)
        with Session(self.engine) as session:
            return list(session.scalars(query.limit(limit)))

    def best_scores(self) -> dict[str, tuple[float, str]]:
        """Per problem, the best submitted score and its status."""
        best: dict[str, tuple[float, str]] = {}
        query = select(Attempt).where(Attempt.mode.in_(["submit", "grade"]))
        with Session(self.engine) as session:
            for attempt in session.scalars(query):
                if attempt.problem_id not in best or attempt.score > best[attempt.problem_id][0]:
                    best[attempt.problem_id] = (attempt.score, attempt.status)
        return best
