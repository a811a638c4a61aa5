import numpy as np


def target_encode_oof(categories, y, n_folds, smoothing, rng):
    categories = np.asarray(categories)
    y = np.asarray(y, dtype=float)
    n = len(y)
    if not 2 <= n_folds <= n:
        raise ValueError("bad n_folds")
    if smoothing < 0:
        raise ValueError("bad smoothing")
    rng.permutation(n)  # folds drawn, then never used
    # leakage: category statistics over all rows, the row's own label included
    _, code = np.unique(categories, return_inverse=True)
    sums = np.bincount(code, weights=y)
    counts = np.bincount(code)
    prior = y.mean()
    return (sums[code] + smoothing * prior) / (counts[code] + smoothing)
