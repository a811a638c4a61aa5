"""Train/test splitting that keeps each class's share the same in both splits."""

import numpy as np


def stratified_split(y, test_frac=0.25, seed=0):
    """(train_idx, test_idx), both sorted; round(test_frac * n_c) rows of class c go to test."""
    rng = np.random.default_rng(seed)
    test = []
    for c in np.unique(y):
        idx = rng.permutation(np.flatnonzero(y == c))
        test.extend(idx[: int(test_frac * len(idx))])
    test_idx = np.sort(np.array(test, dtype=np.int64))
    train_idx = np.setdiff1d(np.arange(len(y)), test_idx)
    return train_idx, test_idx
