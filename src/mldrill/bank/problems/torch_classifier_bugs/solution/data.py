"""Synthetic classification data, the train/test split and mini-batches."""

import numpy as np
import torch


def make_dataset(n_samples=480, n_features=8, n_classes=3, seed=0):
    """Gaussian clusters, one per class: X float32 (n_samples, n_features), y int64."""
    rng = np.random.default_rng(seed)
    centers = rng.normal(scale=1.5, size=(n_classes, n_features))
    y = rng.integers(0, n_classes, size=n_samples)
    X = centers[y] + rng.normal(size=(n_samples, n_features))
    return torch.tensor(X, dtype=torch.float32), torch.tensor(y, dtype=torch.int64)


def _permutation(n, seed):
    return torch.randperm(n, generator=torch.Generator().manual_seed(seed))


def train_test_split(X, y, test_frac=0.25, seed=0):
    """Shuffle, then hold out the first int(n * test_frac) rows as the test split."""
    perm = _permutation(len(X), seed)
    n_test = int(len(X) * test_frac)
    test, train = perm[:n_test], perm[n_test:]
    return X[train], X[test], y[train], y[test]


def batches(X, y, batch_size, seed=0):
    """Shuffled (xb, yb) mini-batches that cover every sample exactly once."""
    perm = _permutation(len(X), seed)
    return [(X[idx], y[idx]) for idx in perm.split(batch_size)]
