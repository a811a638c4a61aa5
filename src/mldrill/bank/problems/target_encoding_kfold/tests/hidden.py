import numpy as np

from mldrill.grading.testkit import box_rng, case, expect_close, expect_fast, expect_raises


def _by_definition(categories, y, n_folds, a, seed):
    """The statement's definition, row by row."""
    n = len(y)
    fold = np.random.default_rng(seed).permutation(n) % n_folds
    out = np.empty(n)
    for i in range(n):
        other = fold != fold[i]
        prior = y[other].mean()
        same = other & (categories == categories[i])
        m = same.sum()
        out[i] = prior if m == 0 else (y[same].sum() + a * prior) / (m + a)
    return out


@case("correctness", hint="Use only rows outside the row's fold, for the prior as well.")
def test_leave_one_out_by_hand(sol):
    cats = np.array([0, 0, 0, 1, 1])
    y = np.array([1.0, 0.0, 1.0, 1.0, 0.0])
    # n_folds = n: each row is its own fold. Row 1: prior 3/4, s = 2, m = 2 -> 2.75 / 3.
    got = sol.target_encode_oof(cats, y, 5, 1.0, box_rng(sol, 0))
    expect_close(got, np.array([0.5, 11 / 12, 0.5, 0.25, 0.875]), rtol=1e-12, what="a = 1")
    # a = 0: the plain out-of-fold category mean
    got = sol.target_encode_oof(cats, y, 5, 0.0, box_rng(sol, 0))
    expect_close(got, np.array([0.5, 1.0, 0.5, 0.0, 1.0]), rtol=1e-12, what="a = 0")
    # a = 3: row 3 has prior 1/2, s = 0, m = 1 -> 1.5 / 4
    got = sol.target_encode_oof(cats, y, 5, 3.0, box_rng(sol, 0))
    want = np.array([0.5, 4.25 / 5, 0.5, 0.375, 3.25 / 4])
    expect_close(got, want, rtol=1e-12, what="a = 3")


@case("correctness", hint="Row i is in fold rng.permutation(n)[i] % n_folds.")
def test_matches_definition(sol, rng):
    cats = rng.integers(0, 6, size=60)
    y = (rng.random(60) < 0.3 + 0.1 * cats).astype(float)
    for seed, folds, a in ((3, 5, 2.0), (8, 3, 0.5), (21, 10, 10.0)):
        got = sol.target_encode_oof(cats, y, folds, a, box_rng(sol, seed))
        want = _by_definition(cats, y, folds, a, seed)
        expect_close(got, want, rtol=1e-10, what=f"encodings ({folds} folds, a={a}, seed {seed})")


@case("correctness", hint="enc[i] must not change when only y[i] changes: that would be leakage.")
def test_own_label_never_used(sol, rng):
    cats = rng.integers(0, 4, size=40)
    y = rng.normal(size=40)
    base = sol.target_encode_oof(cats, y, 4, 1.0, box_rng(sol, 5))
    for i in (0, 17, 39):
        changed = y.copy()
        changed[i] += 100.0
        got = sol.target_encode_oof(cats, changed, 4, 1.0, box_rng(sol, 5))
        expect_close(got[i], base[i], rtol=1e-12, what=f"enc[{i}] after changing y[{i}]")


@case("correctness")
def test_matches_reference(sol, ref, rng):
    cats = rng.integers(-3, 40, size=500)
    y = rng.normal(loc=cats * 0.1, scale=1.0)
    for seed, folds, a in ((1, 5, 0.0), (2, 7, 3.0), (4, 2, 100.0)):
        got = sol.target_encode_oof(cats, y, folds, a, box_rng(sol, seed))
        want = ref.target_encode_oof(cats, y, folds, a, np.random.default_rng(seed))
        expect_close(got, want, rtol=1e-10, what=f"encodings ({folds} folds, a={a})")


@case("edge_cases", hint="With a = 0 a category with no out-of-fold rows is 0 / 0: use the prior.")
def test_unseen_category_gets_prior(sol):
    cats = np.array([7, 7, 7, 99, 7, 7])
    y = np.array([1.0, 0.0, 1.0, 1.0, 1.0, 0.0])
    got = sol.target_encode_oof(cats, y, 6, 0.0, box_rng(sol, 2))
    # row 3 is the only row of category 99: its encoding is the mean of the other labels
    expect_close(got[3], 0.6, rtol=1e-12, what="encoding of a category seen only in its fold")
    want = np.array([2 / 4, 3 / 4, 2 / 4, 0.6, 2 / 4, 3 / 4])
    expect_close(got, want, rtol=1e-12, what="all encodings with a = 0")


@case("edge_cases", hint="Category ids can be any integers: map them to 0..k-1 first.")
def test_arbitrary_category_ids(sol, rng):
    ids = np.array([-5, 0, 10**9, 3, -(10**6)])
    cats = ids[rng.integers(0, 5, size=50)]
    y = rng.random(50)
    got = sol.target_encode_oof(cats, y, 5, 2.0, box_rng(sol, 9))
    expect_close(got, _by_definition(cats, y, 5, 2.0, 9), rtol=1e-10, what="encodings")


@case("edge_cases")
def test_two_folds_and_huge_smoothing(sol, rng):
    cats = rng.integers(0, 3, size=30)
    y = rng.random(30)
    got = sol.target_encode_oof(cats, y, 2, 1e12, box_rng(sol, 4))
    fold = np.random.default_rng(4).permutation(30) % 2
    prior = np.array([y[fold != f].mean() for f in fold])
    expect_close(got, prior, rtol=1e-9, what="a huge smoothing gives the out-of-fold mean")
    got = sol.target_encode_oof(cats, y, 2, 0.0, box_rng(sol, 4))
    expect_close(got, _by_definition(cats, y, 2, 0.0, 4), rtol=1e-10, what="two folds, a = 0")


@case("edge_cases", hint="Validate: 2 <= n_folds <= n and smoothing >= 0.")
def test_invalid_arguments_raise(sol):
    cats = np.array([0, 1, 0, 1])
    y = np.array([1.0, 0.0, 0.0, 1.0])
    expect_raises("ValueError", sol.target_encode_oof, cats, y, 1, 1.0, box_rng(sol, 0))
    expect_raises("ValueError", sol.target_encode_oof, cats, y, 5, 1.0, box_rng(sol, 0))
    expect_raises("ValueError", sol.target_encode_oof, cats, y, 2, -0.5, box_rng(sol, 0))
    got = sol.target_encode_oof(cats, y, 4, 0.0, box_rng(sol, 0))
    expect_close(got, _by_definition(cats, y, 4, 0.0, 0), what="n_folds = n is allowed")


@case(
    "efficiency",
    timeout=10.0,
    hint="Sum labels per (fold, category) once with np.bincount; no mask per row.",
)
def test_speed(sol, ref, rng):
    # Two masks per row are quadratic: ~100 ms here against well under 1 ms for bincount.
    # The 20 ms floor absorbs the cost of calling into the sandbox on a busy machine.
    cats = rng.integers(0, 50, size=2500)
    y = rng.random(2500)
    ref_rng = np.random.default_rng(3)  # advances call by call, like the boxed one

    def reference(cats, y, n_folds, smoothing, _boxed_rng):
        return ref.target_encode_oof(cats, y, n_folds, smoothing, ref_rng)

    expect_fast(
        sol.target_encode_oof,
        reference,
        cats,
        y,
        5,
        2.0,
        box_rng(sol, 3),
        max_ratio=10,
        floor_ms=20,
    )
