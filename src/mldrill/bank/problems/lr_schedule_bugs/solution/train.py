"""Mini-batch training with a per-step warmup + cosine learning-rate schedule."""

import math

import numpy as np
from data import batch_indices, make_regression
from model import init_params, loss_and_grad, mse, r2_score
from optim import sgd_step
from schedule import warmup_cosine_lr


def train(
    X,
    Y,
    n_epochs=20,
    batch_size=16,
    base_lr=0.2,
    warmup_steps=10,
    min_lr=0.0,
    weight_decay=1e-3,
    seed=0,
):
    """Fit the linear model; return (params, the lr used at every step, the MSE after each epoch).

    The schedule advances once per optimiser step (per mini-batch) and spans every step of
    every epoch.
    """
    rng = np.random.default_rng(seed)
    params = init_params(X.shape[1], Y.shape[1])
    n_batches = math.ceil(len(X) / batch_size)
    total_steps = n_epochs * n_batches
    lrs, history = [], []
    for epoch in range(n_epochs):
        for i, idx in enumerate(batch_indices(len(X), batch_size, rng)):
            step = epoch * n_batches + i
            lr = warmup_cosine_lr(step, base_lr, warmup_steps, total_steps, min_lr)
            _, grads = loss_and_grad(params, X[idx], Y[idx])
            params = sgd_step(params, grads, lr, weight_decay)
            lrs.append(lr)
        history.append(mse(params, X, Y))
    return params, lrs, history


def run_experiment(seed=0):
    """Generate data, train with the default schedule, and score the held-out split."""
    X_train, Y_train, X_test, Y_test, _ = make_regression(seed=seed)
    params, lrs, history = train(X_train, Y_train, seed=seed)
    return {
        "params": params,
        "lrs": lrs,
        "history": history,
        "test_r2": r2_score(params, X_test, Y_test),
    }
