import numpy as np

from mldrill.grading.testkit import case, expect, expect_close, expect_fast

SOFTPLUS_HINT = (
    "-log sigmoid(z) = softplus(-z) and -log(1 - sigmoid(z)) = softplus(z), where "
    "softplus(z) = log(1 + e^z) = max(z, 0) + log1p(exp(-|z|)): no exp of a large number, "
    "no log of 0."
)
WEIGHT_HINT = "pos_weight multiplies the positive term y * softplus(-z) only."

LOG3 = np.log(3.0)  # sigmoid(log 3) = 3/4 exactly


def _direct(z, y, w=1.0):
    """The textbook formula, accurate in float64 for moderate logits."""
    p = 1.0 / (1.0 + np.exp(-z))
    return float(np.mean(-(w * y * np.log(p) + (1.0 - y) * np.log(1.0 - p))))


@case("correctness")
def test_known_values(sol):
    got = sol.bce_with_logits(np.array([LOG3]), np.array([1.0]))
    expect_close(got, np.log(4.0 / 3.0), rtol=1e-12, what="z = log 3, y = 1")
    got = sol.bce_with_logits(np.array([LOG3]), np.array([0.0]))
    expect_close(got, np.log(4.0), rtol=1e-12, what="z = log 3, y = 0")
    got = sol.bce_with_logits(np.array([-LOG3]), np.array([0.0]))
    expect_close(got, np.log(4.0 / 3.0), rtol=1e-12, what="z = -log 3, y = 0")


@case("correctness", hint="Average the per-entry losses over every entry.")
def test_mean_over_entries(sol):
    z = np.array([[LOG3, LOG3], [0.0, 0.0]])
    y = np.array([[1.0, 0.0], [1.0, 0.0]])
    want = (np.log(4.0 / 3.0) + np.log(4.0) + 2 * np.log(2.0)) / 4
    expect_close(sol.bce_with_logits(z, y), want, rtol=1e-12)


@case("correctness")
def test_soft_targets(sol):
    got = sol.bce_with_logits(np.array([LOG3]), np.array([0.25]))
    want = 0.25 * np.log(4.0 / 3.0) + 0.75 * np.log(4.0)
    expect_close(got, want, rtol=1e-12, what="z = log 3, y = 0.25")
    got = sol.bce_with_logits(np.array([0.0, 0.0]), np.array([0.5, 0.3]))
    expect_close(got, np.log(2.0), rtol=1e-12, what="z = 0 with soft targets")


@case("correctness", hint=SOFTPLUS_HINT)
def test_random_moderate_logits(sol, rng):
    z = rng.normal(scale=3.0, size=(6, 5))
    y = rng.uniform(size=(6, 5))
    expect_close(sol.bce_with_logits(z, y), _direct(z, y), rtol=1e-10)


@case("correctness", hint=WEIGHT_HINT)
def test_scalar_pos_weight(sol):
    z = np.array([0.0, 0.0, LOG3])
    y = np.array([1.0, 0.0, 1.0])
    want = (3 * np.log(2.0) + np.log(2.0) + 3 * np.log(4.0 / 3.0)) / 3
    expect_close(sol.bce_with_logits(z, y, pos_weight=3.0), want, rtol=1e-12)


@case("correctness", hint=WEIGHT_HINT + " An array pos_weight broadcasts along the last axis.")
def test_per_class_pos_weight(sol, rng):
    z = rng.normal(scale=2.0, size=(8, 3))
    y = (rng.uniform(size=(8, 3)) < 0.4).astype(np.float64)
    w = np.array([4.0, 0.5, 1.0])
    expect_close(sol.bce_with_logits(z, y, pos_weight=w), _direct(z, y, w), rtol=1e-10)
    got = sol.bce_with_logits(np.array([[0.0, 0.0]]), np.array([[1, 1]]), pos_weight=w[:2])
    expect_close(got, (4.0 + 0.5) / 2 * np.log(2.0), rtol=1e-12, what="two classes at z = 0")


@case("edge_cases", hint=WEIGHT_HINT)
def test_pos_weight_leaves_negatives_alone(sol):
    z = np.array([0.5, -1.0, 2.0])
    y = np.zeros(3)
    base = sol.bce_with_logits(z, y)
    expect_close(sol.bce_with_logits(z, y, pos_weight=5.0), base, rtol=1e-12,
                 what="all-negative targets with pos_weight=5")  # fmt: skip
    expect_close(sol.bce_with_logits(z, y, pos_weight=1.0), base, rtol=1e-12,
                 what="pos_weight=1 equals no weight")  # fmt: skip
    ones = np.ones(3)
    expect_close(sol.bce_with_logits(z, ones, pos_weight=0.0), 0.0, atol=0.0,
                 what="all-positive targets with pos_weight=0")  # fmt: skip


