import numpy as np

from mldrill.grading.testkit import case, expect_close


@case("correctness")
def test_logit_zero(sol):
    got = sol.bce_with_logits(np.array([0.0, 0.0]), np.array([1.0, 0.0]))
    expect_close(got, np.log(2.0), rtol=1e-10)


@case("numerical_stability", hint="Never take log(sigmoid(z)): it is log(0) for large |z|.")
def test_large_logits(sol):
    got = sol.bce_with_logits(np.array([1e4, -1e4]), np.array([0.0, 0.0]))
    expect_close(got, 5000.0, rtol=1e-10)
