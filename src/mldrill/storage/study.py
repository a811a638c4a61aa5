"""Reads and writes answers, spaced-repetition cards, review logs and stories."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from .models import Answer, Card, ReviewLog, Story

STORY_FIELDS = ("title", "situation", "task", "action", "result", "tags")


class StudyStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    # answers
    def add_answer(self, item_id: str, answer: str, result: dict, now: datetime) -> int:
        with Session(self.engine) as session, session.begin():
            row = Answer(item_id=item_id, answer=answer, score=result["score"], result=result,
                         created_at=now, overrides={})  # fmt: skip
            session.add(row)
            session.flush()
            return row.id

    def set_overrides(self, answer_id: int, overrides: dict, self_score: float) -> None:
        with Session(self.engine) as session, session.begin():
            row = session.get(Answer, answer_id)
            if row is None:
                raise KeyError(f"no answer {answer_id}")
            row.overrides = overrides
            row.self_score = self_score

    def answers(self, item_id: str | None = None, limit: int = 50) -> list[Answer]:
        query = select(Answer).order_by(Answer.created_at.desc(), Answer.id.desc())
        if item_id:
            query = query.where(Answer.item_id == item_id)
        with Session(self.engine) as session:
            return list(session.scalars(query.limit(limit)))

    # cards
    def card(self, key: str) -> Card | None:
        with Session(self.engine) as session:
            return session.get(Card, key)

    def cards(self) -> list[Card]:
        with Session(self.engine) as session:
            return list(session.scalars(select(Card)))

    def save_card(self, key: str, state: dict, due: datetime, now: datetime) -> None:
        with Session(self.engine) as session, session.begin():
            row = session.get(Card, key)
            if row is None:
                session.add(Card(key=key, created_at=now, due=due, state=state))
            else:
                row.state, row.due = state, due

    def log_review(self, key: str, rating: int, suggested, score, now: datetime) -> None:
        with Session(self.engine) as session, session.begin():
            session.add(ReviewLog(card_key=key, reviewed_at=now, rating=rating,
                                  suggested=suggested, score=score))  # fmt: skip

    def reviews(self) -> list[ReviewLog]:
        with Session(self.engine) as session:
            return list(session.scalars(select(ReviewLog).order_by(ReviewLog.id)))

    # stories
    def add_story(self, fields: dict, now: datetime) -> int:
        with Session(self.engine) as session, session.begin():
            row = Story(**{k: fields[k] for k in STORY_FIELDS}, created_at=now, updated_at=now)
            session.add(row)
            session.flush()
            return row.id

    def update_story(self, story_id: int, fields: dict, now: datetime) -> None:
        with Session(self.engine) as session, session.begin():
            row = session.get(Story, story_id)
            if row is None:
                raise KeyError(f"no story {story_id}")
            for key, value in fields.items():
                if key in STORY_FIELDS and value is not None:
                    setattr(row, key, value)
            row.updated_at = now

    def stories(self) -> list[Story]:
        with Session(self.engine) as session:
            return list(session.scalars(select(Story).order_by(Story.id)))
