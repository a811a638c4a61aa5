"""Building blocks: softmax, layer norm and the position-wise feed-forward network."""

import numpy as np


def softmax(x, axis=-1):
    """Probabilities along ``axis``; shifting by the max keeps exp() from overflowing."""
    shifted = x - np.max(x, axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=axis, keepdims=True)


def layer_norm(x, gamma, beta, eps=1e-5):
    """Normalise each row (last axis) to zero mean and unit variance, then scale and shift."""
    mean = x.mean(axis=-1, keepdims=True)
    var = x.var(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * gamma + beta


def gelu(x):
    """GELU, tanh approximation."""
    return 0.5 * x * (1.0 + np.tanh(np.sqrt(2.0 / np.pi) * (x + 0.044715 * x**3)))


def feed_forward(x, W_1, b_1, W_2, b_2):
    """Two-layer MLP applied to every position independently."""
    return gelu(x @ W_1 + b_1) @ W_2 + b_2
