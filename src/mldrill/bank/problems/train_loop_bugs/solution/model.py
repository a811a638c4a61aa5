"""Multinomial logistic (softmax) regression with an L2 penalty on the weights."""

import numpy as np


def init_params(n_features, n_classes, seed=0):
    rng = np.random.default_rng(seed)
    return {
        "W": rng.normal(scale=0.01, size=(n_features, n_classes)),
        "b": np.zeros(n_classes),
    }


def logits(params, X):
    return X @ params["W"] + params["b"]


def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def predict_proba(params, X):
    return softmax(logits(params, X))


def predict(params, X):
    return np.argmax(logits(params, X), axis=1)


def one_hot(y, n_classes):
    out = np.zeros((len(y), n_classes))
    out[np.arange(len(y)), y] = 1.0
    return out


def loss_and_grad(params, X, y, l2=0.0):
    """Mean cross-entropy over the batch plus 0.5 * l2 * ||W||^2, and its gradients."""
    n, n_classes = X.shape[0], params["W"].shape[1]
    probs = predict_proba(params, X)
    nll = -np.log(probs[np.arange(n), y] + 1e-12)
    loss = nll.mean() + 0.5 * l2 * np.sum(params["W"] ** 2)

    err = (probs - one_hot(y, n_classes)) / n
    grads = {"W": X.T @ err + l2 * params["W"], "b": err.sum(axis=0)}
    return float(loss), grads
