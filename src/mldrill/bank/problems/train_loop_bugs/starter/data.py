"""Synthetic data, the train/test split and mini-batching."""

import numpy as np

# Raw features live on very different scales, as they would in a real tabular dataset.
FEATURE_SCALES = np.array([1.0, 20.0, 0.05, 300.0])
FEATURE_OFFSETS = np.array([0.0, 50.0, -3.0, 1000.0])


def make_blobs(n_samples=600, n_classes=3, seed=0):
    """Gaussian clusters, one per class: X of shape (n_samples, 4) and int labels y."""
    rng = np.random.default_rng(seed)
    n_features = len(FEATURE_SCALES)
    centers = rng.normal(scale=2.5, size=(n_classes, n_features))
    y = rng.integers(0, n_classes, size=n_samples)
    X = centers[y] + rng.normal(size=(n_samples, n_features))
    return X * FEATURE_SCALES + FEATURE_OFFSETS, y


def shuffle(X, y, rng):
    """The rows of X and y in a new random order."""
    X, y = X.copy(), y.copy()
    rng.shuffle(X)
    rng.shuffle(y)
    return X, y


def train_test_split(X, y, test_frac=0.25, seed=0):
    """Shuffle, then hold out the first ``test_frac`` of the rows as the test split."""
    X, y = shuffle(X, y, np.random.default_rng(seed))
    n_test = int(round(len(X) * test_frac))
    return X[n_test:], X[:n_test], y[n_test:], y[:n_test]


def batch_bounds(n, batch_size):
    """(start, stop) pairs, stop exclusive, slicing n samples into batches of batch_size.

    The last batch is smaller when batch_size does not divide n.
    """
    n_batches = n // batch_size
    return [(i * batch_size, min((i + 1) * batch_size, n)) for i in range(n_batches)]
