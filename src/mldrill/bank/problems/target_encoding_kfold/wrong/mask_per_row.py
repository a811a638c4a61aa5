import numpy as np


def target_encode_oof(categories, y, n_folds, smoothing, rng):
    categories = np.asarray(categories)
    y = np.asarray(y, dtype=float)
    n = len(y)
    if not 2 <= n_folds <= n:
        raise ValueError("bad n_folds")
    if smoothing < 0:
        raise ValueError("bad smoothing")
    fold = rng.permutation(n) % n_folds
    out = np.empty(n)
    for i in range(n):  # correct, but two full-length masks per row: quadratic
        other = fold != fold[i]
        prior = y[other].mean()
        same = other & (categories == categories[i])
        m = same.sum()
        out[i] = prior if m == 0 else (y[same].sum() + smoothing * prior) / (m + smoothing)
    return out
