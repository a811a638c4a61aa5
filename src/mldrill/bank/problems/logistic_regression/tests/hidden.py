import math

import numpy as np

from mldrill.grading.testkit import case, expect, expect_close, expect_fast


def _blobs(rng, n_per_class=20, centre=2.0, spread=0.5):
    """Two well separated clouds: label 0 around (-c, -c), label 1 around (+c, +c)."""
    neg = rng.normal(-centre, spread, size=(n_per_class, 2))
    pos = rng.normal(centre, spread, size=(n_per_class, 2))
    X = np.vstack([neg, pos])
    y = np.r_[np.zeros(n_per_class), np.ones(n_per_class)]
    return X, y


def _newton_mle(X, y, steps=30):
    """Maximum-likelihood (w, b) by Newton's method: an answer that owes nothing to GD."""
    A = np.hstack([X, np.ones((len(X), 1))])
    theta = np.zeros(A.shape[1])
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(A @ theta)))
        grad = A.T @ (p - y) / len(y)
        hess = (A.T * (p * (1.0 - p))) @ A / len(y)
        theta -= np.linalg.solve(hess, grad)
    return theta[:-1], theta[-1]


@case("correctness", hint="Start from w = 0, b = 0; one step is w -= lr * X.T @ (p - y) / n.")
def test_first_steps_by_hand(sol):
    X = np.array([[-1.0], [1.0]])
    y = np.array([0.0, 1.0])
    # p = 0.5 for both points, so grad_w = ((-1)(0.5) + (1)(-0.5)) / 2 = -0.5 and grad_b = 0.
    w, b = sol.fit(X, y, lr=0.1, epochs=1)
    expect_close(w, np.array([0.05]), rtol=1e-12, what="w after one epoch")
    expect_close(b, 0.0, atol=1e-12, what="b after one epoch")
    # By symmetry b stays 0 and each step adds lr * sigmoid(-w) to w.
    w, b = sol.fit(X, y, lr=0.1, epochs=2)
    want = 0.05 + 0.1 / (1.0 + math.exp(0.05))
    expect_close(w, np.array([want]), rtol=1e-12, what="w after two epochs")
    expect_close(b, 0.0, atol=1e-12, what="b after two epochs")


@case("correctness")
def test_predict_proba_known_values(sol):
    w = np.array([2.0, -1.0])
    b = 0.5
    # Rows chosen so that x @ w + b is 0, ln 3 and -ln 3.
    X = np.array([[0.0, 0.5], [math.log(3.0) / 2, 0.5], [-math.log(3.0) / 2, 0.5]])
    got = sol.predict_proba(X, w, b)
    expect_close(got, np.array([0.5, 0.75, 0.25]), rtol=1e-12, what="predict_proba")


@case("correctness", hint="Descend the loss: subtract lr times the gradient.")
def test_learns_separable_set(sol, rng):
    X, y = _blobs(rng)
    w, b = sol.fit(X, y)
    p = sol.predict_proba(X, w, b)
    expect(p.shape == y.shape, f"predict_proba should have shape {y.shape}, got {p.shape}")
    expect(bool(np.all((p > 0.0) & (p < 1.0))), "probabilities must lie strictly inside (0, 1)")
    wrong = int(np.sum((p > 0.5) != (y == 1)))
    expect(wrong == 0, f"{wrong} of {len(y)} points of a separable set are misclassified")


@case("correctness", hint="Use the mean of the per-sample gradients, not their sum.")
def test_matches_reference(sol, ref, rng):
    X = rng.normal(size=(50, 3))
    y = (X @ np.array([1.0, -2.0, 0.5]) + rng.normal(size=50) > 0).astype(float)
    got_w, got_b = sol.fit(X, y, lr=0.5, epochs=200)
    want_w, want_b = ref.fit(X, y, lr=0.5, epochs=200)
    expect_close(got_w, want_w, rtol=1e-7, atol=1e-10, what="w")
    expect_close(got_b, want_b, rtol=1e-7, atol=1e-10, what="b")


@case("correctness", hint="The gradient of the mean log-loss is X.T @ (p - y) / n.")
def test_converges_to_maximum_likelihood(sol, rng):
    X = rng.normal(size=(80, 2))
    y = (X @ np.array([1.5, -1.0]) + 0.3 + rng.normal(size=80) > 0).astype(float)
    want_w, want_b = _newton_mle(X, y)
    w, b = sol.fit(X, y, lr=3.0, epochs=600)
    expect_close(w, want_w, rtol=1e-6, atol=1e-8, what="w after convergence")
    expect_close(b, want_b, rtol=1e-6, atol=1e-8, what="b after convergence")


