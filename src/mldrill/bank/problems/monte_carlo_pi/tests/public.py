import math

import numpy as np

from mldrill.grading.testkit import box_rng, case, expect, expect_raises


@case("correctness")
def test_deterministic_and_close(sol):
    first = sol.estimate_pi(100_000, box_rng(sol, 7))
    second = sol.estimate_pi(100_000, box_rng(sol, 7))
    expect(first == second, f"the same seed gave {first} and {second}")
    expect(abs(first - math.pi) < 0.03, f"estimate {first} is far from pi")


@case("correctness")
def test_with_error(sol):
    est, se = sol.estimate_pi_with_error(10_000, box_rng(sol, 1))
    p = est / 4
    expect(abs(se - 4 * np.sqrt(p * (1 - p) / 10_000)) < 1e-12, f"unexpected std error {se}")


@case("edge_cases")
def test_zero_samples(sol):
    expect_raises("ValueError", sol.estimate_pi, 0, box_rng(sol, 0))
