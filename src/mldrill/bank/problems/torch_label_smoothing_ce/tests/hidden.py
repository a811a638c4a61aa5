import math

import torch
import torch.nn.functional as F

from mldrill.grading.testkit import case, expect, expect_close, expect_fast

SMOOTH_HINT = (
    "The smoothed target puts smoothing / C on every class (the true one included) and "
    "1 - smoothing on top of that for the true class: loss = (1 - s) * (-log p_y) + "
    "s * mean_c(-log p_c)."
)
IGNORE_HINT = (
    "Positions whose target is ignore_index contribute 0, and the mean divides by the number "
    "of positions that are not ignored."
)
STABLE_HINT = "Compute log p as (z - max) - log(sum(exp(z - max))), never log(softmax(z))."


def _randn(seed, *shape, dtype=torch.float32):
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed), dtype=dtype)


def _scalar(got, what="the loss"):
    """A reduced loss: one-element tensor, as a 0-d tensor to compare with 0-d expectations."""
    expect(
        isinstance(got, torch.Tensor), f"{what}: expected a torch tensor, got {type(got).__name__}"
    )
    expect(got.numel() == 1, f"{what}: expected a single value, got shape {tuple(got.shape)}")
    return got.reshape(())


def _targets(seed, n, C, ignore_every=0, ignore_index=-100):
    t = torch.randint(0, C, (n,), generator=torch.Generator().manual_seed(seed))
    if ignore_every:
        t[::ignore_every] = ignore_index
    return t


def _torch_ce(logits, target, smoothing=0.0, ignore_index=-100, reduction="mean"):
    """PyTorch's own loss in float64, with the class axis last as in this problem."""
    C = logits.shape[-1]
    out = F.cross_entropy(logits.double().reshape(-1, C), target.reshape(-1),
                          label_smoothing=smoothing, ignore_index=ignore_index,
                          reduction=reduction)  # fmt: skip
    out = out.reshape(target.shape) if reduction == "none" else out
    return out.to(logits.dtype)


def _single_threaded(fn):
    """The reference timed with one intra-op thread, as the candidate's code runs. With the
    trusted side's default thread pool, a loaded machine makes tiny torch ops many times slower."""

    def run(*args):
        threads = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            return fn(*args)
        finally:
            torch.set_num_threads(threads)

    return run


# ---------------------------------------------------------------- correctness


@case("correctness", hint="Without smoothing the loss is -log softmax(z)[y].")
def test_known_values_without_smoothing(sol):
    # Row 0: p = [1/2, 1/2], loss log 2. Row 1: p = [1/4, 3/4] and y = 1, loss -log(3/4).
    logits = torch.tensor([[0.0, 0.0], [0.0, math.log(3.0)]])
    got = sol.label_smoothing_cross_entropy(logits, torch.tensor([0, 1]), reduction="none")
    want = torch.tensor([math.log(2.0), -math.log(0.75)])
    expect_close(got, want, rtol=1e-6, what="per-row loss")


@case("correctness", hint=SMOOTH_HINT)
def test_known_values_with_smoothing(sol):
    # p = [1/4, 3/4], y = 1, s = 0.2: 0.8 * -log(3/4) + 0.2 * (-log(1/4) - log(3/4)) / 2.
    logits = torch.tensor([[0.0, math.log(3.0)]])
    got = _scalar(sol.label_smoothing_cross_entropy(logits, torch.tensor([1]), smoothing=0.2))
    want = 0.8 * -math.log(0.75) + 0.1 * (math.log(4.0) - math.log(0.75))  # 0.397543...
    expect_close(got, torch.tensor(want), rtol=1e-6, what="smoothed loss")


@case("correctness", hint=SMOOTH_HINT)
def test_three_classes_by_hand(sol):
    # z = [ln 1, ln 2, ln 5]: p = [1/8, 2/8, 5/8]. y = 2, s = 0.3 over C = 3 classes.
    logits = torch.tensor([[0.0, math.log(2.0), math.log(5.0)]], dtype=torch.float64)
    got = _scalar(sol.label_smoothing_cross_entropy(logits, torch.tensor([2]), smoothing=0.3))
    logp = [math.log(1 / 8), math.log(2 / 8), math.log(5 / 8)]
    want = -(0.7 * logp[2] + 0.3 * sum(logp) / 3)
    expect_close(got, torch.tensor(want, dtype=torch.float64), rtol=1e-12, what="smoothed loss")


