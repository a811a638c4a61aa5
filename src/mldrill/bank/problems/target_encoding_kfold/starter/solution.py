import numpy as np


def target_encode_oof(
    categories: np.ndarray, y: np.ndarray, n_folds: int, smoothing: float, rng: np.random.Generator
) -> np.ndarray:
    """Out-of-fold smoothed target encoding of a categorical column.

    Returns a float array of shape (n,): row i's encoding, computed only from rows in other
    folds, so it never uses y[i].
    """
    raise NotImplementedError("write target_encode_oof")
