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
    _, code = np.unique(categories, return_inverse=True)
    k = code.max() + 1
    cell = fold * k + code
    sums = np.bincount(cell, weights=y, minlength=n_folds * k).reshape(n_folds, k)
    counts = np.bincount(cell, minlength=n_folds * k).reshape(n_folds, k)
    oof_sum = sums.sum(axis=0)[code] - sums[fold, code]
    oof_count = counts.sum(axis=0)[code] - counts[fold, code]
    prior = np.full(n, y.mean())  # global mean over all rows: includes the row's own label
    enc = prior.copy()
    seen = oof_count > 0
    enc[seen] = (oof_sum[seen] + smoothing * prior[seen]) / (oof_count[seen] + smoothing)
    return enc