@case("correctness", hint=SMOOTH_HINT)
def test_matches_torch_cross_entropy(sol):
    logits = 2.0 * _randn(1, 32, 10)
    target = _targets(2, 32, 10)
    for s in (0.0, 0.1, 0.5):
        got = _scalar(sol.label_smoothing_cross_entropy(logits, target, smoothing=s))
        expect_close(got, _torch_ce(logits, target, s), rtol=1e-5, what=f"mean loss, smoothing={s}")


@case("correctness")
def test_reductions(sol):
    logits = _randn(3, 12, 7)
    target = _targets(4, 12, 7, ignore_every=5)
    for reduction in ("none", "sum", "mean"):
        got = sol.label_smoothing_cross_entropy(logits, target, 0.2, reduction=reduction)
        got = got if reduction == "none" else _scalar(got, f"reduction={reduction!r}")
        want = _torch_ce(logits, target, 0.2, reduction=reduction)
        expect_close(got, want, rtol=1e-5, atol=1e-7, what=f"reduction={reduction!r}")


@case("correctness", hint="The class axis is the last one; the loss keeps every leading axis.")
def test_leading_axes(sol):
    # Language-model shape: (batch, time, vocab) logits and (batch, time) targets.
    logits = _randn(5, 3, 6, 11)
    target = _targets(6, 18, 11, ignore_every=4).reshape(3, 6)
    got = sol.label_smoothing_cross_entropy(logits, target, 0.1, reduction="none")
    expect_close(got, _torch_ce(logits, target, 0.1, reduction="none"), rtol=1e-5, atol=1e-7,
                 what="(3, 6) per-token losses")  # fmt: skip
    got = _scalar(sol.label_smoothing_cross_entropy(logits, target, 0.1))
    expect_close(got, _torch_ce(logits, target, 0.1), rtol=1e-5, what="mean over (3, 6) tokens")


# ---------------------------------------------------------------- edge cases


@case("edge_cases", hint=IGNORE_HINT)
def test_ignored_positions_excluded_from_mean(sol):
    # Rows 0 and 2 count (log 2 each with s = 0), row 1 is ignored: the mean is log 2.
    logits = torch.tensor([[0.0, 0.0], [9.0, -9.0], [3.0, 3.0]])
    target = torch.tensor([1, -100, 0])
    got = _scalar(sol.label_smoothing_cross_entropy(logits, target))
    expect_close(got, torch.tensor(math.log(2.0)), rtol=1e-6, what="mean loss with one ignored")
    got = sol.label_smoothing_cross_entropy(logits, target, reduction="none")
    want = torch.tensor([math.log(2.0), 0.0, math.log(2.0)])
    expect_close(got, want, rtol=1e-6, what="per-row loss (ignored row is 0)")


@case("edge_cases", hint=IGNORE_HINT)
def test_custom_ignore_index(sol):
    # ignore_index may be a real class id: here every target equal to 2 is skipped.
    logits = _randn(7, 9, 4)
    target = torch.tensor([0, 2, 1, 3, 2, 2, 0, 1, 3])
    got = _scalar(sol.label_smoothing_cross_entropy(logits, target, 0.25, ignore_index=2))
    expect_close(got, _torch_ce(logits, target, 0.25, ignore_index=2), rtol=1e-5,
                 what="mean loss with ignore_index=2")  # fmt: skip


@case("edge_cases", hint="If every position is ignored, mean is 0 / 0 = nan and sum is 0.")
def test_all_positions_ignored(sol):
    logits = _randn(8, 3, 5)
    target = torch.full((3,), -100)
    got = _scalar(sol.label_smoothing_cross_entropy(logits, target, 0.1, reduction="sum"))
    expect_close(got, torch.tensor(0.0), what="sum when every position is ignored")
    got = sol.label_smoothing_cross_entropy(logits, target, 0.1, reduction="none")
    expect_close(got, torch.zeros(3), what="per-row loss when every position is ignored")
    got = _scalar(sol.label_smoothing_cross_entropy(logits, target, 0.1))
    expect(
        bool(torch.isnan(got)), f"mean over zero positions should be nan (as in PyTorch), got {got}"
    )


