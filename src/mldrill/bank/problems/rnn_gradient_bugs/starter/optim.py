"""Gradient clipping by global norm, and plain SGD."""

import numpy as np


def global_norm(grads):
    """sqrt of the sum of squares of every entry of every gradient."""
    return float(np.sqrt(sum(np.sum(g**2) for g in grads.values())))


def clip_by_global_norm(grads, max_norm):
    """Scale all gradients together so that their global norm is at most max_norm."""
    norm = global_norm(grads)
    if norm <= max_norm:
        return grads
    return {name: g * (max_norm / norm) for name, g in grads.items()}


def sgd_update(params, grads, lr):
    """p <- p - lr * g for every parameter; returns a new dict."""
    return {name: value - lr * grads[name] for name, value in params.items()}
