import numpy as np

from mldrill.grading.testkit import case, expect, expect_close, expect_fast

SCALE_HINT = "Divide the scores q @ k^T by sqrt(d), where d is the last dimension of q and k."
AXIS_HINT = "The softmax runs over the keys: the last axis of the (..., Lq, Lk) scores."
MASK_HINT = (
    "Apply the mask to the scores before the softmax (masked scores become -inf), so the "
    "allowed weights in each row still sum to 1."
)


@case("correctness", hint=SCALE_HINT)
def test_known_values(sol):
    # d = 9, so the scale is 1/3. Query 0 is all ones, query 1 all twos.
    q = np.array([np.ones(9), 2 * np.ones(9)])
    k = np.array([np.ones(9), -np.ones(9), np.zeros(9)])
    v = np.array([[1.0, 0.0], [0.0, 1.0], [2.0, 2.0]])
    out, weights = sol.attention(q, k, v)
    # scores: row 0 = [3, -3, 0], row 1 = [6, -6, 0]; softmax of each, worked out by hand.
    want_w = np.array(
        [
            [0.9503302116973794, 0.0023556330807966807, 0.04731415522182405],
            [0.9975212630155623, 6.128982466927776e-06, 0.0024726080019708],
        ]
    )
    want_out = np.array(
        [[1.0449585221410276, 0.09698394352444478], [1.002466479019504, 0.004951344986408528]]
    )
    expect_close(weights, want_w, rtol=1e-9, what="weights")
    expect_close(out, want_out, rtol=1e-9, what="output")


@case("correctness", hint=AXIS_HINT)
def test_weight_rows_sum_to_one(sol, rng):
    q, k, v = rng.normal(size=(5, 8)), rng.normal(size=(7, 8)), rng.normal(size=(7, 3))
    out, weights = sol.attention(q, k, v)
    expect(getattr(weights, "shape", None) == (5, 7), "weights should have shape (Lq, Lk)")
    expect(bool(np.all(weights >= 0)), "attention weights must not be negative")
    expect_close(weights.sum(axis=-1), np.ones(5), rtol=1e-10, what="row sums of the weights")
    expect_close(out, weights @ v, rtol=1e-9, what="output (should equal weights @ v)")


@case("correctness", hint=AXIS_HINT)
def test_matches_reference_2d(sol, ref, rng):
    q, k, v = rng.normal(size=(6, 16)), rng.normal(size=(9, 16)), rng.normal(size=(9, 5))
    out, weights = sol.attention(q, k, v)
    want_out, want_w = ref.attention(q, k, v)
    expect_close(weights, want_w, rtol=1e-9, what="weights")
    expect_close(out, want_out, rtol=1e-9, what="output")


@case("correctness", hint="Use @ (np.matmul) and swap only the last two axes of k.")
def test_batch_dims(sol, rng):
    q = rng.normal(size=(2, 3, 4, 8))
    k = rng.normal(size=(2, 3, 6, 8))
    v = rng.normal(size=(2, 3, 6, 5))
    out, weights = sol.attention(q, k, v)
    expect(getattr(out, "shape", None) == (2, 3, 4, 5), "output should have shape (2, 3, 4, 5)")
    expect(getattr(weights, "shape", None) == (2, 3, 4, 6), "weights should be (2, 3, 4, 6)")
    # Every (batch, head) slice must be the attention of that slice alone.
    for b in range(2):
        for h in range(3):
            o, w = sol.attention(q[b, h], k[b, h], v[b, h])
            expect_close(weights[b, h], w, rtol=1e-9, what=f"weights[{b}, {h}]")
            expect_close(out[b, h], o, rtol=1e-9, what=f"output[{b}, {h}]")
    # And the first slice, worked out with plain loops here.
    s = np.array([[q[0, 0, i] @ k[0, 0, j] / np.sqrt(8) for j in range(6)] for i in range(4)])
    e = np.exp(s - s.max(axis=1, keepdims=True))
    expect_close(weights[0, 0], e / e.sum(axis=1, keepdims=True), rtol=1e-9, what="weights[0, 0]")


