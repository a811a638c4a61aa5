"""A toy memory task: at every step, output the input of the previous step."""

import numpy as np


def make_sequences(n_seq=64, T=12, seed=0):
    """Inputs X of shape (n_seq, T, 1), uniform in [-1, 1], and targets Y of the same shape.

    Y[:, t] = X[:, t - 1] for t >= 1 and Y[:, 0] = 0: the network has to remember one step.
    """
    rng = np.random.default_rng(seed)
    X = rng.uniform(-1.0, 1.0, size=(n_seq, T, 1))
    Y = np.zeros_like(X)
    Y[:, 1:] = X[:, :-1]
    return X, Y
