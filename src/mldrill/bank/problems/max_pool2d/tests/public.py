import numpy as np

from mldrill.grading.testkit import case, expect_close

X = np.array(
    [[1.0, 5.0, 2.0, 0.0], [3.0, 4.0, 8.0, 8.0], [7.0, -1.0, 6.0, 2.0], [0.0, 9.0, 1.0, 3.0]]
).reshape(1, 1, 4, 4)


@case("correctness")
def test_forward_example(sol):
    expect_close(sol.max_pool2d(X, 2), np.array([[[[5.0, 8.0], [9.0, 6.0]]]]))


@case("correctness", hint="Each window sends its gradient to its (first) maximum.")
def test_backward_example(sol):
    dx = sol.max_pool2d_backward(np.array([[[[1.0, 2.0], [3.0, 4.0]]]]), X, 2)
    want = np.array([[0, 1, 0, 0], [0, 0, 2, 0], [0, 0, 4, 0], [0, 3, 0, 0]], dtype=float)
    expect_close(dx, want.reshape(1, 1, 4, 4))
