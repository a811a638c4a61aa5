import math

import numpy as np

from mldrill.grading.testkit import case, expect, expect_close, expect_fast

SHIFT_HINT = (
    "logits[:, t] predicts labels[:, t + 1]: compare logits[:, :-1] with labels[:, 1:], and "
    "take the mask of the target token, loss_mask[:, 1:]."
)
MEAN_HINT = "Average over every selected token of the batch at once, not per sequence."


def _by_hand(logits, labels, mask):
    """Loop version, written independently of the reference."""
    total, count = 0.0, 0
    for b in range(logits.shape[0]):
        for t in range(logits.shape[1] - 1):
            if mask[b, t + 1]:
                row = logits[b, t]
                top = max(row)
                lse = top + math.log(sum(math.exp(x - top) for x in row))
                total += lse - row[labels[b, t + 1]]
                count += 1
    return total / count if count else 0.0


@case("correctness", hint=SHIFT_HINT)
def test_by_hand_values(sol):
    # t=0 predicts token 1 with p = 3/4, t=1 predicts token 0 with p = 2/3.
    logits = np.array([[[0.0, math.log(3.0)], [math.log(2.0), 0.0], [5.0, -5.0]]])
    got = sol.causal_lm_loss(logits, np.array([[1, 1, 0]]), np.array([[1, 1, 1]]))
    expect_close(got, math.log(2.0) / 2, rtol=1e-9, what="(log 4/3 + log 3/2) / 2")


@case("correctness", hint=SHIFT_HINT)
def test_prompt_tokens_are_not_targets(sol):
    # Four tokens; the prompt is tokens 0 and 1, the response tokens 2 and 3.
    # logits[0, 1] predicts token 2 (= 2) with p = 1/2; logits[0, 2] predicts token 3 (= 0)
    # with p = 1/4. Positions 0 (prompt target) and 3 (no next token) do not count.
    logits = np.log(
        np.array([[[0.9, 0.05, 0.05], [0.25, 0.25, 0.5], [0.25, 0.5, 0.25], [0.1, 0.1, 0.8]]])
    )
    labels = np.array([[2, 1, 2, 0]])
    got = sol.causal_lm_loss(logits, labels, np.array([[0, 0, 1, 1]]))
    expect_close(got, (math.log(2.0) + math.log(4.0)) / 2, rtol=1e-9, what="response-only loss")


@case("correctness", hint=MEAN_HINT)
def test_token_weighted_mean_over_batch(sol):
    # Sequence 0 has three targets with loss log 2 each; sequence 1 one target with loss
    # log 8. The mean over the 4 tokens is (3 log 2 + 3 log 2) / 4 = 1.5 log 2.
    logits = np.zeros((2, 4, 8))
    logits[0, :, :2] = 50.0  # tokens 0 and 1 share all the probability: p = 1/2 each
    labels = np.array([[0, 1, 0, 1], [0, 0, 0, 5]])
    mask = np.array([[1, 1, 1, 1], [0, 0, 0, 1]])
    got = sol.causal_lm_loss(logits, labels, mask)
    expect_close(got, 1.5 * math.log(2.0), rtol=1e-9, what="the token-weighted mean")


@case("correctness", hint=SHIFT_HINT)
def test_matches_loop_random(sol, rng):
    logits = rng.normal(scale=2.0, size=(3, 7, 11))
    labels = rng.integers(0, 11, size=(3, 7))
    mask = (rng.random((3, 7)) < 0.6).astype(int)
    mask[:, 3] = 1
    got = sol.causal_lm_loss(logits, labels, mask)
    expect_close(got, _by_hand(logits, labels, mask), rtol=1e-9, what="random (3, 7, 11) batch")


@case("correctness")
def test_matches_reference(sol, ref, rng):
    logits = rng.normal(scale=3.0, size=(4, 16, 9))
    labels = rng.integers(0, 9, size=(4, 16))
    mask = rng.random((4, 16)) < 0.5
    got = sol.causal_lm_loss(logits, labels, mask)
    expect(isinstance(got, float | np.floating), f"expected a float, got {type(got).__name__}")
    expect_close(got, ref.causal_lm_loss(logits, labels, mask), rtol=1e-9, what="the loss")


