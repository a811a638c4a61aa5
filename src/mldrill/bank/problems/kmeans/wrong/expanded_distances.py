import numpy as np


def kmeans(X, k, rng, n_iter=100):
    X = np.asarray(X, dtype=float)
    n = X.shape[0]
    centroids = X[rng.choice(n, size=k, replace=False)].copy()
    labels = None
    for _ in range(n_iter):
        # |x|^2 - 2 x.c + |c|^2: fast, but cancels catastrophically far from the origin
        dist2 = (X**2).sum(1)[:, None] - 2 * X @ centroids.T + (centroids**2).sum(1)[None, :]
        new_labels = dist2.argmin(axis=1)
        if labels is not None and np.array_equal(new_labels, labels):
            break
        labels = new_labels
        for j in range(k):
            members = X[labels == j]
            if len(members):
                centroids[j] = members.mean(axis=0)
    return centroids, labels
