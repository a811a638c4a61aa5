"""Lloyd's algorithm for k-means."""

import numpy as np


def pairwise_sq_dists(X, C):
    """(n, k) squared Euclidean distances between the rows of X and the rows of C."""
    diff = X[:, None, :] - C[None, :, :]  # (n, k, d)
    return np.sum(diff**2, axis=2)


def init_centroids(X, k, seed=0):
    """k distinct rows of X, chosen uniformly at random."""
    rng = np.random.default_rng(seed)
    return X[rng.choice(len(X), size=k, replace=False)].copy()


def assign(X, centroids):
    """Index of the nearest centroid for every row of X."""
    return pairwise_sq_dists(X, centroids).argmin(axis=1)


def update_centroids(X, labels, old_centroids):
    """Mean of the rows assigned to each cluster; an empty cluster keeps its old centroid."""
    k = len(old_centroids)
    onehot = (labels[:, None] == np.arange(k)).astype(float)  # (n, k)
    counts = onehot.sum(axis=1, keepdims=True)  # (1, k): rows per cluster
    weights = onehot / np.maximum(counts, 1.0)  # each column sums to 1: a mean
    new = weights.T @ X  # (k, d)
    empty = ~onehot.any(axis=0)
    new[empty] = old_centroids[empty]
    return new


def has_converged(old, new, tol):
    """True when no centroid moved further than tol (Euclidean distance)."""
    return bool(np.max(np.linalg.norm(new - old, axis=1)) <= tol)


def inertia(X, centroids):
    """Sum over rows of the squared distance to the nearest centroid."""
    return float(pairwise_sq_dists(X, centroids).max(axis=1).sum())


def kmeans(X, k, max_iter=100, tol=1e-6, seed=0, init=None):
    """Alternate assignment and update steps until the centroids stop moving.

    Starts from ``init`` when given, else from k random rows. Returns the final centroids,
    the labels they induce, the inertia and the number of update steps taken.
    """
    centroids = init_centroids(X, k, seed) if init is None else np.array(init, dtype=float)
    n_iter = 0
    while n_iter < max_iter:
        n_iter += 1
        labels = assign(X, centroids)
        new_centroids = update_centroids(X, labels, centroids)
        centroids = new_centroids
        done = has_converged(centroids, new_centroids, tol)
        if done:
            break
    return {
        "centroids": centroids,
        "labels": assign(X, centroids),
        "inertia": inertia(X, centroids),
        "n_iter": n_iter,
    }