@case("edge_cases", hint="Convert targets to float before computing 1 - y.")
def test_integer_targets(sol):
    z = np.array([[LOG3, -LOG3], [0.0, 2.0]])
    y = np.array([[1, 1], [0, 0]])
    want = _direct(z, y.astype(np.float64))
    expect_close(sol.bce_with_logits(z, y), want, rtol=1e-12)


@case("edge_cases")
def test_single_entry_and_3d(sol, rng):
    got = sol.bce_with_logits(np.array([2.0]), np.array([1.0]))
    expect_close(got, np.log1p(np.exp(-2.0)), rtol=1e-12, what="one entry")
    z = rng.normal(size=(2, 3, 4))
    y = rng.uniform(size=(2, 3, 4))
    expect_close(sol.bce_with_logits(z, y), _direct(z, y), rtol=1e-10, what="a 3-D batch")


@case("edge_cases", hint=SOFTPLUS_HINT)
def test_float32_logits(sol):
    z = np.array([100.0, -100.0, LOG3], dtype=np.float32)
    y = np.array([0.0, 1.0, 1.0], dtype=np.float32)
    want = (100.0 + 100.0 + np.log(4.0 / 3.0)) / 3
    expect_close(sol.bce_with_logits(z, y), want, rtol=1e-6, what="float32 logits")


@case("numerical_stability", hint=SOFTPLUS_HINT)
def test_confident_mistakes(sol):
    z = np.array([1e4, -1e4, 1e4, -1e4])
    y = np.array([1.0, 0.0, 0.0, 1.0])
    expect_close(sol.bce_with_logits(z, y), 5000.0, rtol=1e-12, what="logits of +-1e4")
    got = sol.bce_with_logits(np.array([800.0, -800.0]), np.array([0.0, 1.0]))
    expect_close(got, 800.0, rtol=1e-12, what="logits of +-800")
    got = sol.bce_with_logits(np.array([-1e4]), np.array([1.0]), pos_weight=2.0)
    expect_close(got, 2e4, rtol=1e-12, what="logit -1e4, y = 1, pos_weight = 2")


@case("numerical_stability", hint=SOFTPLUS_HINT)
def test_tiny_losses_are_accurate(sol):
    # log(1 + e^-40) = 4.248354255291589e-18: 1 - sigmoid(-40) rounds to exactly 1.
    got = sol.bce_with_logits(np.array([-40.0]), np.array([0.0]))
    expect_close(got, 4.248354255291589e-18, rtol=1e-9, atol=0.0, what="z = -40, y = 0")
    got = sol.bce_with_logits(np.array([30.0]), np.array([1.0]))
    expect_close(got, 9.357622968839737e-14, rtol=1e-9, atol=0.0, what="z = 30, y = 1")
    got = sol.bce_with_logits(np.array([50.0, -50.0]), np.array([1.0, 0.0]))
    expect_close(got, 1.9287498479639178e-22, rtol=1e-9, atol=0.0, what="z = +-50")


@case("numerical_stability")
def test_wide_range_is_finite(sol, rng):
    z = rng.uniform(-5e3, 5e3, size=(50, 20))
    y = (rng.uniform(size=(50, 20)) < 0.5).astype(np.float64)
    got = sol.bce_with_logits(z, y)
    # np.logaddexp(0, z) = log(1 + e^z), computed stably by NumPy
    want = float(np.mean(y * np.logaddexp(0.0, -z) + (1 - y) * np.logaddexp(0.0, z)))
    expect(bool(np.isfinite(got)), f"loss for logits in +-5000 is {got}")
    expect_close(got, want, rtol=1e-9, what="loss for logits in +-5000")


@case("efficiency", timeout=10.0, hint="Vectorise over every entry with NumPy.")
def test_large_batch_speed(sol, ref, rng):
    z = rng.normal(scale=4.0, size=(10000, 4))
    y = (rng.uniform(size=(10000, 4)) < 0.3).astype(np.float64)
    w = np.array([2.0, 1.0, 0.5, 3.0])
    expect_close(sol.bce_with_logits(z, y, w), ref.bce_with_logits(z, y, w), rtol=1e-10)
    expect_fast(sol.bce_with_logits, ref.bce_with_logits, z, y, w, max_ratio=10)
