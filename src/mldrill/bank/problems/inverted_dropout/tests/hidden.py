import numpy as np

from mldrill.grading.testkit import box_rng, case, expect, expect_close, expect_fast, expect_raises


@case("correctness", hint="Keep an entry where rng.random(x.shape) >= p; scale it by 1 / (1 - p).")
def test_example_by_hand(sol):
    # rng.random(4) with seed 0 is [0.637, 0.270, 0.041, 0.017]: with p = 0.25 the first
    # two survive and are scaled by 4/3.
    got = sol.dropout(np.array([1.0, 2.0, 3.0, 4.0]), 0.25, box_rng(sol, 0))
    expect_close(got, np.array([4 / 3, 8 / 3, 0.0, 0.0]), rtol=1e-12, what="dropout, p = 0.25")
    # With p = 0.5 only the first entry survives, scaled by 2.
    got = sol.dropout(np.array([1.0, 2.0, 3.0, 4.0]), 0.5, box_rng(sol, 0))
    expect_close(got, np.array([2.0, 0.0, 0.0, 0.0]), rtol=1e-12, what="dropout, p = 0.5")


@case("correctness", hint="Draw u = rng.random(x.shape) once per call, from the rng you are given.")
def test_matches_reference(sol, ref, rng):
    for seed, shape, p in [(1, (7,), 0.1), (2, (4, 5), 0.5), (3, (2, 3, 4), 0.8)]:
        x = rng.normal(size=shape)
        got = sol.dropout(x, p, box_rng(sol, seed))
        want = ref.dropout(x, p, np.random.default_rng(seed))
        expect_close(got, want, rtol=1e-12, what=f"dropout of shape {shape} with p = {p}")


@case("correctness", hint="Each call draws a fresh mask from the same rng.")
def test_successive_calls_advance_the_rng(sol, ref, rng):
    x = rng.normal(size=(6, 6))
    boxed, local = box_rng(sol, 11), np.random.default_rng(11)
    first = sol.dropout(x, 0.5, boxed)
    second = sol.dropout(x, 0.5, boxed)
    expect_close(first, ref.dropout(x, 0.5, local), rtol=1e-12, what="first call")
    expect_close(second, ref.dropout(x, 0.5, local), rtol=1e-12, what="second call")
    expect(not np.array_equal(first == 0, second == 0), "two calls used the same mask")


@case("correctness", hint="Survivors are x / (1 - p); about a share p of entries is zero.")
def test_keep_rate_and_scale(sol):
    p = 0.3
    x = np.full(200_000, 2.0)
    got = sol.dropout(x, p, box_rng(sol, 5))
    kept = got != 0
    expect_close(got[kept], np.full(int(kept.sum()), 2.0 / 0.7), rtol=1e-12, what="survivors")
    share = kept.mean()
    expect(abs(share - 0.7) < 0.005, f"kept {share:.4f} of the entries, expected about 0.7")


@case("correctness", hint="Inverted dropout preserves the expected value: E[out] = x.")
def test_mean_is_preserved(sol):
    for p in (0.2, 0.5, 0.9):
        got = sol.dropout(np.ones(400_000), p, box_rng(sol, 21))
        expect(abs(got.mean() - 1.0) < 0.02, f"mean output {got.mean():.4f} for p = {p}, want ~1")


@case("edge_cases", hint="training=False returns a copy of x and draws nothing from rng.")
def test_eval_is_identity_and_draws_nothing(sol, ref, rng):
    x = rng.normal(size=(5, 4))
    boxed = box_rng(sol, 3)
    for p in (0.0, 0.5, 1.0):
        expect_close(sol.dropout(x, p, boxed, training=False), x, rtol=0, atol=0, what="eval")
    got = sol.dropout(x, 0.5, boxed)
    want = ref.dropout(x, 0.5, np.random.default_rng(3))
    expect_close(got, want, rtol=1e-12, what="first training call after eval calls")


@case("edge_cases", hint="p = 0 drops nothing: return a copy of x without drawing.")
def test_p_zero_is_identity_and_draws_nothing(sol, ref, rng):
    x = rng.normal(size=(3, 7))
    boxed = box_rng(sol, 4)
    expect_close(sol.dropout(x, 0.0, boxed), x, rtol=0, atol=0, what="dropout with p = 0")
    got = sol.dropout(x, 0.5, boxed)
    want = ref.dropout(x, 0.5, np.random.default_rng(4))
    expect_close(got, want, rtol=1e-12, what="first call after a p = 0 call")


@case("edge_cases", hint="p must be a probability: raise ValueError outside [0, 1].")
def test_invalid_p_raises(sol):
    x = np.ones(3)
    for p in (-0.1, 1.5):
        expect_raises("ValueError", sol.dropout, x, p, box_rng(sol, 0))


@case("edge_cases", hint="Keep the input's dtype: scale by a Python float, not a float64 array.")
def test_float32_stays_float32(sol):
    x = np.arange(1, 9, dtype=np.float32)
    got = sol.dropout(x, 0.5, box_rng(sol, 8))
    expect(got.dtype == np.float32, f"expected dtype float32, got {got.dtype}")
    want = np.where(np.random.default_rng(8).random(8) >= 0.5, 2 * x, 0).astype(np.float32)
    expect_close(got, want, rtol=1e-6, what="float32 dropout")


@case("edge_cases", weight=0.5, hint="The rule is keep where u >= p: u == p is kept.")
def test_draw_equal_to_p_is_kept(sol):
    u = np.random.default_rng(12).random(6)
    p = float(u[4])  # a probability that the draw hits exactly
    got = sol.dropout(np.ones(6), p, box_rng(sol, 12))
    want = np.where(u >= p, 1.0 / (1.0 - p), 0.0)
    expect_close(got, want, rtol=1e-12, what=f"dropout when one draw equals p = {p}")


@case("numerical_stability", hint="p = 1 drops everything: return zeros, never 0 / 0 = nan.")
def test_p_one_gives_zeros(sol, ref, rng):
    x = rng.normal(size=(4, 4))
    boxed = box_rng(sol, 6)
    got = sol.dropout(x, 1.0, boxed)
    expect(bool(np.all(np.isfinite(got))), "dropout with p = 1 returned nan or inf")
    expect_close(got, np.zeros((4, 4)), rtol=0, atol=0, what="dropout with p = 1")
    after = sol.dropout(x, 0.5, boxed)
    want = ref.dropout(x, 0.5, np.random.default_rng(6))
    expect_close(after, want, rtol=1e-12, what="first call after a p = 1 call")


@case("efficiency", timeout=10.0, hint="Build the whole mask with one rng.random call.")
def test_speed(sol, ref, rng):
    x = rng.normal(size=(2500, 50))

    def reference(x, p, _boxed_rng):
        return ref.dropout(x, p, np.random.default_rng(0))

    # a loop over the 125k entries takes ~50 ms; the 10 ms floor absorbs transfer noise
    expect_fast(sol.dropout, reference, x, 0.5, box_rng(sol, 0), max_ratio=10, floor_ms=10)
