"""Spaced repetition with FSRS (the ``fsrs`` package). Pure functions; the clock is passed in."""

from __future__ import annotations

from datetime import datetime

import fsrs

# No fuzzing: the same reviews at the same times always give the same schedule.
_SCHEDULER = fsrs.Scheduler(enable_fuzzing=False)


def new_card(now: datetime) -> dict:
    """A card due ``now``, as a plain dict (fsrs.Card.to_dict)."""
    return fsrs.Card(card_id=1, due=now).to_dict()


def review(state: dict, rating: int, now: datetime) -> tuple[dict, datetime]:
    """The card after a review with ``rating`` (1 Again .. 4 Easy) at ``now``, and its due date."""
    card, _ = _SCHEDULER.review_card(fsrs.Card.from_dict(state), fsrs.Rating(rating), now)
    return card.to_dict(), card.due


def suggest_rating(score: float) -> int:
    """The grader's suggestion from a 0-100 score: Again < 50 <= Hard < 75 <= Good < 95 <= Easy."""
    if score < 50:
        return int(fsrs.Rating.Again)
    if score < 75:
        return int(fsrs.Rating.Hard)
    if score < 95:
        return int(fsrs.Rating.Good)
    return int(fsrs.Rating.Easy)


RATING_NAMES = {1: "again", 2: "hard", 3: "good", 4: "easy"}
