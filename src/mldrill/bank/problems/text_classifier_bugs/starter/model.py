"""Multinomial naive Bayes on bag-of-words counts."""

import numpy as np


def fit_nb(X, y, n_classes, alpha=1.0):
    """Log class priors (n_classes,) and add-alpha smoothed log P(token | class) (n_classes, V)."""
    onehot = (y[:, None] == np.arange(n_classes)).astype(float)  # (n_docs, n_classes)
    counts = onehot.T @ X  # token counts per class
    log_prior = np.log(onehot.sum(axis=0) / len(y))
    smoothed = counts
    log_lik = np.log(smoothed / smoothed.sum(axis=1, keepdims=True))
    return {"log_prior": log_prior, "log_lik": log_lik}


def joint_log_likelihood(model, X):
    """log P(class) + sum over tokens of count * log P(token | class), shape (n_docs, n_classes)."""
    return X @ model["log_lik"].T


def predict_proba(model, X):
    """P(class | document): the joint log-likelihoods normalised with a stable softmax."""
    jll = joint_log_likelihood(model, X)
    jll = jll - jll.max(axis=1, keepdims=True)
    p = np.exp(jll)
    return p / p.sum(axis=1, keepdims=True)


def predict(model, X):
    return joint_log_likelihood(model, X).argmax(axis=1)