@case("edge_cases", hint="With smoothing = 1 the target is uniform, whatever the label.")
def test_full_smoothing_ignores_label(sol):
    # p = [1/4, 3/4]: the loss is (-log(1/4) - log(3/4)) / 2 for either label.
    logits = torch.tensor([[0.0, math.log(3.0)], [0.0, math.log(3.0)]])
    got = sol.label_smoothing_cross_entropy(logits, torch.tensor([0, 1]), 1.0, reduction="none")
    v = (math.log(4.0) - math.log(0.75)) / 2
    expect_close(got, torch.tensor([v, v]), rtol=1e-6, what="losses with smoothing=1")


@case("edge_cases")
def test_single_class(sol):
    # With one class, p = 1 and the loss is 0 whatever the logit and the smoothing.
    got = sol.label_smoothing_cross_entropy(torch.tensor([[4.0], [-2.0]]), torch.tensor([0, 0]),
                                            0.3, reduction="none")  # fmt: skip
    expect_close(got, torch.zeros(2), atol=1e-7, what="loss with a single class")


@case("edge_cases", hint="Compute in the dtype of the logits.")
def test_float64_in_float64_out(sol):
    logits = _randn(9, 6, 5, dtype=torch.float64)
    target = _targets(10, 6, 5)
    got = _scalar(sol.label_smoothing_cross_entropy(logits, target, 0.15))
    expect(got.dtype == torch.float64, f"float64 logits must give a float64 loss, got {got.dtype}")
    expect_close(got, _torch_ce(logits, target, 0.15), rtol=1e-12, what="float64 mean loss")


# ---------------------------------------------------------------- numerical stability


@case("numerical_stability", hint=STABLE_HINT)
def test_confident_wrong_prediction(sol):
    # p_1 = e^-200 / (1 + 2 e^-200) underflows float32 to 0, but log p_1 is just -200.
    logits = torch.tensor([[200.0, 0.0, 0.0]])
    got = _scalar(sol.label_smoothing_cross_entropy(logits, torch.tensor([1])))
    expect_close(got, torch.tensor(200.0), rtol=1e-6, what="loss of a confidently wrong row")
    got = _scalar(sol.label_smoothing_cross_entropy(logits, torch.tensor([0]), smoothing=0.3))
    want = 0.3 * (0.0 + 200.0 + 200.0) / 3  # the smoothing term sees the -200 log-probs
    expect_close(got, torch.tensor(want), rtol=1e-6, what="smoothed loss of a confident row")


@case("numerical_stability", hint=STABLE_HINT)
def test_large_logits(sol):
    logits = 1e4 * _randn(11, 16, 8)
    target = _targets(12, 16, 8, ignore_every=3)
    got = _scalar(sol.label_smoothing_cross_entropy(logits, target, 0.1))
    expect(bool(torch.isfinite(got)), f"loss for logits of size 1e4 is {got}")
    expect_close(got, _torch_ce(logits, target, 0.1), rtol=1e-5, what="mean loss, |z| ~ 1e4")


@case("numerical_stability", hint="Subtract the row max before exp(): exp(1e4) is inf.")
def test_shift_invariance(sol):
    logits = _randn(13, 10, 6)
    target = _targets(14, 10, 6)
    base = sol.label_smoothing_cross_entropy(logits, target, 0.2, reduction="none")
    got = sol.label_smoothing_cross_entropy(logits + 5e3, target, 0.2, reduction="none")
    expect_close(got, base, rtol=2e-3, atol=2e-3, what="losses after adding 5000 to every logit")


# ---------------------------------------------------------------- efficiency


@case("efficiency", timeout=10.0, hint="Gather the target log-probs for all rows at once.")
def test_many_rows_speed(sol, ref):
    logits = _randn(15, 8192, 16)
    target = _targets(16, 8192, 16, ignore_every=7)
    reference = _single_threaded(ref.label_smoothing_cross_entropy)
    expect_fast(sol.label_smoothing_cross_entropy, reference, logits, target, 0.1, max_ratio=6)
