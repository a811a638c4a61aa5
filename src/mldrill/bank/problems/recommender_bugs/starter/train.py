"""SGD over individual ratings, and the experiment that ties everything together."""

import numpy as np
from data import N_ITEMS, N_USERS, make_ratings, train_test_split
from evaluate import mae, rmse
from model import init_factors, predict


def sgd_step(params, u, i, r, lr, reg):
    """One SGD step on the squared error of one rating plus an L2 penalty on p_u and q_i.

    Loss: 0.5 * (r - mu - p_u . q_i)^2 + 0.5 * reg * (|p_u|^2 + |q_i|^2). Updates P[u] and
    Q[i] in place (both from their values before the step); returns the error r - prediction.
    """
    P, Q = params["P"], params["Q"]
    err = r - (params["mu"] + P[u] @ Q[i])
    # Minus the gradient of the loss above, for p_u and for q_i.
    step_p = err * Q[i] + reg * P[u]
    step_q = err * P[u] + reg * Q[i]
    P[i] += lr * step_p
    Q[i] += lr * step_q
    return err


def sgd_epoch(params, users, items, ratings, lr, reg, seed=0):
    """One pass over the ratings in the order np.random.default_rng(seed).permutation(n).

    Works on a copy; returns (new params, mean squared error seen during the pass).
    """
    params = {"P": params["P"].copy(), "Q": params["Q"].copy(), "mu": params["mu"]}
    sq_errors = []
    for j in np.random.default_rng(seed).permutation(len(ratings)):
        err = sgd_step(params, users[j], items[j], ratings[j], lr, reg)
        sq_errors.append(err**2)
    return params, float(np.mean(sq_errors))


def fit(users, items, ratings, n_users, n_items, k=3, n_epochs=25, lr=0.05, reg=0.02, seed=0):
    """Factorise the given ratings; mu is their mean. Returns (params, training RMSE per epoch)."""
    params = init_factors(n_users, n_items, k, seed=seed)
    params["mu"] = float(np.mean(ratings))
    history = []
    for epoch in range(n_epochs):
        params, _ = sgd_epoch(params, users, items, ratings, lr, reg, seed=seed + epoch)
        history.append(rmse(predict(params, users, items), ratings))
    return params, history


def run_experiment(seed=0):
    """Generate ratings, hold out 20%, fit on the rest, and score both splits."""
    users, items, ratings = make_ratings(seed=seed)
    train, test = train_test_split(users, items, ratings, seed=seed)
    params, history = fit(users, items, ratings, N_USERS, N_ITEMS, seed=seed)
    test_pred = predict(params, test[0], test[1])
    return {
        "params": params,
        "history": history,
        "train_rmse": history[-1],
        "test_rmse": rmse(test_pred, test[2]),
        "test_mae": mae(test_pred, test[2]),
    }
