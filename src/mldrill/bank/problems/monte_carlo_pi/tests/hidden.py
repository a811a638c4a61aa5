import math

import numpy as np

from mldrill.grading.testkit import box_rng, case, expect, expect_close, expect_fast, expect_raises


@case("correctness", hint="Draw the points as rng.random((n_samples, 2)) from the given rng.")
def test_matches_reference(sol, ref):
    for seed, n in [(1, 10), (7, 1000), (123, 54321)]:
        got = sol.estimate_pi(n, box_rng(sol, seed))
        want = ref.estimate_pi(n, np.random.default_rng(seed))
        expect_close(got, want, rtol=1e-12, what=f"estimate_pi({n}) with seed {seed}")


@case("correctness", hint="Use only the rng argument; never np.random.* global functions.")
def test_same_seed_same_answer(sol):
    for n in (1_000, 10_000, 100_000):
        first = sol.estimate_pi(n, box_rng(sol, 7))
        second = sol.estimate_pi(n, box_rng(sol, 7))
        expect(first == second, f"two rngs seeded 7 gave {first!r} and {second!r} for n={n}")


@case("correctness")
def test_counts_points_by_hand(sol):
    n = 8
    points = np.random.default_rng(42).random((n, 2))
    inside = sum(1 for x, y in points.tolist() if x * x + y * y <= 1.0)
    got = sol.estimate_pi(n, box_rng(sol, 42))
    expect_close(got, 4.0 * inside / n, rtol=1e-12, what="estimate from 8 points")


@case("correctness", timeout=10.0, hint="Return a float: 4 * (points inside) / n_samples.")
def test_close_to_pi_for_a_million(sol):
    n = 1_000_000
    got = sol.estimate_pi(n, box_rng(sol, 2024))
    expect(isinstance(got, float), f"expected a float, got {type(got).__name__}")
    # The standard error is 4 * sqrt(p (1 - p) / n) with p = pi / 4: about 0.0016.
    se = 4.0 * math.sqrt((math.pi / 4) * (1 - math.pi / 4) / n)
    expect(abs(got - math.pi) < 5 * se, f"estimate {got} is more than 5 standard errors from pi")


@case("correctness", timeout=10.0)
def test_error_shrinks_with_n(sol):
    def mean_abs_error(n):
        return np.mean([abs(sol.estimate_pi(n, box_rng(sol, s)) - math.pi) for s in range(10)])

    small, large = mean_abs_error(100), mean_abs_error(20_000)
    # The error falls like 1 / sqrt(n): 200 times the samples, about 14 times less error.
    expect(large < small / 5, f"mean |error| is {small:.4f} at n=100 but {large:.4f} at n=20000")


@case("correctness", hint="Same draws as estimate_pi; the error is 4 * sqrt(p (1 - p) / n).")
def test_with_error_matches_estimate(sol, ref):
    for seed, n in [(3, 50), (11, 4000)]:
        est, se = sol.estimate_pi_with_error(n, box_rng(sol, seed))
        expect_close(est, sol.estimate_pi(n, box_rng(sol, seed)), rtol=1e-12, what="estimate")
        p = est / 4.0
        expect_close(se, 4.0 * math.sqrt(p * (1 - p) / n), rtol=1e-9, what=f"std error, n={n}")
        want = ref.estimate_pi_with_error(n, np.random.default_rng(seed))
        expect_close(se, want[1], rtol=1e-9, what=f"std error, n={n}")


@case("correctness", hint="The error of 4 * p is 4 times the error of p.")
def test_error_bars_cover_pi(sol):
    hits = 0
    for seed in range(100):
        est, se = sol.estimate_pi_with_error(2000, box_rng(sol, seed))
        hits += abs(est - math.pi) <= 1.96 * se
    expect(85 <= hits <= 100, f"est ± 1.96 se covered pi in {hits} of 100 runs; expected about 95")


@case("edge_cases", hint="Check n_samples before drawing: it must be at least 1.")
def test_non_positive_n_raises(sol):
    for n in (0, -5):
        expect_raises("ValueError", sol.estimate_pi, n, box_rng(sol, 0))
        expect_raises("ValueError", sol.estimate_pi_with_error, n, box_rng(sol, 0))


@case("edge_cases")
def test_single_sample(sol, ref):
    for seed in (0, 1, 2, 3):
        got = sol.estimate_pi(1, box_rng(sol, seed))
        want = ref.estimate_pi(1, np.random.default_rng(seed))
        expect_close(got, want, what=f"estimate from one point (seed {seed})")
        est, se = sol.estimate_pi_with_error(1, box_rng(sol, seed))
        expect_close(se, 0.0, what="the standard error from one point")


@case("edge_cases")
def test_estimate_is_multiple_of_4_over_n(sol):
    n = 37
    got = sol.estimate_pi(n, box_rng(sol, 5))
    count = got * n / 4.0
    ok = abs(count - round(count)) < 1e-9 and 0 <= round(count) <= n
    expect(ok, f"{got} is not 4 * k / {n} for a whole count k of points inside")


@case("efficiency", timeout=10.0, hint="Draw every point in one call and count with array ops.")
def test_speed(sol, ref):
    def reference(n, _boxed_rng):
        return ref.estimate_pi(n, np.random.default_rng(0))

    expect_fast(sol.estimate_pi, reference, 100_000, box_rng(sol, 0), max_ratio=15, floor_ms=3)
