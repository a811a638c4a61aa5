import math

import numpy as np

from mldrill.grading.testkit import attr, case, expect, expect_close, expect_fast

# Worked by hand, one feature: class 3 has x = 0, 2 (mean 1, variance 1) and class 7 has
# x = 4, 6 (mean 5, variance 1). Equal priors and variances, so the log-odds of class 3
# against class 7 at x is ((x - 5)^2 - (x - 1)^2) / 2 = 12 - 4x.
X_HAND = np.array([[0.0], [4.0], [2.0], [6.0]])
Y_HAND = np.array([3, 7, 3, 7])


def _log_posteriors(X, classes, prior, mean, var):
    """Log posteriors written out term by term with math.log: an independent computation."""
    out = np.empty((len(X), len(classes)))
    for i, x in enumerate(X):
        for c in range(len(classes)):
            s = math.log(prior[c])
            for j in range(len(x)):
                s += -0.5 * math.log(2 * math.pi * var[c, j]) - (x[j] - mean[c, j]) ** 2 / (
                    2 * var[c, j]
                )
            out[i, c] = s
        top = out[i].max()
        out[i] -= top + math.log(sum(math.exp(v - top) for v in out[i]))
    return out


@case("correctness", hint="Variances divide by the class size (the MLE), not by size - 1.")
def test_fit_by_hand(sol):
    model = sol.GaussianNB(var_smoothing=0.0).fit(X_HAND, Y_HAND)
    expect_close(attr(model.classes_), np.array([3, 7]), what="classes_")
    expect_close(attr(model.class_prior_), np.array([0.5, 0.5]), rtol=1e-12, what="class_prior_")
    expect_close(attr(model.theta_), np.array([[1.0], [5.0]]), rtol=1e-12, what="theta_")
    expect_close(attr(model.var_), np.array([[1.0], [1.0]]), rtol=1e-12, what="var_")


@case("correctness", hint="Posterior = prior x product of densities, normalised over classes.")
def test_predict_proba_by_hand(sol):
    model = sol.GaussianNB(var_smoothing=0.0).fit(X_HAND, Y_HAND)
    X = np.array([[3.0], [1.0], [5.0]])
    p3 = np.array([0.5, 1 / (1 + math.exp(-8.0)), 1 / (1 + math.exp(8.0))])  # log-odds 0, 8, -8
    expect_close(model.predict_proba(X), np.c_[p3, 1 - p3], rtol=1e-10, what="predict_proba")
    expect_close(
        model.predict_log_proba(X), np.log(np.c_[p3, 1 - p3]), rtol=1e-10, what="predict_log_proba"
    )
    expect_close(
        model.predict(np.array([[2.9], [3.1], [-10.0]])),
        np.array([3, 7, 3]),
        what="predict (labels, not indices)",
    )


@case("correctness", hint="The prior is the share of training samples in each class.")
def test_prior_by_hand(sol):
    X = np.array([[0.0], [2.0], [4.0], [6.0], [4.0], [6.0]])
    y = np.array([0, 0, 1, 1, 1, 1])
    model = sol.GaussianNB(var_smoothing=0.0).fit(X, y)
    expect_close(attr(model.class_prior_), np.array([1 / 3, 2 / 3]), rtol=1e-12, what="priors")
    # At x = 3 both likelihoods are equal, so the posterior is the prior.
    got = model.predict_proba(np.array([[3.0]]))
    expect_close(got, np.array([[1 / 3, 2 / 3]]), rtol=1e-10, what="predict_proba at x = 3")


@case("correctness", hint="var_ = per-class variance + var_smoothing * max(X.var(axis=0)).")
def test_variance_smoothing(sol, rng):
    X = rng.normal(size=(30, 3)) * np.array([1.0, 4.0, 0.5])
    y = rng.integers(0, 2, size=30)
    model = sol.GaussianNB(var_smoothing=0.1).fit(X, y)
    eps = 0.1 * X.var(axis=0).max()
    want = np.array([X[y == 0].var(axis=0), X[y == 1].var(axis=0)]) + eps
    expect_close(attr(model.var_), want, rtol=1e-10, what="var_ with var_smoothing=0.1")


@case("correctness")
def test_matches_term_by_term(sol, rng):
    X = rng.normal(size=(60, 4)) + np.repeat(np.eye(3, 4) * 2, 20, axis=0)
    y = np.repeat([0, 1, 2], 20)
    y[:5] = 2  # unequal class sizes
    model = sol.GaussianNB().fit(X, y)
    classes = np.array([0, 1, 2])
    prior = np.array([np.mean(y == c) for c in classes])
    mean = np.array([X[y == c].mean(axis=0) for c in classes])
    var = np.array([X[y == c].var(axis=0) for c in classes]) + 1e-9 * X.var(axis=0).max()
    X_new = rng.normal(scale=2.0, size=(15, 4))
    want = _log_posteriors(X_new, classes, prior, mean, var)
    expect_close(
        model.predict_log_proba(X_new), want, rtol=1e-9, atol=1e-12, what="predict_log_proba"
    )
    expect_close(
        model.predict_proba(X_new), np.exp(want), rtol=1e-9, atol=1e-15, what="predict_proba"
    )
    expect_close(model.predict(X_new), classes[np.argmax(want, axis=1)], what="predict")


