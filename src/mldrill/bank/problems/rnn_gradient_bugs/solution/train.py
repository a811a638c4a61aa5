"""Training: one clipped SGD step per sequence."""

import numpy as np
from data import make_sequences
from evaluate import evaluate
from model import backward, forward, init_params, mse_loss
from optim import clip_by_global_norm, sgd_update


def train_step(params, x, y, h0, lr, max_norm):
    """One update on one sequence started from h0.

    Returns (new params, the loss before the update, the last hidden state).
    """
    y_pred, cache = forward(params, x, h0)
    loss = mse_loss(y_pred, y)
    grads = backward(params, cache, y_pred, y)
    grads = clip_by_global_norm(grads, max_norm)
    params = sgd_update(params, grads, lr)
    return params, loss, cache["hs"][-1]


def train_epoch(params, X, Y, lr, max_norm):
    """One pass over the sequences in order; returns (params, mean loss over the sequences)."""
    n_hidden = params["W_hh"].shape[0]
    losses = []
    for x, y in zip(X, Y, strict=True):
        h0 = np.zeros(n_hidden)
        params, loss, _ = train_step(params, x, y, h0, lr, max_norm)
        losses.append(loss)
    return params, float(np.mean(losses))


def run_experiment(n_hidden=16, n_epochs=10, lr=0.1, max_norm=1.0, seed=0):
    """Train on one set of sequences, report the loss history and the loss on fresh ones."""
    X, Y = make_sequences(seed=seed)
    X_val, Y_val = make_sequences(seed=seed + 1000)
    params = init_params(X.shape[2], n_hidden, Y.shape[2], seed=seed)
    history = []
    for _ in range(n_epochs):
        params, loss = train_epoch(params, X, Y, lr, max_norm)
        history.append(loss)
    return {"history": history, "val_loss": evaluate(params, X_val, Y_val)}
