"""Per-feature standardisation: z = (x - mean) / std."""

import numpy as np


def fit_scaler(X, eps=1e-12):
    """Column means and standard deviations of X; a column with std <= eps gets scale 1."""
    mean = X.mean(axis=0)
    std = X.std(axis=0)
    scale = np.where(std > eps, std, 1.0)
    return mean, scale


def transform(X, mean, scale):
    return (X - mean) / scale


def inverse_transform(Z, mean, scale):
    return Z * scale + mean
