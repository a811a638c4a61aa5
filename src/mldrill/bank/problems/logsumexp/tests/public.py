import numpy as np

from mldrill.grading.testkit import case, expect_close


@case("correctness")
def test_vector(sol):
    got = sol.logsumexp(np.array([1.0, 2.0, 3.0]))
    if type(got) is np.ndarray and got.shape == (1,):  # a 0-d array arrives with shape (1,)
        got = got.reshape(())
    expect_close(got, 3.4076059644443806, rtol=1e-10)


@case("numerical_stability", hint="Subtract the max along the axis before calling exp.")
def test_large_row_and_masked_row(sol):
    x = np.array([[1000.0, 1000.0], [-np.inf, -np.inf]])
    got = sol.logsumexp(x, axis=1)
    expect_close(got, np.array([1000.0 + np.log(2.0), -np.inf]), rtol=1e-12)
