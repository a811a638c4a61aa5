"""Synthetic clustering data whose features live on very different scales."""

import numpy as np

# Three groups, separated in the first two features (think two test scores). The third
# feature is recorded in much larger units and carries no group structure at all (think an
# account balance in cents): left unscaled, it would swamp every distance.
CENTERS = np.array([[0.0, 0.0], [6.0, 0.0], [3.0, 5.0]])
NOISE_SCALE = 2000.0


def make_dataset(n_per_cluster=100, seed=0):
    """X of shape (3 * n_per_cluster, 3) and each row's true group, rows in random order."""
    rng = np.random.default_rng(seed)
    y = np.repeat(np.arange(len(CENTERS)), n_per_cluster)
    informative = CENTERS[y] + rng.normal(size=(len(y), 2))
    noise = rng.normal(scale=NOISE_SCALE, size=(len(y), 1))
    X = np.hstack([informative, noise])
    perm = rng.permutation(len(y))
    return X[perm], y[perm]
