import numpy as np

from mldrill.grading.testkit import box_rng, case, expect, expect_close, expect_fast, expect_raises


def _replay(data, seed, n_resamples, statistic=np.mean):
    """The resample statistics the spec's draw order gives for this seed."""
    idx = np.random.default_rng(seed).integers(0, len(data), size=(n_resamples, len(data)))
    return statistic(data[idx], axis=1)


@case(
    "correctness", hint="Draw idx = rng.integers(0, n, size=(n_resamples, n)); row b is resample b."
)
def test_statistics_follow_the_draws(sol, rng):
    data = rng.normal(loc=5.0, size=25)
    got = sol.bootstrap_statistics(data, box_rng(sol, 11), 300)
    expect_close(got, _replay(data, 11, 300), rtol=1e-12, what="bootstrap means (seed 11)")
    got = sol.bootstrap_statistics(data, box_rng(sol, 12), 200, "median")
    want = _replay(data, 12, 200, np.median)
    expect_close(got, want, rtol=1e-12, what="bootstrap medians (seed 12)")


@case("correctness", hint="low and high are np.quantile(stats, [alpha / 2, 1 - alpha / 2]).")
def test_interval_from_the_draws(sol, rng):
    data = rng.exponential(scale=2.0, size=30)
    for seed, conf in [(1, 0.95), (2, 0.9), (3, 0.5)]:
        stats = _replay(data, seed, 1000)
        alpha = 1 - conf
        want = np.quantile(stats, [alpha / 2, 1 - alpha / 2])
        low, high = sol.bootstrap_ci(data, box_rng(sol, seed), 1000, conf)
        expect_close(low, want[0], rtol=1e-12, what=f"low end, confidence {conf}")
        expect_close(high, want[1], rtol=1e-12, what=f"high end, confidence {conf}")


@case("correctness")
def test_matches_reference_median(sol, ref, rng):
    data = rng.standard_t(df=3, size=41)
    got = sol.bootstrap_ci(data, box_rng(sol, 7), 1500, 0.8, "median")
    want = ref.bootstrap_ci(data, np.random.default_rng(7), 1500, 0.8, "median")
    expect_close(got[0], want[0], rtol=1e-12, what="low end of the median interval")
    expect_close(got[1], want[1], rtol=1e-12, what="high end of the median interval")


@case("correctness", hint="Split 1 - confidence evenly: alpha / 2 in each tail.")
def test_two_points_by_hand(sol):
    data = np.array([0.0, 1.0])
    # A resample mean is 0, 0.5 or 1 with probabilities 1/4, 1/2, 1/4. With confidence 0.6
    # the 20% and 80% quantiles fall in the 0 and 1 blocks; with 0.4 the 30% and 70%
    # quantiles both fall in the 0.5 block.
    low, high = sol.bootstrap_ci(data, box_rng(sol, 0), 4000, 0.6)
    expect_close(
        np.array([low, high]), np.array([0.0, 1.0]), what="interval for [0, 1] at confidence 0.6"
    )
    low, high = sol.bootstrap_ci(data, box_rng(sol, 0), 4000, 0.4)
    expect_close(
        np.array([low, high]), np.array([0.5, 0.5]), what="interval for [0, 1] at confidence 0.4"
    )


@case("correctness", hint="Use only the rng you are given.")
def test_same_seed_same_answer(sol, rng):
    data = rng.normal(size=50)
    first = sol.bootstrap_ci(data, box_rng(sol, 5), 800)
    second = sol.bootstrap_ci(data, box_rng(sol, 5), 800)
    expect(first == second, f"two rngs seeded 5 gave {first} and {second}")


@case(
    "correctness",
    timeout=10.0,
    hint="A 95% interval should contain the true mean ~95% of the time.",
)
def test_coverage(sol, rng):
    hits = 0
    for seed in range(80):
        data = rng.normal(loc=3.0, scale=2.0, size=40)
        low, high = sol.bootstrap_ci(data, box_rng(sol, seed), 400, 0.95)
        hits += low <= 3.0 <= high
    # The percentile bootstrap under-covers a little for n = 40: about 74 in 80.
    expect(66 <= hits <= 80, f"the 95% interval covered the true mean in {hits} of 80 runs")


@case("correctness")
def test_width_shrinks_like_root_n(sol, rng):
    small = rng.normal(size=40)
    large = rng.normal(size=1000)
    w_small = np.subtract(*sol.bootstrap_ci(small, box_rng(sol, 1), 1000)[::-1])
    w_large = np.subtract(*sol.bootstrap_ci(large, box_rng(sol, 1), 1000)[::-1])
    ratio = w_small / w_large  # sqrt(1000 / 40) = 5 up to the sample spreads
    expect(3.0 < ratio < 8.0, f"interval widths {w_small:.3f} (n=40) and {w_large:.3f} (n=1000)")


@case("edge_cases", hint="One value (or all values equal): every resample is the same.")
def test_degenerate_data(sol):
    low, high = sol.bootstrap_ci(np.array([4.25]), box_rng(sol, 0), 100)
    expect_close(np.array([low, high]), np.array([4.25, 4.25]), what="interval of a single value")
    low, high = sol.bootstrap_ci(np.full(10, -1.5), box_rng(sol, 0), 100, 0.9, "median")
    expect_close(
        np.array([low, high]), np.array([-1.5, -1.5]), what="median interval of constant data"
    )


@case("edge_cases")
def test_one_resample(sol):
    data = np.array([1.0, 2.0, 4.0])
    got = sol.bootstrap_statistics(data, box_rng(sol, 9), 1)
    want = _replay(data, 9, 1)
    expect_close(got, want, what="statistics with n_resamples=1 (shape (1,))")
    low, high = sol.bootstrap_ci(data, box_rng(sol, 9), 1)
    expect_close(
        np.array([low, high]), np.array([want[0], want[0]]), what="interval from one resample"
    )


@case("edge_cases", hint="Integer data must give the same floats as float data.")
def test_integer_data(sol):
    data = np.array([3, 1, 4, 1, 5, 9, 2, 6])
    got = sol.bootstrap_ci(data, box_rng(sol, 4), 700)
    stats = _replay(data.astype(float), 4, 700)
    want = np.quantile(stats, [0.025, 0.975])
    expect_close(np.array(got), want, rtol=1e-12, what="interval from integer data")


@case(
    "edge_cases",
    hint="Raise ValueError for bad confidence, empty data, n_resamples < 1, unknown statistic.",
)
def test_invalid_arguments_raise(sol):
    data = np.array([1.0, 2.0, 3.0])
    for conf in (0.0, 1.0, 1.5, -0.1):
        expect_raises("ValueError", sol.bootstrap_ci, data, box_rng(sol, 0), 100, conf)
    expect_raises("ValueError", sol.bootstrap_ci, np.array([]), box_rng(sol, 0), 100)
    expect_raises("ValueError", sol.bootstrap_ci, data, box_rng(sol, 0), 0)
    expect_raises("ValueError", sol.bootstrap_ci, data, box_rng(sol, 0), 100, 0.9, "mode")
    expect_raises("ValueError", sol.bootstrap_statistics, data, box_rng(sol, 0), 100, "max")


@case("efficiency", timeout=10.0, hint="Index data with the whole (n_resamples, n) array at once.")
def test_speed(sol, ref, rng):
    data = rng.normal(size=10)

    def reference(d, _boxed_rng, n_resamples):
        return ref.bootstrap_ci(d, np.random.default_rng(0), n_resamples)

    expect_fast(sol.bootstrap_ci, reference, data, box_rng(sol, 0), 10_000, max_ratio=10)
