import numpy as np

from mldrill.grading.testkit import box_rng, case, expect, expect_close, expect_equal


@case("correctness")
def test_two_obvious_groups(sol):
    X = np.array([[0.0, 0.0], [0.0, 1.0], [10.0, 0.0], [10.0, 1.0]])
    # Seed 1 picks rows 1 and 2 as the starting centroids.
    centroids, labels = sol.kmeans(X, 2, box_rng(sol, 1))
    expect_close(centroids, np.array([[0.0, 0.5], [10.0, 0.5]]), what="centroids")
    expect_equal(labels.tolist(), [0, 0, 1, 1], what="labels")


@case("correctness")
def test_labels_are_nearest(sol):
    X = np.random.default_rng(0).normal(size=(30, 2))
    centroids, labels = sol.kmeans(X, 3, box_rng(sol, 2))
    dist2 = ((X[:, None, :] - centroids[None, :, :]) ** 2).sum(axis=2)
    expect(bool(np.all(labels == dist2.argmin(axis=1))), "some point is not in its nearest cluster")
