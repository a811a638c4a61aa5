import numpy as np


def target_encode_oof(categories, y, n_folds, smoothing, rng):
    categories = np.asarray(categories)
    y = np.asarray(y, dtype=float)
    n = len(y)
    if not 2 <= n_folds <= n:
        raise ValueError("bad n_folds")
    if smoothing < 0:
        raise ValueError("bad smoothing")
    fold = rng.integers(0, n_folds, size=n)  # not the specified fold assignment
    out = np.empty(n)
    for f in range(n_folds):
        inside = fold == f
        if not inside.any():
            continue
        outside = ~inside
        prior = y[outside].mean()
        for c in np.unique(categories[inside]):
            rows = inside & (categories == c)
            same = outside & (categories == c)
            m = same.sum()
            out[rows] = prior if m == 0 else (y[same].sum() + smoothing * prior) / (m + smoothing)
    return out
