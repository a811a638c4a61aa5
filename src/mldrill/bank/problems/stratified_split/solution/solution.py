import math

import numpy as np


def stratified_split(y: np.ndarray, test_size: float, rng: np.random.Generator):
    """Stratified train/test split: returns (train_idx, test_idx), each sorted ascending."""
    if not 0.0 < test_size < 1.0:
        raise ValueError(f"test_size must be strictly between 0 and 1, got {test_size}")
    y = np.asarray(y)
    train, test = [], []
    for c in np.unique(y):  # classes in ascending order: fixes the order of the rng draws
        idx = np.flatnonzero(y == c)  # this class's rows, ascending
        # Round half up: each class keeps its share of the test set.
        n_test = math.floor(test_size * len(idx) + 0.5)
        perm = rng.permutation(idx)
        test.append(perm[:n_test])
        train.append(perm[n_test:])
    empty = [np.empty(0, dtype=np.int64)]  # keeps the dtype when a side gets no rows
    train_idx = np.sort(np.concatenate(train + empty)).astype(np.int64)
    test_idx = np.sort(np.concatenate(test + empty)).astype(np.int64)
    return train_idx, test_idx
