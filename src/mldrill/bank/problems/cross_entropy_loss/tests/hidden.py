import math

import numpy as np

from mldrill.grading.testkit import case, expect, expect_close, expect_fast, expect_raises

LN3 = math.log(3.0)


def _by_definition(logits, target, weight=None, ignore_index=-100):
    """The loss row by row with math.exp and math.log (fine for moderate logits)."""
    num = den = 0.0
    for row, t in zip(logits.tolist(), target.tolist(), strict=True):
        if t == ignore_index:
            continue
        p = math.exp(row[t]) / sum(math.exp(v) for v in row)
        w = 1.0 if weight is None else float(weight[t])
        num -= w * math.log(p)
        den += w
    return num / den


@case("correctness", hint="Equal logits give probability 1/C to every class: the loss is log C.")
def test_uniform_logits(sol):
    got = sol.cross_entropy(np.zeros((4, 5)), np.array([0, 1, 4, 2]))
    expect_close(got, math.log(5.0), rtol=1e-12, what="loss of all-zero logits over 5 classes")


@case("correctness", hint="loss_i = -log softmax(logits_i)[target_i]; return the mean over rows.")
def test_by_hand(sol):
    logits = np.array([[0.0, LN3], [0.0, LN3]])  # softmax = (1/4, 3/4) in both rows
    expect_close(
        sol.cross_entropy(logits[:1], np.array([1])),
        math.log(4 / 3),
        rtol=1e-12,
        what="one row, target 1 (p = 3/4)",
    )
    expect_close(
        sol.cross_entropy(logits[:1], np.array([0])),
        math.log(4.0),
        rtol=1e-12,
        what="one row, target 0 (p = 1/4)",
    )
    expect_close(
        sol.cross_entropy(logits, np.array([1, 0])),
        (math.log(4 / 3) + math.log(4)) / 2,
        rtol=1e-12,
        what="mean over two rows",
    )


@case("correctness")
def test_matches_definition(sol, rng):
    logits = rng.normal(scale=3.0, size=(40, 6))
    target = rng.integers(0, 6, size=40)
    want = _by_definition(logits, target)
    expect_close(sol.cross_entropy(logits, target), want, rtol=1e-10, what="mean cross-entropy")


@case("correctness", hint="A weighted mean divides by the sum of the weights of the rows used.")
def test_class_weights_by_hand(sol):
    logits = np.array([[0.0, LN3], [0.0, LN3]])
    # Row 0 (target 1) has weight 1, row 1 (target 0) weight 2: (log(4/3) + 2 log 4) / 3.
    got = sol.cross_entropy(logits, np.array([1, 0]), weight=np.array([2.0, 1.0]))
    want = (math.log(4 / 3) + 2 * math.log(4.0)) / 3
    expect_close(got, want, rtol=1e-12, what="loss with class weights (2, 1)")


@case("correctness")
def test_class_weights_match_definition(sol, rng):
    logits = rng.normal(size=(30, 4))
    target = rng.integers(0, 4, size=30)
    weight = np.array([0.5, 2.0, 1.0, 3.0])
    want = _by_definition(logits, target, weight)
    expect_close(sol.cross_entropy(logits, target, weight), want, rtol=1e-10, what="weighted loss")


@case("correctness", hint="Rows whose target is ignore_index count in neither sum nor denominator.")
def test_ignore_index(sol, rng):
    logits = rng.normal(size=(12, 3))
    target = rng.integers(0, 3, size=12)
    target[[1, 4, 5, 9]] = -100
    want = _by_definition(logits, target)
    expect_close(sol.cross_entropy(logits, target), want, rtol=1e-10, what="loss with -100 targets")
    kept = target != -100
    expect_close(
        sol.cross_entropy(logits[kept], target[kept]),
        want,
        rtol=1e-10,
        what="the same loss with the ignored rows removed",
    )


@case("correctness", hint="ignore_index is a parameter: it may be any value, even a class index.")
def test_custom_ignore_index_with_weights(sol, rng):
    logits = rng.normal(size=(10, 4))
    target = np.array([0, 1, 2, 3, 0, 1, 2, 3, 0, 3])
    weight = np.array([1.0, 0.5, 2.0, 4.0])
    want = _by_definition(logits, target, weight, ignore_index=3)
    got = sol.cross_entropy(logits, target, weight, ignore_index=3)
    expect_close(got, want, rtol=1e-10, what="weighted loss ignoring class 3")


