"""Prediction and evaluation: every sequence is run from a zero hidden state."""

import numpy as np
from model import forward, mse_loss


def predict(params, x):
    """Outputs (T, n_out) for one sequence started from a zero hidden state."""
    y_pred, _ = forward(params, x, np.zeros(params["W_hh"].shape[0]))
    return y_pred


def evaluate(params, X, Y):
    """Mean of mse_loss over the sequences."""
    return float(np.mean([mse_loss(predict(params, x), y) for x, y in zip(X, Y, strict=True)]))
