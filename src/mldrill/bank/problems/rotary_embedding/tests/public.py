import math

import numpy as np

from mldrill.grading.testkit import case, expect_close


@case("correctness")
def test_d2_is_a_rotation(sol):
    x = np.array([[1.0, 0.0], [1.0, 0.0], [1.0, 0.0]])
    got = sol.apply_rotary(x)
    want = np.array([[math.cos(p), math.sin(p)] for p in range(3)])
    expect_close(got, want, rtol=1e-10, atol=1e-12)


@case("edge_cases")
def test_position_zero_is_identity(sol):
    x = np.array([[0.5, -1.0, 2.0, 3.0]])
    expect_close(sol.apply_rotary(x), x, rtol=1e-12, what="rotation at position 0")