@case("edge_cases", hint="With every row ignored there is nothing to average: return 0.0.")
def test_all_ignored(sol):
    got = sol.cross_entropy(np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([-100, -100]))
    expect_close(got, 0.0, what="loss when every target is ignored")
    got = sol.cross_entropy(np.array([[1.0, 2.0]]), np.array([1]), ignore_index=1)
    expect_close(got, 0.0, what="loss when the only row is ignored")


@case("edge_cases", hint="Targets must be in [0, C) unless equal to ignore_index.")
def test_target_out_of_range_raises(sol):
    logits = np.zeros((2, 3))
    expect_raises("ValueError", sol.cross_entropy, logits, np.array([0, 3]))
    expect_raises("ValueError", sol.cross_entropy, logits, np.array([-1, 0]))
    expect_raises("ValueError", sol.cross_entropy, logits, np.array([0, -100]), None, 5)


@case("edge_cases")
def test_single_class_and_single_row(sol):
    expect_close(
        sol.cross_entropy(np.array([[3.7], [-2.0]]), np.array([0, 0])),
        0.0,
        atol=1e-15,
        what="loss with one class (probability 1)",
    )
    got = sol.cross_entropy(np.array([[2.0, 0.0, -1.0]]), np.array([2]))
    want = -(-1.0 - math.log(math.exp(2.0) + 1.0 + math.exp(-1.0)))
    expect_close(got, want, rtol=1e-12, what="loss of a single row")


@case("edge_cases", hint="Integer logits must give the same loss as float logits.")
def test_integer_logits(sol):
    got = sol.cross_entropy(np.array([[0, 0, 0], [1, 1, 1]]), np.array([2, 0]))
    expect_close(got, math.log(3.0), rtol=1e-12, what="loss of integer logits")


@case("edge_cases", hint="Adding a constant to a row does not change its softmax.")
def test_shift_invariance(sol, rng):
    logits = rng.normal(size=(8, 5))
    target = rng.integers(0, 5, size=8)
    base = sol.cross_entropy(logits, target)
    shifted = logits + rng.normal(scale=50.0, size=(8, 1))
    expect_close(sol.cross_entropy(shifted, target), base, rtol=1e-9, what="loss after row shifts")


@case("numerical_stability", hint="exp(1000) overflows: subtract the row max inside log-sum-exp.")
def test_large_logits(sol):
    logits = np.array([[1000.0, 0.0], [1000.0, 0.0]])
    # -log softmax: log(1 + e^-1000) = 0 for the favoured class and 1000 for the other.
    expect_close(
        sol.cross_entropy(logits[:1], np.array([0])),
        0.0,
        atol=1e-12,
        what="loss for a right, confident logit of 1000",
    )
    expect_close(
        sol.cross_entropy(logits, np.array([0, 1])), 500.0, rtol=1e-12, what="mean of 0 and 1000"
    )


@case(
    "numerical_stability",
    hint="log(softmax) is log(0) = -inf when p underflows: use x - logsumexp.",
)
def test_confident_wrong_prediction(sol):
    logits = np.array([[0.0, -1e4], [5e3, -5e3]])
    # The true class is 1e4 below the other: p = e^-10000 rounds to 0, but the loss is 1e4.
    expect_close(
        sol.cross_entropy(logits[:1], np.array([1])),
        1e4,
        rtol=1e-12,
        what="loss when the true class has logit 1e4 below the other",
    )
    expect_close(
        sol.cross_entropy(logits, np.array([1, 1])),
        1e4,
        rtol=1e-12,
        what="mean of two losses of 1e4 (the second row: 5e3 vs -5e3)",
    )


@case("numerical_stability")
def test_wide_logits_match_logaddexp(sol, rng):
    logits = rng.uniform(-3e3, 3e3, size=(50, 7))
    target = rng.integers(0, 7, size=50)
    lse = np.logaddexp.reduce(logits, axis=1)
    want = float(np.mean(lse - logits[np.arange(50), target]))
    got = sol.cross_entropy(logits, target)
    expect(math.isfinite(got), f"loss should be finite for logits in ±3000, got {got}")
    expect_close(got, want, rtol=1e-12, what="loss for logits in ±3000")


@case("efficiency", timeout=10.0, hint="Compute every row at once: no Python loop over samples.")
def test_speed(sol, ref, rng):
    logits = rng.normal(size=(5000, 10))
    target = rng.integers(0, 10, size=5000)
    expect_fast(sol.cross_entropy, ref.cross_entropy, logits, target, max_ratio=10)
