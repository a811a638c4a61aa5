import numpy as np

from mldrill.grading.testkit import case, expect, expect_close, expect_raises


def _centred_normal_equations(X, y, alpha):
    """Textbook ridge for well-conditioned data: an answer computed another way."""
    Xc = X - X.mean(axis=0)
    yc = y - y.mean()
    w = np.linalg.solve(Xc.T @ Xc + alpha * np.eye(X.shape[1]), Xc.T @ yc)
    return w, y.mean() - X.mean(axis=0) @ w


@case("correctness", hint="Centre X and y; w = (Xc.T Xc + alpha I)^-1 Xc.T yc; b undoes the means.")
def test_one_feature_by_hand(sol):
    X = np.array([[0.0], [1.0], [2.0]])
    y = np.array([1.0, 3.0, 5.0])
    # Centred: x = (-1, 0, 1), y = (-2, 0, 2), so Sxx = 2, Sxy = 4 and w = 4 / (2 + alpha).
    for alpha, want_w, want_b in [(0.0, 2.0, 1.0), (2.0, 1.0, 2.0), (6.0, 0.5, 2.5)]:
        w, b = sol.fit_ridge(X, y, alpha)
        expect_close(w, np.array([want_w]), rtol=1e-10, what=f"w with alpha={alpha:g}")
        expect_close(b, want_b, rtol=1e-10, what=f"b with alpha={alpha:g}")


@case("correctness", hint="Leave the intercept out of the penalty: only ||w||^2 is penalised.")
def test_two_features_by_hand(sol):
    X = np.array([[1.0, 0.0], [-1.0, 0.0], [0.0, 1.0], [0.0, -1.0]])
    y = np.array([3.0, -1.0, 5.0, 1.0])
    # The columns are centred and orthogonal, Xc.T Xc = 2 I and Xc.T yc = (4, 4):
    # w = 4 / (2 + alpha) in both coordinates, and b = mean(y) = 2 for every alpha.
    w, b = sol.fit_ridge(X, y, 2.0)
    expect_close(w, np.array([1.0, 1.0]), rtol=1e-10, what="w with alpha=2")
    expect_close(b, 2.0, rtol=1e-10, what="b with alpha=2 (the intercept is not shrunk)")
    w, b = sol.fit_ridge(X, y, 0.5)
    expect_close(w, np.array([1.6, 1.6]), rtol=1e-10, what="w with alpha=0.5")
    expect_close(b, 2.0, rtol=1e-10, what="b with alpha=0.5")


@case("correctness", hint="b = mean(y) - mean(X) @ w, not just mean(y).")
def test_matches_normal_equations(sol, rng):
    X = rng.normal(loc=[2.0, -1.0, 0.5, 3.0], size=(30, 4))
    y = X @ np.array([1.0, -0.5, 2.0, 0.0]) + 4.0 + rng.normal(scale=0.3, size=30)
    for alpha in (0.1, 3.0, 50.0):
        want_w, want_b = _centred_normal_equations(X, y, alpha)
        w, b = sol.fit_ridge(X, y, alpha)
        expect_close(w, want_w, rtol=1e-8, atol=1e-12, what=f"w with alpha={alpha:g}")
        expect_close(b, want_b, rtol=1e-8, what=f"b with alpha={alpha:g}")


@case("correctness")
def test_gradient_is_zero_at_solution(sol, rng):
    X = rng.normal(loc=1.5, scale=2.0, size=(25, 3))
    y = rng.normal(loc=-2.0, size=25)
    alpha = 4.0
    w, b = sol.fit_ridge(X, y, alpha)
    r = X @ w + b - y
    # d/dw: 2 X.T r + 2 alpha w = 0 and d/db: 2 sum(r) = 0 at the minimum.
    expect_close(X.T @ r + alpha * w, np.zeros(3), atol=1e-9, what="gradient with respect to w")
    expect_close(r.sum(), 0.0, atol=1e-9, what="gradient with respect to b (sum of residuals)")


@case("correctness", hint="A huge alpha drives w to 0, and b to mean(y).")
def test_strong_penalty_shrinks_to_mean(sol, rng):
    X = rng.normal(loc=3.0, size=(20, 2))
    y = X @ np.array([2.0, -1.0]) + rng.normal(size=20)
    norms = [float(np.linalg.norm(sol.fit_ridge(X, y, a)[0])) for a in (0.0, 1.0, 10.0, 100.0)]
    expect(
        all(a > b for a, b in zip(norms, norms[1:], strict=False)),
        f"||w|| should fall as alpha grows; got {norms} for alpha = 0, 1, 10, 100",
    )
    w, b = sol.fit_ridge(X, y, 1e12)
    expect_close(w, np.zeros(2), atol=1e-9, what="w with alpha=1e12")
    expect_close(b, y.mean(), rtol=1e-9, what="b with alpha=1e12")


@case("correctness")
def test_predict(sol, rng):
    X = rng.normal(size=(7, 3))
    w = np.array([0.5, -1.0, 2.0])
    got = sol.predict(X, w, 1.25)
    expect_close(got, X @ w + 1.25, rtol=1e-12, what="predict(X, w, b)")
    fit_w, fit_b = sol.fit_ridge(X, X @ w + 1.25, 0.0)
    expect_close(sol.predict(X, fit_w, fit_b), X @ w + 1.25, rtol=1e-9, what="fit then predict")


