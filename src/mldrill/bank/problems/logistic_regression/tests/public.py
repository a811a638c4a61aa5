import numpy as np

from mldrill.grading.testkit import case, expect, expect_close


@case("correctness")
def test_one_epoch(sol):
    X = np.array([[-1.0], [1.0]])
    y = np.array([0.0, 1.0])
    w, b = sol.fit(X, y, lr=0.1, epochs=1)
    expect_close(w, np.array([0.05]), rtol=1e-12, what="w after one epoch")
    expect_close(b, 0.0, atol=1e-12, what="b after one epoch")


@case("correctness")
def test_separates_two_points_per_class(sol):
    X = np.array([[-2.0, -1.0], [-1.0, -2.0], [1.0, 2.0], [2.0, 1.0]])
    y = np.array([0.0, 0.0, 1.0, 1.0])
    w, b = sol.fit(X, y)
    p = sol.predict_proba(X, w, b)
    expect(bool(np.all((p > 0.5) == (y == 1))), f"predicted probabilities {p} misclassify a point")


@case("numerical_stability")
def test_large_score(sol):
    got = sol.predict_proba(np.array([[1000.0], [-1000.0]]), np.array([1.0]), 0.0)
    expect_close(got, np.array([1.0, 0.0]), atol=1e-12, what="sigmoid of ±1000")
