import math

import numpy as np

from mldrill.grading.testkit import case, expect, expect_close, expect_raises

MARGIN_HINT = (
    "The margin is beta * ((policy_chosen - ref_chosen) - (policy_rejected - ref_rejected)): "
    "chosen first, and both log-ratios are against the reference model."
)
STABLE_HINT = (
    "-log sigmoid(m) = log(1 + exp(-m)) = np.logaddexp(0, -m): it never overflows, and it "
    "keeps tiny losses such as 4e-18 instead of rounding sigmoid to 1."
)


def _softplus(x):
    """log(1 + e^x), exact enough in double precision for any x here."""
    return x + math.log1p(math.exp(-x)) if x > 0 else math.log1p(math.exp(x))


def _loss(margins, eps=0.0):
    return sum((1 - eps) * _softplus(-m) + eps * _softplus(m) for m in margins) / len(margins)


@case("correctness", hint=MARGIN_HINT)
def test_by_hand(sol):
    pc, pr = np.array([-1.0, -4.0]), np.array([-3.0, -1.0])
    rc, rr = np.array([-2.0, -2.0]), np.array([-2.0, -2.0])
    loss, margins = sol.dpo_loss(pc, pr, rc, rr, beta=0.5)
    # pair 0: 0.5 * ((-1 + 2) - (-3 + 2)) = 1; pair 1: 0.5 * ((-4 + 2) - (-1 + 2)) = -1.5
    expect_close(margins, np.array([1.0, -1.5]), rtol=1e-12, what="margins")
    want = (math.log1p(math.exp(-1.0)) + math.log1p(math.exp(1.5))) / 2
    expect_close(loss, want, rtol=1e-9, what="mean loss over the two pairs")


@case("correctness", hint="With the policy equal to the reference every margin is 0.")
def test_policy_equals_reference(sol, rng):
    logps = rng.normal(-50.0, 10.0, size=(2, 6))
    loss, margins = sol.dpo_loss(logps[0], logps[1], logps[0], logps[1], beta=0.3)
    expect_close(loss, math.log(2.0), rtol=1e-12, what="loss (-log sigmoid(0) = log 2)")
    expect_close(margins, np.zeros(6), atol=1e-12, what="margins")


@case("correctness", hint=MARGIN_HINT)
def test_reference_model_matters(sol):
    pc, pr = np.array([-10.0]), np.array([-12.0])
    # The policy prefers chosen by 2 nats, but the reference already did by 5: margin < 0.
    loss, margins = sol.dpo_loss(pc, pr, np.array([-8.0]), np.array([-13.0]), beta=1.0)
    expect_close(margins, np.array([-3.0]), rtol=1e-12, what="margin against the reference")
    expect_close(loss, math.log1p(math.exp(3.0)), rtol=1e-9, what="loss")


@case("correctness")
def test_label_smoothing_by_hand(sol):
    args = (np.array([-1.0]), np.array([-3.0]), np.array([-2.0]), np.array([-2.0]))
    loss, margins = sol.dpo_loss(*args, beta=0.5, label_smoothing=0.2)  # margin 1
    want = 0.8 * math.log1p(math.exp(-1.0)) + 0.2 * math.log1p(math.exp(1.0))
    expect_close(loss, want, rtol=1e-9, what="loss with label_smoothing=0.2")
    expect_close(margins, np.array([1.0]), rtol=1e-12, what="margins do not depend on smoothing")


@case("correctness", hint=MARGIN_HINT)
def test_matches_by_hand_random(sol, rng):
    pc, pr, rc, rr = rng.normal(-30.0, 5.0, size=(4, 16))
    for beta, eps in [(0.1, 0.0), (0.5, 0.1), (2.0, 0.3)]:
        loss, margins = sol.dpo_loss(pc, pr, rc, rr, beta=beta, label_smoothing=eps)
        want_margins = beta * ((pc - rc) - (pr - rr))
        expect_close(margins, want_margins, rtol=1e-9, what=f"margins, beta={beta}")
        want = _loss(want_margins.tolist(), eps)
        expect_close(loss, want, rtol=1e-9, what=f"loss, beta={beta}, label_smoothing={eps}")


@case("correctness")
def test_matches_reference(sol, ref, rng):
    pc, pr, rc, rr = rng.normal(-100.0, 20.0, size=(4, 40))
    loss, margins = sol.dpo_loss(pc, pr, rc, rr, beta=0.05)
    expect(isinstance(loss, float | np.floating), f"the loss should be a float, got {loss!r}")
    want_loss, want_margins = ref.dpo_loss(pc, pr, rc, rr, beta=0.05)
    expect_close(loss, want_loss, rtol=1e-9, what="loss")
    expect_close(margins, want_margins, rtol=1e-9, what="margins")


@case("edge_cases", hint="beta must be > 0 and label_smoothing in [0, 0.5).")
def test_invalid_arguments_raise(sol):
    x = np.array([-1.0])
    expect_raises("ValueError", sol.dpo_loss, x, x, x, x, 0.0)
    expect_raises("ValueError", sol.dpo_loss, x, x, x, x, -0.1)
    expect_raises("ValueError", sol.dpo_loss, x, x, x, x, 0.1, 0.5)
    expect_raises("ValueError", sol.dpo_loss, x, x, x, x, 0.1, -0.01)


@case("edge_cases")
def test_swapping_chosen_and_rejected(sol, rng):
    pc, pr, rc, rr = rng.normal(-20.0, 4.0, size=(4, 5))
    loss, margins = sol.dpo_loss(pc, pr, rc, rr, beta=0.2)
    swapped_loss, swapped = sol.dpo_loss(pr, pc, rr, rc, beta=0.2)
    expect_close(swapped, -margins, rtol=1e-12, what="margins with the pair swapped")
    # -log sigmoid(m) - (-log sigmoid(-m)) = -m, averaged over the pairs
    expect_close(loss - swapped_loss, -float(np.mean(margins)), rtol=1e-9, what="loss change")


@case("numerical_stability", hint=STABLE_HINT)
def test_huge_negative_margin(sol):
    # the policy strongly prefers the rejected response: margin = -2000
    loss, margins = sol.dpo_loss(
        np.array([-5000.0]), np.array([-1000.0]), np.array([-3000.0]), np.array([-1000.0]), 1.0
    )
    expect_close(margins, np.array([-2000.0]), what="margin")
    expect_close(loss, 2000.0, rtol=1e-12, what="loss for margin -2000 (should be ~2000)")


@case("numerical_stability", hint=STABLE_HINT)
def test_tiny_loss_for_confident_pairs(sol):
    zeros = np.zeros(2)
    loss, _ = sol.dpo_loss(np.array([40.0, 50.0]), zeros, zeros, zeros, beta=1.0)
    want = (math.log1p(math.exp(-40.0)) + math.log1p(math.exp(-50.0))) / 2  # about 2.1e-18
    expect_close(loss, want, rtol=1e-6, atol=0.0, what="loss for margins 40 and 50")


@case("numerical_stability", hint=STABLE_HINT)
def test_huge_margins_with_label_smoothing(sol):
    zeros = np.zeros(2)
    loss, _ = sol.dpo_loss(np.array([3000.0, -3000.0]), zeros, zeros, zeros, 1.0, 0.1)
    # margin +3000: 0.1 * 3000; margin -3000: 0.9 * 3000 -> mean 1500
    expect_close(loss, 1500.0, rtol=1e-12, what="loss for margins of ±3000 with smoothing")
