import numpy as np

from mldrill.grading.testkit import case, expect_close


@case("correctness")
def test_one_feature(sol):
    X = np.array([[0.0], [1.0], [2.0]])
    y = np.array([1.0, 3.0, 5.0])
    w, b = sol.fit_ridge(X, y, 2.0)
    expect_close(w, np.array([1.0]), rtol=1e-10, what="w with alpha=2")
    expect_close(b, 2.0, rtol=1e-10, what="b with alpha=2")


@case("correctness")
def test_predict(sol):
    X = np.array([[1.0, 2.0], [0.0, -1.0]])
    got = sol.predict(X, np.array([0.5, 1.0]), 3.0)
    expect_close(got, np.array([5.5, 2.0]), rtol=1e-12, what="predict")


@case("edge_cases")
def test_alpha_zero(sol):
    X = np.array([[0.0], [1.0], [2.0]])
    y = np.array([1.0, 3.0, 5.0])
    w, b = sol.fit_ridge(X, y, 0.0)
    expect_close(w, np.array([2.0]), rtol=1e-10, what="w with alpha=0")
    expect_close(b, 1.0, rtol=1e-10, what="b with alpha=0")
