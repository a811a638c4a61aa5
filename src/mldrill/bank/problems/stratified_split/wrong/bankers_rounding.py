import numpy as np


def stratified_split(y, test_size, rng):
    if not 0.0 < test_size < 1.0:
        raise ValueError("test_size must be in (0, 1)")
    y = np.asarray(y)
    train, test = [], []
    for c in np.unique(y):
        idx = np.flatnonzero(y == c)
        n_test = int(np.round(test_size * len(idx)))  # rounds half to even: 2.5 -> 2
        perm = rng.permutation(idx)
        test.append(perm[:n_test])
        train.append(perm[n_test:])
    empty = [np.empty(0, dtype=np.int64)]
    return np.sort(np.concatenate(train + empty)), np.sort(np.concatenate(test + empty))
