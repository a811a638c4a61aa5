import numpy as np

from mldrill.grading.testkit import case, expect_close


@case("correctness", hint="One norm over every entry of every array; one factor for all.")
def test_example(sol):
    grads = [np.array([3.0, 0.0]), np.array([[0.0], [4.0]])]
    clipped, norm = sol.clip_grad_norm(grads, 2.5)
    expect_close(norm, 5.0, what="total norm")
    expect_close(clipped[0], np.array([1.5, 0.0]), what="first clipped array")
    expect_close(clipped[1], np.array([[0.0], [2.0]]), what="second clipped array")


@case("correctness", hint="Below max_norm the gradients are returned unchanged.")
def test_below_max_is_unchanged(sol):
    grads = [np.array([3.0, 0.0]), np.array([[0.0], [4.0]])]
    clipped, norm = sol.clip_grad_norm(grads, 10.0)
    expect_close(norm, 5.0, what="total norm")
    expect_close(clipped[0], grads[0], what="first array")
    expect_close(clipped[1], grads[1], what="second array")
