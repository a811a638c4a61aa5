import math

import numpy as np

from mldrill.grading.testkit import case, expect_close


@case("correctness")
def test_small_table(sol):
    got = sol.sinusoidal_positional_encoding(3, 4)
    # omega = [1, 10000^(-2/4)] = [1, 1/100]
    want = np.array(
        [[math.sin(p), math.cos(p), math.sin(p / 100), math.cos(p / 100)] for p in range(3)]
    )
    expect_close(got, want, rtol=1e-10, atol=1e-12)


@case("edge_cases")
def test_empty_sequence(sol):
    got = sol.sinusoidal_positional_encoding(0, 3)
    expect_close(got, np.zeros((0, 3)), what="a table with no positions")
