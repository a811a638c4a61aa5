"""Metrics and the whole experiment."""

import numpy as np
from data import make_table
from model import fit_logistic, predict
from pipeline import prepare


def accuracy(y_true, y_pred):
    return float(np.mean(y_true == y_pred))


def run_experiment(seed=0):
    """Build the table, prepare it, fit logistic regression; report both accuracies."""
    X, y = make_table(seed=seed)
    data = prepare(X, y, seed=seed)
    w, b = fit_logistic(data["X_train"], data["y_train"])
    return {
        "features": data["features"],
        "train_accuracy": accuracy(data["y_train"], predict(w, b, data["X_train"])),
        "test_accuracy": accuracy(data["y_test"], predict(w, b, data["X_test"])),
        "weights": w,
    }
