"""Rating-prediction metrics."""

import numpy as np


def rmse(pred, true):
    """Root mean squared error."""
    return float(np.mean((pred - true) ** 2))


def mae(pred, true):
    """Mean absolute error."""
    return float(np.mean(np.abs(pred - true)))