@case("edge_cases", hint="Replace masked labels (e.g. -100) by any valid id before indexing.")
def test_masked_labels_are_never_read(sol, rng):
    logits = rng.normal(size=(2, 6, 5))
    labels = rng.integers(0, 5, size=(2, 6))
    mask = np.array([[0, 0, 1, 1, 1, 0], [0, 1, 1, 0, 0, 0]])
    want = _by_hand(logits, labels, mask)
    padded = np.where(mask == 1, labels, -100)  # the usual "ignore" label
    got = sol.causal_lm_loss(logits, padded, mask)
    expect_close(got, want, rtol=1e-9, what="the loss with -100 at every masked label")
    padded = np.where(mask == 1, labels, 10_000)  # far out of the vocabulary
    got = sol.causal_lm_loss(logits, padded, mask)
    expect_close(got, want, rtol=1e-9, what="the loss with 10000 at every masked label")


@case("edge_cases", hint="No selected target: return 0.0, not nan.")
def test_no_targets_gives_zero(sol):
    logits = np.zeros((2, 4, 3))
    labels = np.zeros((2, 4), dtype=int)
    got = sol.causal_lm_loss(logits, labels, np.zeros((2, 4), dtype=int))
    expect_close(got, 0.0, what="an all-zero mask")
    # token 0 is never a target: nothing predicts it
    got = sol.causal_lm_loss(logits, labels, np.array([[1, 0, 0, 0], [1, 0, 0, 0]]))
    expect_close(got, 0.0, what="a mask that selects only token 0")
    got = sol.causal_lm_loss(np.zeros((3, 1, 4)), np.zeros((3, 1), dtype=int), np.ones((3, 1)))
    expect_close(got, 0.0, what="sequences of length 1")


@case("edge_cases")
def test_bool_and_float_masks(sol, rng):
    logits = rng.normal(size=(2, 5, 4))
    labels = rng.integers(0, 4, size=(2, 5))
    mask = rng.random((2, 5)) < 0.5
    mask[0, 2] = True
    want = _by_hand(logits, labels, mask)
    expect_close(sol.causal_lm_loss(logits, labels, mask), want, rtol=1e-9, what="bool mask")
    got = sol.causal_lm_loss(logits, labels, mask.astype(float))
    expect_close(got, want, rtol=1e-9, what="float 0/1 mask")


@case("numerical_stability", hint="Use log-softmax = x - logsumexp(x), with the max shift.")
def test_large_logits(sol):
    logits = np.array([[[1e4, 1e4 - math.log(3.0)], [0.0, 0.0], [-1e4, -1e4]]])
    # t=0 predicts token 0 with p = 3/4 even though the logits are near 1e4
    got = sol.causal_lm_loss(logits, np.array([[0, 0, 1]]), np.array([[0, 1, 0]]))
    expect_close(got, math.log(4 / 3), rtol=1e-9, what="loss with logits near 1e4")


@case("numerical_stability", hint="log(softmax) underflows to log(0); use log-softmax.")
def test_confident_wrong_prediction(sol):
    logits = np.array([[[0.0, -2000.0, -2000.0], [0.0, 0.0, 0.0]]])
    got = sol.causal_lm_loss(logits, np.array([[0, 1]]), np.array([[0, 1]]))
    # p(token 1) = exp(-2000) / (1 + 2 exp(-2000)): the loss is 2000, not inf
    expect_close(got, 2000.0, rtol=1e-12, what="the loss of a very confident wrong guess")


@case("efficiency", timeout=10.0, hint="Gather all targets at once with np.take_along_axis.")
def test_batch_speed(sol, ref, rng):
    # many positions, a small vocabulary: a Python loop pays its overhead 16 384 times
    logits = rng.normal(size=(512, 32, 8))
    labels = rng.integers(0, 8, size=(512, 32))
    mask = rng.random((512, 32)) < 0.7
    expect_fast(
        sol.causal_lm_loss, ref.causal_lm_loss, logits, labels, mask, max_ratio=5, floor_ms=10
    )
