import numpy as np

from mldrill.grading.testkit import case, expect_close


@case("correctness")
def test_vector(sol):
    got = sol.softmax(np.array([1.0, 2.0, 3.0]))
    expect_close(got, np.array([0.09003057317, 0.24472847105, 0.66524095577]), rtol=1e-8)


@case("numerical_stability", hint="Subtract the max along the axis before calling exp.")
def test_one_large_logit(sol):
    got = sol.softmax(np.array([[1.0, 1.0], [0.0, 1000.0]]), axis=1)
    expect_close(got, np.array([[0.5, 0.5], [0.0, 1.0]]), atol=1e-12)