@case("edge_cases", hint="alpha = 0 is ordinary least squares with an intercept.")
def test_alpha_zero_is_least_squares(sol, rng):
    X = rng.normal(size=(40, 3))
    y = X @ np.array([1.0, 2.0, -3.0]) - 0.5 + rng.normal(scale=0.1, size=40)
    theta = np.linalg.lstsq(np.hstack([X, np.ones((40, 1))]), y, rcond=None)[0]
    w, b = sol.fit_ridge(X, y, 0.0)
    expect_close(w, theta[:3], rtol=1e-9, what="w with alpha=0")
    expect_close(b, theta[3], rtol=1e-9, what="b with alpha=0")


@case("edge_cases", hint="With alpha = 0 and collinear columns, return the minimum-norm w (lstsq).")
def test_duplicate_columns_minimum_norm(sol, rng):
    x = rng.normal(size=12)
    X = np.c_[x, x]
    y = 3.0 * x + 1.0
    # Every w with w1 + w2 = 3 fits exactly; the shortest is (1.5, 1.5).
    w, b = sol.fit_ridge(X, y, 0.0)
    expect_close(w, np.array([1.5, 1.5]), rtol=1e-9, what="w for two identical columns")
    expect_close(b, 1.0, rtol=1e-9, what="b for two identical columns")


@case("edge_cases", hint="A constant column carries no information once centred: its weight is 0.")
def test_constant_column(sol, rng):
    x = rng.normal(size=15)
    X = np.c_[x, np.full(15, 7.0)]
    y = 2.0 * x - 4.0
    for alpha in (0.0, 1.0):
        w, b = sol.fit_ridge(X, y, alpha)
        want_w1 = 2.0 * (x - x.mean()) @ (x - x.mean()) / ((x - x.mean()) @ (x - x.mean()) + alpha)
        expect_close(w, np.array([want_w1, 0.0]), rtol=1e-9, atol=1e-12, what=f"w, alpha={alpha:g}")
        expect_close(b, y.mean() - want_w1 * x.mean(), rtol=1e-9, what=f"b, alpha={alpha:g}")


@case("edge_cases", hint="With more features than samples, alpha > 0 still gives one answer.")
def test_more_features_than_samples(sol, rng):
    X = rng.normal(size=(5, 12))
    y = rng.normal(size=5)
    alpha = 0.5
    # Dual form: w = Xc.T (Xc Xc.T + alpha I)^-1 yc.
    Xc = X - X.mean(axis=0)
    yc = y - y.mean()
    want_w = Xc.T @ np.linalg.solve(Xc @ Xc.T + alpha * np.eye(5), yc)
    w, b = sol.fit_ridge(X, y, alpha)
    expect_close(w, want_w, rtol=1e-8, atol=1e-12, what="w with d = 12 > n = 5")
    expect_close(b, y.mean() - X.mean(axis=0) @ want_w, rtol=1e-8, what="b with d > n")


@case("edge_cases", hint="One sample: nothing varies, so w = 0 and b = y[0].")
def test_single_sample(sol):
    for alpha in (0.0, 1.0):
        w, b = sol.fit_ridge(np.array([[2.0, -3.0]]), np.array([4.5]), alpha)
        expect_close(w, np.zeros(2), atol=1e-12, what=f"w from one sample, alpha={alpha:g}")
        expect_close(b, 4.5, rtol=1e-12, what=f"b from one sample, alpha={alpha:g}")


@case("edge_cases", hint="Integer arrays must give the same floats as float arrays.")
def test_integer_inputs(sol):
    X = np.array([[0], [1], [2]])
    y = np.array([1, 3, 5])
    w, b = sol.fit_ridge(X, y, 2)
    expect_close(w, np.array([1.0]), rtol=1e-10, what="w from integer arrays")
    expect_close(b, 2.0, rtol=1e-10, what="b from integer arrays")
    expect_close(sol.predict(X, w, b), np.array([2.0, 3.0, 4.0]), rtol=1e-10, what="predict")


@case("edge_cases", hint="A negative alpha is not a penalty: raise ValueError.")
def test_negative_alpha_raises(sol):
    X = np.array([[0.0], [1.0], [2.0]])
    y = np.array([1.0, 3.0, 5.0])
    expect_raises("ValueError", sol.fit_ridge, X, y, -1.0)
    expect_raises("ValueError", sol.fit_ridge, X, y, -1e-9)


@case("numerical_stability", hint="Centre the columns before solving; do not add a ones column.")
def test_features_far_from_zero(sol, rng):
    Z = rng.normal(size=(40, 3))
    X = 1e6 + Z * np.array([1.0, 2.0, 0.5])
    y = Z @ np.array([1.5, -2.0, 0.5]) + 5.0 + 0.1 * rng.normal(size=40)
    want_w, want_b = _centred_normal_equations(X, y, 1.0)
    w, b = sol.fit_ridge(X, y, 1.0)
    expect_close(w, want_w, rtol=1e-8, what="w for features near 1e6")
    expect_close(b, want_b, rtol=1e-6, what="b for features near 1e6")


@case("numerical_stability", hint="X.T @ X squares the condition number: use lstsq or an SVD.")
def test_nearly_collinear_least_squares(sol, rng):
    x1 = rng.normal(size=50)
    x2 = x1 + 1e-7 * rng.normal(size=50)
    X = np.c_[x1, x2]
    y = X @ np.array([1.0, 2.0]) + 3.0
    # cond(X) is about 1e7: exact data, so lstsq recovers w to about 1e-9.
    w, b = sol.fit_ridge(X, y, 0.0)
    expect_close(w, np.array([1.0, 2.0]), rtol=1e-6, what="w for nearly collinear columns")
    expect_close(b, 3.0, rtol=1e-6, what="b for nearly collinear columns")
