import numpy as np

from mldrill.grading.testkit import attr, case, expect_close


@case("correctness")
def test_example_training_step(sol):
    bn = sol.BatchNorm(2, eps=0.0)
    y = bn.forward(np.array([[1.0, 2.0], [3.0, 6.0]]))
    expect_close(y, np.array([[-1.0, -1.0], [1.0, 1.0]]), what="training output")
    expect_close(attr(bn.running_mean), np.array([0.2, 0.4]), what="running_mean")
    expect_close(attr(bn.running_var), np.array([1.1, 1.7]), what="running_var")


@case("correctness")
def test_eval_uses_running_statistics(sol):
    bn = sol.BatchNorm(2, eps=0.0)
    bn.forward(np.array([[1.0, 2.0], [3.0, 6.0]]))
    y = bn.forward(np.array([[0.2, 0.4]]), training=False)
    expect_close(y, np.array([[0.0, 0.0]]), atol=1e-12, what="eval output")
