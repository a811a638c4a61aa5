import numpy as np

from mldrill.grading.testkit import case, expect_close


@case("correctness")
def test_forward_example(sol):
    x = np.array([[0.0, 1.0, 2.0]])
    y = sol.layer_norm_forward(x, np.ones(3), np.zeros(3), eps=0.0)
    expect_close(y, np.array([[-1.0, 0.0, 1.0]]) * np.sqrt(1.5), atol=1e-12)


@case("correctness", hint="dx = (g - mean(g) - x_hat * mean(g * x_hat)) / std, g = dy * gamma.")
def test_backward_example(sol):
    x = np.array([[0.0, 1.0, 2.0]])
    dx, dgamma, dbeta = sol.layer_norm_backward(np.array([[1.0, 0.0, 0.0]]), x, np.ones(3), 0.0)
    expect_close(dx, np.sqrt(1.5) * np.array([[1 / 6, -1 / 3, 1 / 6]]), what="dx")
    expect_close(dgamma, np.array([-np.sqrt(1.5), 0.0, 0.0]), what="dgamma")
    expect_close(dbeta, np.array([1.0, 0.0, 0.0]), what="dbeta")
