import numpy as np


def target_encode_oof(
    categories: np.ndarray, y: np.ndarray, n_folds: int, smoothing: float, rng: np.random.Generator
) -> np.ndarray:
    """Out-of-fold smoothed target encoding: row i never sees its own label."""
    categories = np.asarray(categories)
    y = np.asarray(y, dtype=float)
    n = len(y)
    if not 2 <= n_folds <= n:
        raise ValueError(f"n_folds must be between 2 and {n}, got {n_folds}")
    if smoothing < 0:
        raise ValueError(f"smoothing must be >= 0, got {smoothing}")
    fold = rng.permutation(n) % n_folds  # fold sizes differ by at most one
    _, code = np.unique(categories, return_inverse=True)  # category ids -> 0 .. k-1
    k = code.max() + 1
    # Label sums and row counts per (fold, category), flattened to one bincount each.
    cell = fold * k + code
    sums = np.bincount(cell, weights=y, minlength=n_folds * k).reshape(n_folds, k)
    counts = np.bincount(cell, minlength=n_folds * k).reshape(n_folds, k)
    # Out of fold = everything minus the row's own fold.
    oof_sum = sums.sum(axis=0)[code] - sums[fold, code]
    oof_count = counts.sum(axis=0)[code] - counts[fold, code]
    fold_sum, fold_count = sums.sum(axis=1), counts.sum(axis=1)
    prior = (y.sum() - fold_sum[fold]) / (n - fold_count[fold])  # out-of-fold global mean
    # Shrink the category mean toward the prior: (sum + a * prior) / (count + a). A category
    # with no out-of-fold rows gets the prior (also when a = 0, where the formula is 0 / 0).
    enc = prior.copy()
    seen = oof_count > 0
    enc[seen] = (oof_sum[seen] + smoothing * prior[seen]) / (oof_count[seen] + smoothing)
    return enc
