import numpy as np

from mldrill.grading.testkit import case, expect_close


@case("correctness")
def test_scalar(sol):
    got = sol.momentum_descent(np.array([[1.0]]), np.array([0.0]), np.array([1.0]), 0.5, 0.25, 3)
    want = np.array([[1.0], [0.5], [0.125], [-0.03125]])
    expect_close(got, want, atol=1e-12, what="history")


@case("correctness")
def test_two_dims(sol):
    A = np.array([[1.0, 0.0], [0.0, 4.0]])
    got = sol.momentum_descent(A, np.array([1.0, 0.0]), np.array([0.0, 1.0]), 0.25, 0.5, 2)
    want = np.array([[0.0, 1.0], [0.25, 0.0], [0.5625, -0.5]])
    expect_close(got, want, atol=1e-12, what="history")


@case("edge_cases")
def test_zero_steps(sol):
    got = sol.momentum_descent(np.eye(2), np.ones(2), np.array([1.0, 2.0]), 0.1, 0.9, 0)
    expect_close(got, np.array([[1.0, 2.0]]), what="history with n_steps=0")
