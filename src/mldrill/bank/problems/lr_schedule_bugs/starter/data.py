"""A synthetic multi-output linear regression task and mini-batching."""

import numpy as np


def make_regression(n_train=256, n_test=64, n_features=5, n_outputs=2, noise=0.1, seed=0):
    """X_train, Y_train, X_test, Y_test drawn from Y = X W + b + noise, and the true {W, b}."""
    rng = np.random.default_rng(seed)
    W = rng.normal(size=(n_features, n_outputs))
    b = rng.normal(loc=3.0, size=n_outputs)
    X = rng.normal(size=(n_train + n_test, n_features))
    Y = X @ W + b + noise * rng.normal(size=(n_train + n_test, n_outputs))
    return X[:n_train], Y[:n_train], X[n_train:], Y[n_train:], {"W": W, "b": b}


def batch_indices(n, batch_size, rng):
    """Index arrays of shuffled mini-batches; together they hold every index once."""
    perm = rng.permutation(n)
    return [perm[start : start + batch_size] for start in range(0, n, batch_size)]