@case("correctness")
def test_separable_blobs(sol, rng):
    centres = np.array([[0.0, 0.0], [6.0, 0.0], [0.0, 6.0]])
    X = np.vstack([rng.normal(c, 0.7, size=(25, 2)) for c in centres])
    y = np.repeat([10, 20, 30], 25)
    model = sol.GaussianNB().fit(X, y)
    expect(bool(np.all(model.predict(X) == y)), "three well separated blobs are misclassified")
    p = model.predict_proba(X)
    expect_close(p.sum(axis=1), np.ones(75), rtol=1e-12, what="row sums of predict_proba")


@case(
    "edge_cases", hint="A feature constant within a class has variance 0: the smoothing fixes it."
)
def test_constant_feature_within_class(sol):
    X = np.array([[0.0, 1.0], [0.0, 2.0], [1.0, 5.0], [1.0, 6.0]])
    y = np.array([0, 0, 1, 1])
    model = sol.GaussianNB().fit(X, y)
    eps = 1e-9 * 4.25  # the largest column variance of X is var(1, 2, 5, 6) = 4.25
    expect_close(
        attr(model.var_),
        np.array([[eps, 0.25 + eps], [eps, 0.25 + eps]]),
        rtol=1e-9,
        what="var_ (feature 0 is constant within each class)",
    )
    # Feature 0 sits halfway between the classes and the other feature is at 3.5, also
    # halfway: the posterior is exactly 1/2 each.
    got = model.predict_proba(np.array([[0.5, 3.5], [0.0, 3.5]]))
    expect(bool(np.all(np.isfinite(got))), f"predict_proba gave {got} for a zero-variance feature")
    expect_close(got[0], np.array([0.5, 0.5]), rtol=1e-9, what="posterior halfway between")
    expect_close(got[1], np.array([1.0, 0.0]), atol=1e-12, what="posterior at class 0's value")


@case("edge_cases", hint="With one class every posterior is 1.")
def test_single_class(sol, rng):
    X = rng.normal(size=(6, 2))
    model = sol.GaussianNB().fit(X, np.full(6, 4))
    expect_close(model.predict_proba(rng.normal(size=(3, 2))), np.ones((3, 1)), what="proba")
    expect_close(model.predict(X[:2]), np.array([4, 4]), what="predict with one class")


@case("edge_cases", hint="classes_ is sorted; predict returns labels from classes_, not indices.")
def test_unsorted_negative_labels(sol):
    X = np.array([[5.0], [-5.0], [5.5], [-4.5], [0.2], [-0.2]])
    y = np.array([9, -2, 9, -2, 0, 0])
    model = sol.GaussianNB(var_smoothing=0.0).fit(X, y)
    expect_close(attr(model.classes_), np.array([-2, 0, 9]), what="classes_")
    expect_close(
        attr(model.theta_),
        np.array([[-4.75], [0.0], [5.25]]),
        rtol=1e-12,
        what="theta_ in classes_ order",
    )
    expect_close(
        model.predict(np.array([[-6.0], [0.1], [7.0]])), np.array([-2, 0, 9]), what="predict"
    )


@case("numerical_stability", hint="Sum log-densities; a product of 3000 densities underflows to 0.")
def test_many_features_do_not_underflow(sol):
    d = 3000
    # Class 0: x = -1 or 1 in every feature (mean 0, variance 1); class 1: 0.1 -+ 1.
    X = np.array([np.full(d, -1.0), np.full(d, 1.0), np.full(d, -0.9), np.full(d, 1.1)])
    y = np.array([0, 0, 1, 1])
    model = sol.GaussianNB(var_smoothing=0.0).fit(X, y)
    # At x = 0.02: each feature adds ((0.02 - 0.1)^2 - 0.02^2) / 2 = 0.003 to the log-odds of
    # class 0, 9 in all; each class's joint density is about exp(-2757).
    got = model.predict_log_proba(np.full((1, d), 0.02))
    want = -np.log1p(np.exp(np.array([-9.0, 9.0])))
    expect_close(got, want[None, :], rtol=1e-8, what="log posteriors with 3000 features")
    p = model.predict_proba(np.full((1, d), 0.02))
    expect_close(p, np.exp(want)[None, :], rtol=1e-8, what="posteriors with 3000 features")


@case("numerical_stability", hint="Normalise with log-sum-exp shifted by the row maximum.")
def test_far_away_point(sol):
    model = sol.GaussianNB(var_smoothing=0.0).fit(X_HAND, Y_HAND)
    # At x = 1000 the log-odds 12 - 4x = -3988: the joint densities are ~exp(-5e5).
    got = model.predict_log_proba(np.array([[1000.0]]))
    expect_close(
        got,
        np.array([[-3988.0, 0.0]]),
        rtol=1e-9,
        atol=1e-12,
        what="log posteriors far from both classes",
    )
    p = model.predict_proba(np.array([[1000.0], [-1000.0]]))
    expect_close(p, np.array([[0.0, 1.0], [1.0, 0.0]]), atol=1e-12, what="posteriors at x = ±1000")
    expect_close(model.predict(np.array([[1000.0]])), np.array([7]), what="predict at x = 1000")


@case("efficiency", timeout=10.0, hint="Broadcast over samples, classes and features at once.")
def test_predict_proba_speed(sol, ref, rng):
    X = rng.normal(size=(300, 8))
    y = rng.integers(0, 3, size=300)
    X_new = rng.normal(size=(3000, 8))
    model = sol.GaussianNB().fit(X, y)
    expect_fast(model.predict_proba, ref.GaussianNB().fit(X, y).predict_proba, X_new, max_ratio=10)