@case("edge_cases")
def test_single_feature(sol, ref, rng):
    X = rng.normal(size=(30, 1))
    y = (X[:, 0] > 0.2).astype(float)
    w, b = sol.fit(X, y, lr=0.5, epochs=100)
    want_w, want_b = ref.fit(X, y, lr=0.5, epochs=100)
    expect_close(w, want_w, rtol=1e-7, what="w for one feature (shape (1,))")
    expect_close(b, want_b, rtol=1e-7, what="b for one feature")


@case("edge_cases", hint="With one class only, the bias carries the fit; nothing may divide by 0.")
def test_single_class_labels(sol, ref, rng):
    X = rng.normal(size=(25, 2))
    for label in (0.0, 1.0):
        y = np.full(25, label)
        w, b = sol.fit(X, y, lr=0.5, epochs=100)
        want_w, want_b = ref.fit(X, y, lr=0.5, epochs=100)
        expect_close(w, want_w, rtol=1e-7, atol=1e-10, what=f"w when every label is {label:g}")
        expect_close(b, want_b, rtol=1e-7, what=f"b when every label is {label:g}")
        p = sol.predict_proba(X, w, b)
        side = p > 0.5 if label else p < 0.5
        expect(
            bool(np.all(side)),
            f"with every label {label:g}, some probability is on the wrong side of 0.5",
        )


@case("edge_cases", hint="epochs=0 means no update at all: w is all zeros and b is 0.")
def test_zero_epochs(sol, rng):
    X = rng.normal(size=(6, 4))
    y = np.array([0.0, 1.0, 1.0, 0.0, 1.0, 0.0])
    w, b = sol.fit(X, y, epochs=0)
    expect_close(w, np.zeros(4), what="w with epochs=0")
    expect_close(b, 0.0, what="b with epochs=0")
    expect_close(sol.predict_proba(X, w, b), np.full(6, 0.5), what="predict_proba at w = 0")


@case("edge_cases", hint="Integer inputs must give the same floats as float inputs.")
def test_integer_inputs(sol, ref):
    X = np.array([[0, 1], [1, 3], [2, 0], [3, 2], [4, 5], [5, 1]])
    y = np.array([0, 0, 0, 1, 1, 1])
    w, b = sol.fit(X, y, lr=0.05, epochs=50)
    want_w, want_b = ref.fit(X.astype(float), y.astype(float), lr=0.05, epochs=50)
    expect_close(w, want_w, rtol=1e-7, what="w from integer arrays")
    expect_close(b, want_b, rtol=1e-7, what="b from integer arrays")


@case("numerical_stability", hint="exp(z) / (1 + exp(z)) is inf / inf = nan for large z.")
def test_predict_proba_extreme_scores(sol):
    X = np.array([[-1000.0], [-800.0], [-40.0], [40.0], [800.0], [1000.0]])
    got = sol.predict_proba(X, np.array([1.0]), 0.0)
    tiny = 1.0 / (1.0 + math.exp(40.0))
    want = np.array([0.0, 0.0, tiny, 1.0, 1.0, 1.0])
    expect_close(got, want, rtol=1e-9, atol=1e-300, what="sigmoid of scores up to ±1000")


@case("numerical_stability", hint="Large features push |x @ w| past 700, where exp overflows.")
def test_fit_large_features_stays_finite(sol, ref, rng):
    X = rng.normal(size=(30, 2)) * 1000.0
    y = (X[:, 0] > 0).astype(float)
    w, b = sol.fit(X, y, lr=0.1, epochs=20)
    want_w, want_b = ref.fit(X, y, lr=0.1, epochs=20)
    expect_close(w, want_w, rtol=1e-9, what="w trained on features of size ~1000")
    expect_close(b, want_b, rtol=1e-9, atol=1e-12, what="b trained on features of size ~1000")


@case("efficiency", timeout=10.0)
def test_fit_speed(sol, ref, rng):
    X = rng.normal(size=(1000, 5))
    y = (rng.random(1000) < 0.5).astype(float)
    expect_fast(sol.fit, ref.fit, X, y, 0.1, 100, max_ratio=15, floor_ms=3)
