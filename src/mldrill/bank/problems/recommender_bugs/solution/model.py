"""Matrix factorisation: rating(u, i) = mu + p_u . q_i."""

import numpy as np


def init_factors(n_users, n_items, k, seed=0, scale=0.1):
    """Small random user factors P (n_users, k) and item factors Q (n_items, k); mu = 0."""
    rng = np.random.default_rng(seed)
    return {
        "P": rng.normal(scale=scale, size=(n_users, k)),
        "Q": rng.normal(scale=scale, size=(n_items, k)),
        "mu": 0.0,
    }


def predict(params, users, items):
    """Predicted ratings for the pairs (users[j], items[j])."""
    return params["mu"] + np.sum(params["P"][users] * params["Q"][items], axis=1)
