import numpy as np


def kmeans(X: np.ndarray, k: int, rng: np.random.Generator, n_iter: int = 100):
    """Lloyd's algorithm; returns (centroids of shape (k, d), labels of shape (n,))."""
    X = np.asarray(X, dtype=float)
    n = X.shape[0]
    # k distinct rows as the starting centroids (copied: X itself must not move).
    centroids = X[rng.choice(n, size=k, replace=False)].copy()
    labels = None
    for _ in range(n_iter):
        # Squared distance from every point to every centroid, shape (n, k), by broadcasting.
        # argmin breaks ties towards the lowest centroid index.
        dist2 = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
        new_labels = dist2.argmin(axis=1)
        if labels is not None and np.array_equal(new_labels, labels):
            break  # converged: the centroids would not move either
        labels = new_labels
        for j in range(k):
            members = X[labels == j]
            if len(members):  # an empty cluster keeps its previous centroid
                centroids[j] = members.mean(axis=0)
    return centroids, labels
