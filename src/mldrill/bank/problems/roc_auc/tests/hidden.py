import numpy as np

from mldrill.grading.testkit import case, expect, expect_close, expect_fast, expect_raises


def _pairwise_auc(y, s):
    """Share of positive-negative pairs ranked right, ties 1/2: the definition itself."""
    pos, neg = s[y == 1], s[y == 0]
    wins = (pos[:, None] > neg[None, :]).sum() + 0.5 * (pos[:, None] == neg[None, :]).sum()
    return wins / (len(pos) * len(neg))


@case("correctness")
def test_auc_known_values(sol):
    y = np.array([0, 0, 1, 1])
    # Pairs (pos, neg): (0.35, 0.1) right, (0.35, 0.4) wrong, (0.8, *) right: 3 of 4.
    expect_close(sol.roc_auc(y, np.array([0.1, 0.4, 0.35, 0.8])), 0.75, what="AUC")
    expect_close(sol.roc_auc(y, np.array([0.1, 0.2, 0.3, 0.4])), 1.0, what="AUC, perfect ranking")
    expect_close(sol.roc_auc(y, np.array([0.4, 0.3, 0.2, 0.1])), 0.0, what="AUC, reversed")


@case("correctness", hint="thresholds: np.inf, then each distinct score from high to low.")
def test_curve_by_hand(sol):
    fpr, tpr, thr = sol.roc_curve(np.array([0, 0, 1, 1]), np.array([0.1, 0.4, 0.35, 0.8]))
    expect_close(thr, np.array([np.inf, 0.8, 0.4, 0.35, 0.1]), what="thresholds")
    expect_close(tpr, np.array([0.0, 0.5, 0.5, 1.0, 1.0]), what="tpr")
    expect_close(fpr, np.array([0.0, 0.0, 0.5, 0.5, 1.0]), what="fpr")


@case("correctness", hint="A tied positive-negative pair counts 1/2: the trapezoid rule does that.")
def test_ties_count_half(sol):
    y = np.array([0, 1, 0, 1])
    s = np.array([0.5, 0.5, 0.2, 0.9])
    # Pairs: (0.5, 0.5) tie = 1/2; (0.5, 0.2), (0.9, 0.5), (0.9, 0.2) right: 3.5 / 4.
    expect_close(sol.roc_auc(y, s), 0.875, what="AUC with a tied pair")
    fpr, tpr, thr = sol.roc_curve(y, s)
    expect_close(thr, np.array([np.inf, 0.9, 0.5, 0.2]), what="thresholds (one per distinct score)")
    expect_close(tpr, np.array([0.0, 0.5, 1.0, 1.0]), what="tpr")
    expect_close(fpr, np.array([0.0, 0.0, 0.5, 1.0]), what="fpr")


@case(
    "correctness", hint="Group samples with equal scores: a threshold admits all of them at once."
)
def test_matches_pairwise_definition_with_many_ties(sol, rng):
    for _ in range(5):
        y = rng.integers(0, 2, size=60)
        y[:2] = [0, 1]
        s = rng.integers(0, 5, size=60).astype(float)  # only 5 distinct scores: ties everywhere
        expect_close(sol.roc_auc(y, s), _pairwise_auc(y, s), rtol=1e-12, what="AUC with ties")


@case("correctness")
def test_matches_pairwise_definition(sol, rng):
    y = (rng.random(300) < 0.3).astype(int)
    s = rng.normal(size=300) + 0.8 * y
    expect_close(sol.roc_auc(y, s), _pairwise_auc(y, s), rtol=1e-12, what="AUC, no ties")


@case("correctness", hint="The curve starts at (0, 0), ends at (1, 1) and never goes down.")
def test_curve_shape(sol, rng):
    y = rng.integers(0, 2, size=80)
    s = np.round(rng.normal(size=80), 1)
    fpr, tpr, thr = sol.roc_curve(y, s)
    n_points = len(np.unique(s)) + 1
    expect(
        len(thr) == n_points, f"expected {n_points} points (distinct scores + 1), got {len(thr)}"
    )
    expect_close(thr[1:], np.unique(s)[::-1], what="thresholds after np.inf")
    expect(fpr[0] == 0 and tpr[0] == 0, f"the curve must start at (0, 0), got ({fpr[0]}, {tpr[0]})")
    expect(
        fpr[-1] == 1 and tpr[-1] == 1, f"the curve must end at (1, 1), got ({fpr[-1]}, {tpr[-1]})"
    )
    expect(
        bool(np.all(np.diff(fpr) >= 0) and np.all(np.diff(tpr) >= 0)), "fpr and tpr must not fall"
    )
    for k in (1, 5, 10):
        predicted = s >= thr[k]
        expect_close(tpr[k], predicted[y == 1].mean(), what=f"tpr[{k}] = share of positives >= thr")
        expect_close(fpr[k], predicted[y == 0].mean(), what=f"fpr[{k}] = share of negatives >= thr")


