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
        test.append(rng.permutation(idx)[:n_test])
    test_idx = np.sort(np.concatenate(test + [np.empty(0, dtype=np.int64)]))
    # correct, but `in` scans the whole test array once per row: quadratic
    train_idx = np.array([i for i in range(len(y)) if i not in test_idx], dtype=np.int64)
    return train_idx, test_idx
