import numpy as np

from mldrill.grading.testkit import case, expect_close


@case("correctness")
def test_statement_example(sol):
    q = np.array([[1.0, 1.0, 1.0, 1.0], [0.0, 0.0, 0.0, 0.0]])
    k = np.array([[1.0, 1.0, 1.0, 1.0], [0.0, 0.0, 0.0, 0.0]])
    v = np.array([[10.0, 0.0], [0.0, 10.0]])
    out, weights = sol.attention(q, k, v)
    # row 0 scores are [4, 0] / sqrt(4) = [2, 0]; row 1 scores are [0, 0].
    want_w = np.array([[0.8807970779778823, 0.11920292202211755], [0.5, 0.5]])
    expect_close(weights, want_w, rtol=1e-9, what="weights")
    expect_close(out, want_w @ v, rtol=1e-9, what="output")


@case("edge_cases", hint="Masked keys get weight 0; the remaining weights in the row sum to 1.")
def test_causal_mask(sol):
    q = np.zeros((3, 2))
    k = np.zeros((3, 2))
    v = np.array([[3.0], [6.0], [9.0]])
    out, weights = sol.attention(q, k, v, mask=np.tril(np.ones((3, 3), dtype=bool)))
    want_w = np.array([[1.0, 0.0, 0.0], [0.5, 0.5, 0.0], [1 / 3, 1 / 3, 1 / 3]])
    expect_close(weights, want_w, rtol=1e-9, what="weights")
    expect_close(out, np.array([[3.0], [4.5], [6.0]]), rtol=1e-9, what="output")
