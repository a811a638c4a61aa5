import numpy as np

from mldrill.grading.testkit import box_rng, case, expect_close


@case("correctness", hint="Keep an entry where rng.random(x.shape) >= p; scale it by 1 / (1 - p).")
def test_example(sol):
    got = sol.dropout(np.array([1.0, 2.0, 3.0, 4.0]), 0.25, box_rng(sol, 0))
    expect_close(got, np.array([4 / 3, 8 / 3, 0.0, 0.0]), rtol=1e-12)


@case("edge_cases", hint="At inference time dropout is the identity.")
def test_eval_is_identity(sol):
    x = np.array([[1.0, -2.0], [3.5, 0.0]])
    expect_close(sol.dropout(x, 0.5, box_rng(sol, 0), training=False), x)
