import numpy as np


def kmeans(X, k, rng, n_iter=100):
    X = np.asarray(X, dtype=float)
    # ignores rng: always starts from the first k rows
    centroids = X[:k].copy()
    labels = None
    for _ in range(n_iter):
        dist2 = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
        new_labels = dist2.argmin(axis=1)
        if labels is not None and np.array_equal(new_labels, labels):
            break
        labels = new_labels
        for j in range(k):
            members = X[labels == j]
            if len(members):
                centroids[j] = members.mean(axis=0)
    return centroids, labels