@case("edge_cases", hint=MASK_HINT)
def test_causal_mask_over_batch(sol, ref, rng):
    q = rng.normal(size=(2, 5, 4))
    k = rng.normal(size=(2, 5, 4))
    v = rng.normal(size=(2, 5, 3))
    causal = np.tril(np.ones((5, 5), dtype=bool))  # broadcast over the batch
    out, weights = sol.attention(q, k, v, mask=causal)
    expect_close(weights[..., ~causal], np.zeros((2, 10)), what="weights above the diagonal")
    expect_close(out[:, 0], v[:, 0], rtol=1e-9, what="output of the first query (sees key 0)")
    # Query i with a causal mask is plain attention over keys 0..i.
    for b in range(2):
        for i in range(5):
            o, w = ref.attention(q[b, i : i + 1], k[b, : i + 1], v[b, : i + 1])
            expect_close(weights[b, i, : i + 1], w[0], rtol=1e-9, what=f"weights[{b}, {i}]")
            expect_close(out[b, i], o[0], rtol=1e-9, what=f"output[{b}, {i}]")


@case("edge_cases", hint=MASK_HINT)
def test_padding_mask(sol, ref, rng):
    q = rng.normal(size=(3, 4, 8))
    k = rng.normal(size=(3, 6, 8))
    v = rng.normal(size=(3, 6, 2))
    lengths = [6, 4, 1]  # how many keys are real in each batch element
    mask = np.arange(6)[None, None, :] < np.array(lengths)[:, None, None]  # (3, 1, 6)
    out, weights = sol.attention(q, k, v, mask=mask)
    for b, n in enumerate(lengths):
        o, w = ref.attention(q[b], k[b, :n], v[b, :n])  # the padding simply is not there
        expect_close(weights[b, :, :n], w, rtol=1e-9, what=f"weights[{b}] on the real keys")
        expect_close(weights[b, :, n:], np.zeros((4, 6 - n)), what=f"weights[{b}] on padding")
        expect_close(out[b], o, rtol=1e-9, what=f"output[{b}]")


@case(
    "edge_cases",
    hint="A row with no allowed key has nothing to normalise: make its weights (and output) 0.",
)
def test_fully_masked_row(sol):
    q = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    k = np.array([[1.0, 0.0], [0.0, 1.0]])
    v = np.array([[2.0, 4.0], [6.0, 8.0]])
    mask = np.array([[True, True], [False, False], [False, True]])
    out, weights = sol.attention(q, k, v, mask=mask)
    expect(bool(np.all(np.isfinite(weights))), "weights contain nan or inf for a masked row")
    # row 0 scores [1, 0] / sqrt(2); row 1 masked out; row 2 only sees key 1.
    w0 = np.array([0.6697615493266569, 0.3302384506733431])
    want_w = np.array([w0, [0.0, 0.0], [0.0, 1.0]])
    expect_close(weights, want_w, rtol=1e-9, what="weights")
    expect_close(out, np.array([w0 @ v, [0.0, 0.0], [6.0, 8.0]]), rtol=1e-9, what="output")


@case("edge_cases")
def test_all_true_mask_equals_no_mask(sol, rng):
    q, k, v = rng.normal(size=(4, 3)), rng.normal(size=(5, 3)), rng.normal(size=(5, 2))
    out, weights = sol.attention(q, k, v)
    out_m, weights_m = sol.attention(q, k, v, mask=np.ones((4, 5), dtype=bool))
    expect_close(weights_m, weights, rtol=1e-12, what="weights with an all-True mask")
    expect_close(out_m, out, rtol=1e-12, what="output with an all-True mask")


