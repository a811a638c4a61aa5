"""A learned "covered?" decision: L2-regularised logistic regression over ``features``.

The model is a few dozen weights, so it is fitted here in numpy (full-batch Newton steps,
IRLS, from zero weights: deterministic) rather than by adding scikit-learn as a dependency
for one small linear model. The fitted weights live in ``point_model.json`` next to this
file, one model for semantic grading and one for words only; ``python -m
mldrill.bench.train_point_model`` rebuilds it from the labelled cases.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

MODEL_PATH = Path(__file__).with_name("point_model.json")


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float, iterations: int = 50) -> np.ndarray:
    """Weights (intercept first) minimising the mean log loss plus ``l2`` / 2 times the
    squared norm of the non-intercept weights; ``x`` should be standardised."""
    n, d = x.shape
    a = np.hstack([np.ones((n, 1)), x])
    w = np.zeros(d + 1)
    penalty = np.full(d + 1, l2)
    penalty[0] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-(a @ w)))
        gradient = a.T @ (p - y) / n + penalty * w
        hessian = (a.T * (p * (1 - p))) @ a / n + np.diag(penalty) + 1e-9 * np.eye(d + 1)
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-10:
            break
    return w


def predict(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(w[0] + x @ w[1:])))


@dataclass(frozen=True)
class PointModel:
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]  # on standardised features
    intercept: float
    threshold: float

    def probability(self, values: dict[str, float]) -> float:
        columns = zip(self.features, self.mean, self.scale, self.weights, strict=True)
        z = self.intercept + sum(w * (values[name] - m) / s for name, m, s, w in columns)
        return 1.0 / (1.0 + math.exp(-z))

    def covered(self, values: dict[str, float]) -> bool:
        return self.probability(values) >= self.threshold


@cache
def load_models(path: Path = MODEL_PATH) -> dict[bool, PointModel]:
    """The shipped models, keyed by whether they are for semantic grading."""
    data = json.loads(path.read_text(encoding="utf-8"))
    return {
        m["semantic"]: PointModel(
            tuple(m["features"]),
            tuple(m["mean"]),
            tuple(m["scale"]),
            tuple(m["weights"]),
            m["intercept"],
            m["threshold"],
        )
        for m in data["models"]
    }
