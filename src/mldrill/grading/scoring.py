"""Scores 0-100 per dimension and overall, from test events and readability."""

from __future__ import annotations

from ..bank.schema import Weights
from ..judge.outcomes import Outcome, TestEvent


def dimension_scores(events: list[TestEvent], readability: float | None) -> dict[str, float]:
    """Weighted share of passed tests per dimension; readability when it was measured."""
    totals: dict[str, float] = {}
    passed: dict[str, float] = {}
    for event in events:
        totals[event.dimension] = totals.get(event.dimension, 0.0) + event.weight
        if event.status is Outcome.PASS:
            passed[event.dimension] = passed.get(event.dimension, 0.0) + event.weight
    scores = {d: round(100.0 * passed.get(d, 0.0) / t, 1) for d, t in totals.items() if t > 0}
    if readability is not None:
        scores["readability"] = round(readability, 1)
    return scores


def overall_score(scores: dict[str, float], weights: Weights, any_passed: bool = True) -> float:
    """Weighted mean over the dimensions present, weights renormalised to sum to 1.

    Readability alone earns nothing: with no test passed the overall score is 0.
    """
    if not any_passed:
        return 0.0
    table = weights.model_dump()
    used = {d: table.get(d, 0.0) for d in scores}
    total = sum(used.values())
    if total <= 0:
        return 0.0
    return round(sum(scores[d] * w for d, w in used.items()) / total, 1)