@case("edge_cases")
def test_single_key(sol, rng):
    q, k, v = rng.normal(size=(2, 3, 4)), rng.normal(size=(2, 1, 4)), rng.normal(size=(2, 1, 3))
    out, weights = sol.attention(q, k, v)
    expect_close(weights, np.ones((2, 3, 1)), what="weights with one key")
    expect_close(out, np.repeat(v, 3, axis=1), rtol=1e-12, what="output with one key")


@case("numerical_stability", hint="Subtract each row's max score before exp().")
def test_large_scores(sol):
    q = 100.0 * np.ones((2, 4))
    q[1] *= -1  # the second query's scores are hugely negative
    k = 100.0 * np.array([[1.0, 1.0, 1.0, 1.0], [0.0, 0.0, 0.0, 0.0], [1.0, 1.0, 1.0, 1.0]])
    v = np.array([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    out, weights = sol.attention(q, k, v)
    # row 0 scores: [20000, 0, 20000]; row 1: [-20000, 0, -20000].
    want_w = np.array([[0.5, 0.0, 0.5], [0.0, 1.0, 0.0]])
    expect_close(weights, want_w, rtol=1e-9, atol=1e-300, what="weights")
    expect_close(out, np.array([[3.0, 4.0], [3.0, 4.0]]), rtol=1e-9, what="output")


@case("numerical_stability", hint="Shift by the row max so the largest exponent is exp(0).")
def test_very_negative_scores(sol):
    q = np.array([[-100.0, -100.0, -100.0, -100.0]])
    k = np.array([[100.0, 100.0, 100.0, 100.0], [100.0, 100.0, 100.0, 99.5]])
    v = np.array([[0.0], [1.0]])
    out, weights = sol.attention(q, k, v)
    # scores [-20000, -19975]: the second key wins by 25, so weight exp(-25) on the first.
    w0 = 1.0 / (1.0 + np.exp(25.0))
    expect_close(weights, np.array([[w0, 1.0 - w0]]), rtol=1e-9, what="weights")
    expect_close(out, np.array([[1.0 - w0]]), rtol=1e-9, what="output")


@case("numerical_stability", hint=MASK_HINT)
def test_masked_key_with_huge_score(sol):
    q = np.array([[10.0, 10.0, 10.0, 10.0]])
    k = np.array([[1000.0, 1000.0, 1000.0, 1000.0], [0.0, 0.0, 0.0, 0.0], [0.1, 0.1, 0.1, 0.1]])
    v = np.array([[100.0], [0.0], [1.0]])
    # key 0 would swamp everything (score 20000) but is masked out; keys 1, 2 score 0 and 2.
    out, weights = sol.attention(q, k, v, mask=np.array([[False, True, True]]))
    w2 = 1.0 / (1.0 + np.exp(-2.0))
    expect_close(weights, np.array([[0.0, 1.0 - w2, w2]]), rtol=1e-9, what="weights")
    expect_close(out, np.array([[w2]]), rtol=1e-9, what="output")


@case("numerical_stability")
def test_wide_range_is_finite(sol, rng):
    q = rng.uniform(-60, 60, size=(4, 16, 8))
    k = rng.uniform(-60, 60, size=(4, 16, 8))
    v = rng.normal(size=(4, 16, 3))
    out, weights = sol.attention(q, k, v, mask=rng.random((4, 16, 16)) < 0.7)
    expect(bool(np.all(np.isfinite(weights))), "weights contain nan or inf")
    expect(bool(np.all(np.isfinite(out))), "output contains nan or inf")


@case("efficiency", timeout=10.0, hint="Use batched matmul over all rows at once, no loops.")
def test_batched_speed(sol, ref, rng):
    # many short rows: a loop over rows pays Python's overhead 8192 times
    q = rng.normal(size=(128, 4, 16, 8))
    k = rng.normal(size=(128, 4, 16, 8))
    v = rng.normal(size=(128, 4, 16, 8))
    causal = np.tril(np.ones((16, 16), dtype=bool))
    expect_fast(sol.attention, ref.attention, q, k, v, causal, max_ratio=15)
