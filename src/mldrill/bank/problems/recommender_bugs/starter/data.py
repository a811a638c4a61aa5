"""Synthetic ratings from a low-rank model, and a random train/test split of them."""

import numpy as np

N_USERS, N_ITEMS = 60, 40


def make_ratings(n_users=N_USERS, n_items=N_ITEMS, rank=3, density=0.5, noise=0.1, seed=0):
    """Observed ratings r = 3 + p_u . q_i + noise for a random subset of (user, item) pairs.

    Returns three arrays of equal length: user ids, item ids (both int) and ratings (float).
    """
    rng = np.random.default_rng(seed)
    P = rng.normal(scale=0.8, size=(n_users, rank))
    Q = rng.normal(scale=0.8, size=(n_items, rank))
    users, items = np.nonzero(rng.random((n_users, n_items)) < density)
    ratings = 3.0 + np.sum(P[users] * Q[items], axis=1) + rng.normal(scale=noise, size=len(users))
    return users, items, ratings


def train_test_split(users, items, ratings, test_frac=0.2, seed=0):
    """Hold out a random test_frac of the interactions: returns (train, test), each a tuple
    (users, items, ratings)."""
    perm = np.random.default_rng(seed).permutation(len(ratings))
    n_test = int(round(len(ratings) * test_frac))
    test, train = perm[:n_test], perm[n_test:]
    return (users[train], items[train], ratings[train]), (users[test], items[test], ratings[test])
