"""Adaptive choice of questions: Elo ratings for the user per topic and for each item.

Every graded answer is a "game" between the user (rated per topic) and an item. The expected
score is the Elo logistic curve; the actual score is the grade in [0, 1]. The user's rating
on each of the item's topics moves towards the result, and the item's moves the other way, so
an item that most people fail drifts up. A new item starts from its declared difficulty.

K shrinks as a rating gathers games (40 for a new rating, 16 after about 30 games), so early
results move fast and settled ratings are stable. This is the simplest model that gives both
numbers a meaning on one scale; with one user a full IRT fit has too little data to beat it.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass

START = 1500.0
PRIOR = {"easy": 1300.0, "medium": 1500.0, "hard": 1700.0}
SCALE = 400.0
K_NEW, K_SETTLED, K_GAMES = 40.0, 16.0, 30


@dataclass
class Rated:
    rating: float
    games: int = 0


@dataclass(frozen=True)
class Candidate:
    """An item a round could ask: its id, topics and declared difficulty."""

    id: str
    topics: tuple[str, ...]
    difficulty: str
    key: str = ""  # the item's rating key ("problem:ID", "question:ID"); default: the id

    @property
    def rating_key(self) -> str:
        return self.key or self.id


def expected(user: float, item: float) -> float:
    """Probability-like expected score of a user against an item (Elo)."""
    return 1.0 / (1.0 + 10 ** ((item - user) / SCALE))


def k_factor(games: int) -> float:
    share = min(games, K_GAMES) / K_GAMES
    return K_NEW + (K_SETTLED - K_NEW) * share


def area(topic: str) -> str:
    return topic.split("/")[0]


def rating_keys(topics: Iterable[str]) -> list[str]:
    """The user's ratings an item touches: each tag and its area, once each."""
    keys: list[str] = []
    for topic in topics:
        for key in (topic, area(topic)):
            if key not in keys:
                keys.append(key)
    return keys


def update(user: dict[str, Rated], item: Rated, topics: Iterable[str], score: float) -> float:
    """Apply one graded answer (``score`` in [0, 1]) in place; returns the expected score."""
    keys = rating_keys(topics)
    for key in keys:
        user.setdefault(key, Rated(START))
    level = sum(user[k].rating for k in keys) / len(keys)
    exp = expected(level, item.rating)
    for key in keys:
        user[key].rating += k_factor(user[key].games) * (score - exp)
        user[key].games += 1
    item.rating -= k_factor(item.games) * (score - exp)
    item.games += 1
    return exp


def level(user: dict[str, Rated], topics: Iterable[str]) -> float:
    keys = rating_keys(topics)
    return sum(user.get(k, Rated(START)).rating for k in keys) / max(len(keys), 1)


def choose(
    candidates: list[Candidate],
    user: dict[str, Rated],
    items: dict[str, Rated],
    seen: set[str],
    rng: random.Random,
) -> Candidate:
    """Unseen first; then the weakest topic; then the item closest to the user's level there.

    Weakness is compared in steps of 25 rating points, so small differences do not keep
    picking one topic; the random generator only breaks exact ties.
    """
    if not candidates:
        raise ValueError("no candidates to choose from")

    def key(c: Candidate) -> tuple:
        weakest = min(
            (user.get(k, Rated(START)).rating for k in rating_keys(c.topics)), default=START
        )
        difficulty = items[c.rating_key].rating if c.rating_key in items else PRIOR[c.difficulty]
        gap = abs(difficulty - level(user, c.topics))
        return (c.id in seen, round(weakest / 25), round(gap / 25), rng.random())

    return min(candidates, key=key)