@case("correctness", hint="AUC depends only on the order of the scores.")
def test_rank_invariance(sol, rng):
    y = rng.integers(0, 2, size=50)
    y[:2] = [0, 1]
    s = rng.normal(size=50)
    auc = sol.roc_auc(y, s)
    expect_close(sol.roc_auc(y, np.exp(3 * s)), auc, rtol=1e-12, what="AUC of exp(3 s)")
    expect_close(sol.roc_auc(y, -s), 1.0 - auc, rtol=1e-12, what="AUC of -s (should be 1 - AUC)")
    expect_close(sol.roc_auc(1 - y, s), 1.0 - auc, rtol=1e-12, what="AUC with labels swapped")


@case("edge_cases", hint="Equal scores must not be broken by input order.")
def test_all_scores_tied(sol):
    y = np.array([1, 1, 0, 0, 0])
    s = np.full(5, 0.3)
    expect_close(sol.roc_auc(y, s), 0.5, what="AUC when every score is equal")
    fpr, tpr, thr = sol.roc_curve(y, s)
    expect_close(fpr, np.array([0.0, 1.0]), what="fpr when every score is equal")
    expect_close(tpr, np.array([0.0, 1.0]), what="tpr when every score is equal")
    expect_close(thr, np.array([np.inf, 0.3]), what="thresholds when every score is equal")


@case("edge_cases", hint="Permuting the samples must not change the curve or the area.")
def test_sample_order_does_not_matter(sol, rng):
    y = np.array([1, 0, 1, 0, 1, 0, 0, 1, 1, 0])
    s = np.array([2.0, 2.0, 1.0, 1.0, 1.0, 3.0, 0.0, 3.0, 2.0, 2.0])
    want = _pairwise_auc(y, s)
    for _ in range(4):
        p = rng.permutation(10)
        expect_close(sol.roc_auc(y[p], s[p]), want, rtol=1e-12, what="AUC after shuffling samples")
        fpr, tpr, _ = sol.roc_curve(y[p], s[p])
        expect_close(tpr, np.array([0.0, 0.2, 0.6, 1.0, 1.0]), what="tpr after shuffling")
        expect_close(fpr, np.array([0.0, 0.2, 0.6, 0.8, 1.0]), what="fpr after shuffling")


@case("edge_cases", hint="With no positives (or no negatives) the rate is 0 / 0: raise ValueError.")
def test_single_class_raises(sol):
    s = np.array([0.1, 0.5, 0.9])
    expect_raises("ValueError", sol.roc_auc, np.array([0, 0, 0]), s)
    expect_raises("ValueError", sol.roc_auc, np.array([1, 1, 1]), s)
    expect_raises("ValueError", sol.roc_curve, np.array([1, 1, 1]), s)


@case("edge_cases", hint="Labels other than 0/1 and mismatched lengths raise ValueError.")
def test_bad_inputs_raise(sol):
    expect_raises("ValueError", sol.roc_auc, np.array([0, 2, 1]), np.array([0.1, 0.5, 0.9]))
    expect_raises("ValueError", sol.roc_auc, np.array([0, 1, 1]), np.array([0.1, 0.5]))


@case("edge_cases")
def test_two_samples_and_bool_labels(sol):
    expect_close(sol.roc_auc(np.array([1, 0]), np.array([0.2, 0.7])), 0.0, what="AUC, 2 samples")
    y = np.array([False, True, True, False])
    s = np.array([1.0, 3.0, 2.0, 2.0])
    expect_close(sol.roc_auc(y, s), 0.875, what="AUC with boolean labels")
    expect_close(sol.roc_auc(y, s.astype(int)), 0.875, what="AUC with integer scores")


@case(
    "numerical_stability", hint="Scores that differ in the last bit are different: compare with !=."
)
def test_nearly_equal_scores_are_distinct(sol):
    a = 0.1
    b = np.nextafter(a, 1.0)  # the next float after 0.1
    y = np.array([0, 1, 0, 1])
    s = np.array([a, b, a - 1e-17, b])
    expect_close(sol.roc_auc(y, s), 1.0, what="AUC when positives score one ulp higher")
    fpr, tpr, thr = sol.roc_curve(y, s)
    expect(len(thr) == 4, f"3 distinct scores need 4 thresholds, got {len(thr)}")


@case("numerical_stability", hint="Only the order matters: huge or tiny magnitudes change nothing.")
def test_extreme_magnitudes(sol):
    y = np.array([0, 1, 0, 1, 1, 0])
    s = np.array([-1e308, 1e308, 1e-300, 2e-300, 3e-300, 2.5e-300])
    # Positives 1e308, 2e-300, 3e-300 vs negatives -1e308, 1e-300, 2.5e-300: 8 of 9 right.
    expect_close(sol.roc_auc(y, s), 8 / 9, rtol=1e-12, what="AUC of scores near the float limits")
    fpr, tpr, thr = sol.roc_curve(y, s)
    expect_close(
        thr,
        np.array([np.inf, 1e308, 3e-300, 2.5e-300, 2e-300, 1e-300, -1e308]),
        rtol=1e-12,
        atol=0.0,
        what="thresholds",
    )


@case("efficiency", timeout=10.0, hint="Sort once (O(n log n)); do not compare every pair.")
def test_auc_speed(sol, ref, rng):
    n = 16_000
    y = (rng.random(n) < 0.5).astype(int)
    s = rng.normal(size=n) + y
    expect_fast(sol.roc_auc, ref.roc_auc, y, s, max_ratio=10)
