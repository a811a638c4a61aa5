"""Fits the learned "covered?" decision (``grading/rubric/learned.py``) and writes
``point_model.json``: ``python -m mldrill.bench.train_point_model [--words-only] [--check]``.

Training data: the dev cases, the held-out cases of half "a" and the extra training cases
(``rubric_train_extra.toml``). Half "b" is never read here; it stays the honest test set.
The L2 strength and the decision threshold are chosen by cross-validation with folds grouped
by item (an item's cases are all in one fold), as the pair with the best pooled out-of-fold
F1. The output is deterministic: same cases, same file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

from ..bank.questions import builtin_questions
from ..grading.rubric import features
from ..grading.rubric.grader import answer_features
from ..grading.rubric.learned import MODEL_PATH, fit_logistic, predict
from .rubric_bench import CASE_SETS, TRAINING_SETS, load_cases

FOLDS = 5
L2_GRID = (1e-4, 1e-3, 3e-3, 1e-2, 3e-2, 0.1, 0.3)
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.20, 0.81, 0.01))
TRAINING = (
    "dev (rubric_cases.toml), held-out half a (rubric_heldout.toml) and rubric_train_extra.toml;"
    " never held-out half b"
)


def training_cases() -> list[dict]:
    """The cases of ``TRAINING_SETS``, each marked with the name of its set."""
    return [
        {**c, "source": name}
        for name in TRAINING_SETS
        for path, half in CASE_SETS[name]
        for c in load_cases(path, half)
    ]


def fold(item_id: str) -> int:
    return int(hashlib.sha256(item_id.encode()).hexdigest(), 16) % FOLDS


def table(cases: list[dict], embedder) -> tuple[np.ndarray, tuple[str, ...], np.ndarray]:
    """One row of features per case, for the point it labels; and whether its evidence
    states a misconception."""
    bank = builtin_questions()
    names = features.names(embedder is not None)
    rows, wrong = [], []
    for case in cases:
        item = bank.item(case["item"])
        index = next(i for i, p in enumerate(item.points) if p.id == case["point"])
        values = answer_features(item, case["answer"], embedder)[index]
        rows.append([values[n] for n in names])
        wrong.append(values["misconception_evidence"] > 0)
    return np.array(rows, float), names, np.array(wrong, bool)


def f1(predicted: np.ndarray, actual: np.ndarray) -> tuple[float, float, float]:
    tp = float(np.sum(predicted & actual))
    precision = tp / max(float(predicted.sum()), 1.0)
    recall = tp / max(float(actual.sum()), 1.0)
    return precision, recall, 2 * precision * recall / (precision + recall) if tp else 0.0


def decidable(x: np.ndarray, names: tuple[str, ...], misconception: np.ndarray) -> np.ndarray:
    """Cases the model decides: some concept named (else missed) and no misconception in the
    evidence (else at most partial), as in ``grade_answer``."""
    return (x[:, names.index("found_fraction")] > 0) & ~misconception


def standardise(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    return mean, np.where(scale > 1e-9, scale, 1.0)


def cross_validate(x, y, groups, mask) -> dict:
    """Out-of-fold probabilities for every L2 strength; the best (l2, threshold) by F1."""
    best = None
    for l2 in L2_GRID:
        oof = np.zeros(len(y))
        for k in range(FOLDS):
            train, test = (groups != k) & mask, (groups == k) & mask
            mean, scale = standardise(x[train])
            w = fit_logistic((x[train] - mean) / scale, y[train], l2)
            oof[test] = predict(w, (x[test] - mean) / scale)
        for t in THRESHOLDS:
            p, r, score = f1(mask & (oof >= t), y.astype(bool))
            key = (round(score, 4), l2, -abs(t - 0.5))
            if best is None or key > best["key"]:
                best = {"key": key, "l2": l2, "threshold": t, "oof": oof.copy(),
                        "precision": p, "recall": r, "f1": score}  # fmt: skip
    return best


def train(embedder, cases: list[dict]) -> dict:
    x, names, wrong = table(cases, embedder)
    y = np.array([float(c["covered"]) for c in cases])
    groups = np.array([fold(c["item"]) for c in cases])
    mask = decidable(x, names, wrong)
    best = cross_validate(x, y, groups, mask)
    mean, scale = standardise(x[mask])
    w = fit_logistic((x[mask] - mean) / scale, y[mask], best["l2"])
    source = np.array([c["source"] for c in cases])
    cv = {}
    for name in ("dev", "heldout-a"):
        keep = source == name
        predicted = mask[keep] & (best["oof"][keep] >= best["threshold"])
        cv[name] = [round(v, 3) for v in f1(predicted, y[keep].astype(bool))]
    return {
        "semantic": embedder is not None,
        "features": list(names),
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "weights": [round(float(v), 6) for v in w[1:]],
        "intercept": round(float(w[0]), 6),
        "threshold": best["threshold"],
        "l2": best["l2"],
        "cross_validation": {
            "folds": f"{FOLDS}, grouped by item (sha256 of the item id mod {FOLDS})",
            "precision_recall_f1": [round(best[k], 3) for k in ("precision", "recall", "f1")],
            "by_source": cv,
        },
        "cases": {"all": len(cases), "decided": int(mask.sum())},
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--words-only", action="store_true", help="skip the semantic model")
    args = parser.parse_args(argv)
    cases = training_cases()
    embedders = [None]
    if not args.words_only:
        from ..grading.rubric.embedding import default_embedder

        embedders.append(default_embedder())
    models = [train(e, cases) for e in embedders]
    data = {
        "about": "Learned covered-or-not decision per rubric point: logistic regression on "
        "standardised features (value - mean) / scale; covered when the probability is at "
        "least the threshold. Rebuild: python -m mldrill.bench.train_point_model",
        "training": TRAINING,
        "models": models,
    }
    if args.words_only and args.out.is_file():  # keep the semantic model already there
        old = json.loads(args.out.read_text(encoding="utf-8"))["models"]
        data["models"] += [m for m in old if m["semantic"]]
    data["models"].sort(key=lambda m: m["semantic"])
    args.out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    for m in data["models"]:
        print(f"semantic={m['semantic']} l2={m['l2']} threshold={m['threshold']} "
              f"cv={m['cross_validation']}", file=sys.stderr)  # fmt: skip


if __name__ == "__main__":
    main()
