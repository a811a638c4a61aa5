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
    fold_sum, fold_count = sums.sum(axis=1), counts.sum(axis=1)
    prior = (y.sum() - fold_sum[fold]) / (n - fold_count[fold])
    # no special case: with smoothing 0 an unseen category is 0 / 0 = nan
    with np.errstate(invalid="ignore", divide="ignore"):
        return (oof_sum + smoothing * prior) / (oof_count + smoothing)
