import math

import numpy as np


def stratified_split(y, test_size, rng):
    if not 0.0 < test_size < 1.0:
        raise ValueError("test_size must be in (0, 1)")
    y = np.asarray(y)
    # not stratified: one shuffle of all rows, so class shares in test drift
    perm = rng.permutation(len(y))
    n_test = math.floor(test_size * len(y) + 0.5)
    return np.sort(perm[n_test:]), np.sort(perm[:n_test])
