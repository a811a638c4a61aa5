"""The user's Elo ratings per topic and each item's, kept in the database (see adaptive.py)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from datetime import datetime

from . import adaptive

USER, ITEM = "topic:", "item:"


class Ratings:
    def __init__(self, store_factory: Callable, clock: Callable[[], datetime]) -> None:
        self._store_factory = store_factory
        self.clock = clock
        self._lock = threading.Lock()  # a read-modify-write per graded answer

    @property
    def store(self):
        return self._store_factory()

    def user(self) -> dict[str, adaptive.Rated]:
        stored = self.store.ratings(USER)
        return {k[len(USER) :]: adaptive.Rated(r, g) for k, (r, g) in stored.items()}

    def items(self) -> dict[str, adaptive.Rated]:
        stored = self.store.ratings(ITEM)
        return {k[len(ITEM) :]: adaptive.Rated(r, g) for k, (r, g) in stored.items()}

    def record(self, item_key: str, topics: Iterable[str], difficulty: str, score: float) -> None:
        """One graded answer (``score`` 0-100) against an item (``problem:ID``, ``question:ID``)."""
        topics = list(topics)
        if not topics:
            return  # behavioural answers have no topic to rate
        with self._lock:
            self._record(item_key, topics, difficulty, score)

    def _record(self, item_key: str, topics: list[str], difficulty: str, score: float) -> None:
        user = self.user()
        keys = adaptive.rating_keys(topics)
        mine = {k: user.get(k, adaptive.Rated(adaptive.START)) for k in keys}
        item = self.items().get(item_key, adaptive.Rated(adaptive.PRIOR[difficulty]))
        adaptive.update(mine, item, topics, max(0.0, min(score / 100.0, 1.0)))
        values = {USER + k: (v.rating, v.games) for k, v in mine.items()}
        values[ITEM + item_key] = (item.rating, item.games)
        self.store.save_ratings(values, self.clock())

    def weakest_topics(self, n: int = 3) -> list[str]:
        """Areas and subtopics with a rating below the start, lowest first."""
        user = self.user()
        weak = sorted((r.rating, k) for k, r in user.items() if r.rating < adaptive.START - 1)
        return [f"{k} ({r:.0f})" for r, k in weak[:n]]
