import numpy as np

from mldrill.grading.testkit import attr, case, expect_close


@case("correctness")
def test_axis_aligned(sol):
    X = np.array([[2.0, 0.0], [0.0, 0.0], [-2.0, 0.0], [0.0, 1.0], [0.0, -1.0]])
    pca = sol.PCA().fit(X)
    expect_close(attr(pca.explained_variance_), np.array([2.0, 0.5]), what="explained_variance_")
    expect_close(attr(pca.explained_variance_ratio_), np.array([0.8, 0.2]), what="ratio")
    expect_close(attr(pca.components_), np.eye(2), atol=1e-12, what="components_")


@case("correctness")
def test_transform(sol):
    X = np.array([[1.0, 1.0], [3.0, 3.0], [5.0, 5.0]])
    pca = sol.PCA(n_components=1).fit(X)
    s = np.sqrt(2.0)
    expect_close(attr(pca.components_), np.array([[1 / s, 1 / s]]), what="components_")
    expect_close(pca.transform(X), np.array([[-2 * s], [0.0], [2 * s]]), atol=1e-12)
