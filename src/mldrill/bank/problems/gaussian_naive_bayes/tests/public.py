import math

import numpy as np

from mldrill.grading.testkit import attr, case, expect_close


@case("correctness")
def test_fit(sol):
    X = np.array([[0.0], [4.0], [2.0], [6.0]])
    model = sol.GaussianNB(var_smoothing=0.0).fit(X, np.array([0, 1, 0, 1]))
    expect_close(attr(model.theta_), np.array([[1.0], [5.0]]), what="theta_")
    expect_close(attr(model.var_), np.array([[1.0], [1.0]]), what="var_")


@case("correctness")
def test_predict_proba(sol):
    X = np.array([[0.0], [4.0], [2.0], [6.0]])
    model = sol.GaussianNB(var_smoothing=0.0).fit(X, np.array([0, 1, 0, 1]))
    p0 = 1 / (1 + math.exp(-8.0))
    got = model.predict_proba(np.array([[3.0], [1.0]]))
    expect_close(got, np.array([[0.5, 0.5], [p0, 1 - p0]]), what="predict_proba")


@case("numerical_stability")
def test_far_point(sol):
    X = np.array([[0.0], [4.0], [2.0], [6.0]])
    model = sol.GaussianNB(var_smoothing=0.0).fit(X, np.array([0, 1, 0, 1]))
    got = model.predict_proba(np.array([[1000.0]]))
    expect_close(got, np.array([[0.0, 1.0]]), atol=1e-12, what="predict_proba at x = 1000")
