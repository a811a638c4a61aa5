"""Vector normalisation."""

import numpy as np


def l2_normalize(X, eps=1e-12):
    """Each row divided by its L2 norm; an all-zero row stays all zeros."""
    norms = np.linalg.norm(X, axis=1, keepdims=True)
    return X / norms
