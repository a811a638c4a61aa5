"""The downstream task: 8 input features, 2 classes, and mini-batches over it."""

import numpy as np
import torch
from model import load_pretrained_backbone

TEACHER_SEED = 99


def make_dataset(n_samples=400, seed=0):
    """X float32 (n_samples, 8) and int64 labels y.

    The labels come from a linear rule on the pretrained backbone's features (plus noise), so
    the backbone suits the task and only a new head has to be learnt.
    """
    rng = np.random.default_rng(seed)
    X = torch.tensor(rng.normal(size=(n_samples, 8)), dtype=torch.float32)
    with torch.no_grad():
        features = load_pretrained_backbone().eval()(X)
    w = torch.tensor(np.random.default_rng(TEACHER_SEED).normal(size=32), dtype=torch.float32)
    score = features @ w + 0.05 * torch.tensor(rng.normal(size=n_samples), dtype=torch.float32)
    y = (score > score.median()).long()
    return X, y


def train_val_split(X, y, val_frac=0.25, seed=0):
    """Shuffle, then hold out the first int(n * val_frac) rows for validation."""
    perm = torch.randperm(len(X), generator=torch.Generator().manual_seed(seed))
    n_val = int(len(X) * val_frac)
    val, train = perm[:n_val], perm[n_val:]
    return X[train], X[val], y[train], y[val]


def batches(X, y, batch_size, seed=0):
    """Shuffled (xb, yb) mini-batches covering every sample once (the last may be smaller)."""
    perm = torch.randperm(len(X), generator=torch.Generator().manual_seed(seed))
    return [(X[idx], y[idx]) for idx in perm.split(batch_size)]
