import math

import torch
import torch.nn as nn
import torch.nn.functional as F

from mldrill.grading.testkit import case, expect, expect_close

NAMES = ("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias")
SCALE_HINT = (
    "backward() adds into .grad, so scale each micro-batch loss by 1 / (number of micro-batches "
    "in the window): the accumulated gradient is then that of the mean loss."
)
WINDOW_HINT = (
    "zero_grad() at the start of each window, backward() for each of its micro-batches, then "
    "one optimizer.step(): never step or zero in between."
)
CLIP_HINT = (
    "Clip once per window, after the last backward() and before step(), with "
    "torch.nn.utils.clip_grad_norm_(model.parameters(), max_grad_norm)."
)
PARTIAL_HINT = (
    "A last window of r < accum_steps micro-batches is still stepped, and its losses are "
    "scaled by 1 / r, not 1 / accum_steps."
)


def _randn(seed, *shape, scale=1.0):
    return scale * torch.randn(*shape, generator=torch.Generator().manual_seed(seed))


def _weights(seed, d_in=5, d_hidden=8, d_out=3):
    g = torch.Generator().manual_seed(seed)
    return {
        "fc1.weight": torch.randn(d_hidden, d_in, generator=g) / math.sqrt(d_in),
        "fc1.bias": 0.1 * torch.randn(d_hidden, generator=g),
        "fc2.weight": torch.randn(d_out, d_hidden, generator=g) / math.sqrt(d_hidden),
        "fc2.bias": 0.1 * torch.randn(d_out, generator=g),
    }


def _data(seed, n_micro, micro_bs, d_in=5, d_out=3, y_scale=1.0):
    xs = _randn(seed, n_micro, micro_bs, d_in)
    ys = _randn(seed + 1, n_micro, micro_bs, d_out, scale=y_scale)
    return xs, ys


def _big_batch_training(weights, xs, ys, accum_steps, lr, momentum=0.0, max_grad_norm=None):
    """The same training with no accumulation: each window's micro-batches are concatenated
    into one batch and take one ordinary step. Computed in float64."""
    d_hidden, d_in = weights["fc1.weight"].shape
    d_out = weights["fc2.weight"].shape[0]
    fc1, fc2 = nn.Linear(d_in, d_hidden).double(), nn.Linear(d_hidden, d_out).double()
    with torch.no_grad():
        for name, t in weights.items():
            layer, kind = name.split(".")
            getattr(fc1 if layer == "fc1" else fc2, kind).copy_(t.double())
    params = [fc1.weight, fc1.bias, fc2.weight, fc2.bias]
    buffers = [None] * len(params)  # momentum buffers, as torch.optim.SGD keeps them
    losses = []
    for start in range(0, xs.shape[0], accum_steps):
        x = xs[start : start + accum_steps].reshape(-1, d_in).double()
        y = ys[start : start + accum_steps].reshape(-1, d_out).double()
        loss = F.mse_loss(fc2(torch.tanh(fc1(x))), y)
        grads = torch.autograd.grad(loss, params)
        losses.append(loss.item())
        if max_grad_norm is not None:  # the rule of torch.nn.utils.clip_grad_norm_
            norm = torch.sqrt(sum((g**2).sum() for g in grads))
            grads = [g * min(1.0, max_grad_norm / (float(norm) + 1e-6)) for g in grads]
        with torch.no_grad():
            for j, (p, g) in enumerate(zip(params, grads, strict=True)):
                buffers[j] = g.clone() if buffers[j] is None else momentum * buffers[j] + g
                p -= lr * buffers[j]
    final = dict(zip(NAMES, (p.detach().float() for p in params), strict=True))
    return final, losses


def _run(sol, weights, xs, ys, accum_steps, lr, momentum=0.0, max_grad_norm=None):
    got = sol.train_accumulated(weights, xs, ys, accum_steps, lr, momentum, max_grad_norm)
    expect(isinstance(got, tuple) and len(got) == 2,
           "train_accumulated must return a tuple (weights, window_losses)")  # fmt: skip
    final, losses = got
    expect(isinstance(final, dict) and set(final) == set(NAMES),
           f"the weights must be a dict with keys {list(NAMES)}, got {final!r:.200}")  # fmt: skip
    expect(isinstance(losses, list), f"window_losses must be a list, got {type(losses).__name__}")
    return final, _vec([float(v) for v in losses])


def _vec(values):
    return torch.tensor(values, dtype=torch.float64)


def _expect_weights(got, want, what, rtol=1e-4, atol=1e-6):
    for name in NAMES:
        expect_close(got[name], want[name], rtol=rtol, atol=atol, what=f"{what}: {name}")


def _bias_only_model(bias):
    """fc1 and fc2.weight are 0, so the output is fc2.bias and only fc2.bias gets a gradient:
    for one output, d(mean (b - y)^2)/db = 2 (b - mean(y))."""
    return {
        "fc1.weight": torch.zeros(2, 1),
        "fc1.bias": torch.zeros(2),
        "fc2.weight": torch.zeros(1, 2),
        "fc2.bias": torch.tensor([bias]),
    }


# Two windows of two micro-batches of two samples: targets with window means 3 and 1.
HAND_XS = torch.ones(4, 2, 1)
HAND_YS = torch.tensor([[2.0, 4.0], [3.0, 3.0], [1.0, 1.0], [0.0, 2.0]]).reshape(4, 2, 1)


# ---------------------------------------------------------------- correctness


@case("correctness", hint=SCALE_HINT)
def test_bias_only_by_hand(sol):
    # Window 1: b = 0, mean(y) = 3: grad -6, b = 0 + 0.1 * 6 = 0.6, loss mean(y^2) = 9.5.
    # Window 2: mean(y) = 1: grad 2 (0.6 - 1) = -0.8, b = 0.68; loss mean((0.6 - y)^2) = 0.66.
    final, losses = _run(sol, _bias_only_model(0.0), HAND_XS, HAND_YS, 2, lr=0.1)
    expect_close(final["fc2.bias"], torch.tensor([0.68]), rtol=1e-5, what="fc2.bias after 2 steps")
    expect_close(final["fc2.weight"], torch.zeros(1, 2), atol=1e-7, what="fc2.weight (no gradient)")
    expect_close(losses, _vec([9.5, 0.66]), rtol=1e-5, what="window losses")


@case("correctness", hint=CLIP_HINT)
def test_bias_only_clipped_by_hand(sol):
    # The window-1 gradient -6 is clipped to norm 1.5: b = 0.15. Window 2: grad
    # 2 (0.15 - 1) = -1.7, clipped to -1.5: b = 0.3. Clipping after the step would give 0.68.
    final, losses = _run(sol, _bias_only_model(0.0), HAND_XS, HAND_YS, 2, lr=0.1, max_grad_norm=1.5)
    expect_close(final["fc2.bias"], torch.tensor([0.3]), rtol=1e-5, what="fc2.bias after 2 steps")
    expect_close(
        losses, _vec([9.5, 1.2225]), rtol=1e-5, what="window losses"
    )  # window 2 at b = 0.15


@case("correctness", hint=WINDOW_HINT)
def test_bias_only_momentum_by_hand(sol):
    # Momentum 0.5: v1 = g1 = -6, b = 0.6; g2 = -0.8, v2 = 0.5 * -6 - 0.8 = -3.8, b = 0.98.
    final, _ = _run(sol, _bias_only_model(0.0), HAND_XS, HAND_YS, 2, lr=0.1, momentum=0.5)
    expect_close(final["fc2.bias"], torch.tensor([0.98]), rtol=1e-5, what="fc2.bias with momentum")


@case("correctness", hint=SCALE_HINT)
def test_one_window_equals_big_batch_step(sol):
    w = _weights(1)
    xs, ys = _data(2, 4, 6)
    final, losses = _run(sol, w, xs, ys, 4, lr=0.5)
    want, want_losses = _big_batch_training(w, xs, ys, 4, lr=0.5)
    _expect_weights(final, want, "after one window of 4 micro-batches")
    expect_close(losses, _vec(want_losses), rtol=1e-5, what="window loss")


@case("correctness", hint=CLIP_HINT)
def test_matches_big_batch_training(sol):
    # Three windows of four micro-batches, momentum, and a clip that is active every step.
    w = _weights(3)
    xs, ys = _data(4, 12, 5, y_scale=3.0)
    final, losses = _run(sol, w, xs, ys, 4, lr=0.2, momentum=0.9, max_grad_norm=0.5)
    want, want_losses = _big_batch_training(w, xs, ys, 4, lr=0.2, momentum=0.9, max_grad_norm=0.5)
    _expect_weights(final, want, "after 3 clipped momentum steps")
    expect_close(losses, _vec(want_losses), rtol=1e-5, what="window losses")


@case("correctness", hint=SCALE_HINT)
def test_accumulation_equals_concatenated_batches(sol):
    # 8 micro-batches of 3 with accum_steps=4 is the same training as 2 batches of 12 with
    # accum_steps=1 (a property of your own function, no reference involved).
    w = _weights(5)
    xs, ys = _data(6, 8, 3)
    acc, acc_losses = _run(sol, w, xs, ys, 4, lr=0.3, momentum=0.5)
    big, big_losses = _run(sol, w, xs.reshape(2, 12, 5), ys.reshape(2, 12, 3), 1, lr=0.3,
                           momentum=0.5)  # fmt: skip
    _expect_weights(acc, big, "accum_steps=4 against batches 4 times larger")
    expect_close(acc_losses, big_losses, rtol=1e-5, what="window losses")


@case("correctness", hint="Report each window's mean micro-batch loss, unscaled, before its step.")
def test_window_losses(sol):
    w = _weights(7)
    xs, ys = _data(8, 6, 4)
    _, losses = _run(sol, w, xs, ys, 2, lr=0.4)
    _, want = _big_batch_training(w, xs, ys, 2, lr=0.4)
    expect(
        len(losses) == 3, f"6 micro-batches with accum_steps=2 make 3 windows, got {len(losses)}"
    )
    expect_close(losses, _vec(want), rtol=1e-5, what="window losses")


# ---------------------------------------------------------------- edge cases


@case("edge_cases", hint=PARTIAL_HINT)
def test_partial_last_window(sol):
    # 6 micro-batches with accum_steps=4: a window of 4, then a window of 2.
    w = _weights(9)
    xs, ys = _data(10, 6, 4)
    final, losses = _run(sol, w, xs, ys, 4, lr=0.5, momentum=0.9)
    want, want_losses = _big_batch_training(w, xs, ys, 4, lr=0.5, momentum=0.9)
    expect(
        len(losses) == 2, f"6 micro-batches with accum_steps=4 make 2 windows, got {len(losses)}"
    )
    _expect_weights(final, want, "after windows of 4 and 2 micro-batches")
    expect_close(losses, _vec(want_losses), rtol=1e-5, what="window losses")


@case("edge_cases", hint=PARTIAL_HINT)
def test_window_longer_than_data(sol):
    w = _weights(11)
    xs, ys = _data(12, 3, 5)
    final, losses = _run(sol, w, xs, ys, 8, lr=0.5)
    want, want_losses = _big_batch_training(w, xs, ys, 8, lr=0.5)
    expect(len(losses) == 1, f"3 micro-batches with accum_steps=8 make 1 window, got {len(losses)}")
    _expect_weights(final, want, "after one window of 3 micro-batches")
    expect_close(losses, _vec(want_losses), rtol=1e-5, what="window loss")


@case("edge_cases")
def test_accum_steps_one_is_plain_sgd(sol):
    w = _weights(13)
    xs, ys = _data(14, 5, 4)
    final, losses = _run(sol, w, xs, ys, 1, lr=0.3, momentum=0.9, max_grad_norm=1.0)
    want, want_losses = _big_batch_training(w, xs, ys, 1, lr=0.3, momentum=0.9, max_grad_norm=1.0)
    _expect_weights(final, want, "after 5 plain steps")
    expect_close(losses, _vec(want_losses), rtol=1e-5, what="losses")


@case(
    "edge_cases",
    hint="Clipping only scales gradients down: a norm below max_grad_norm is left alone.",
)
def test_clipping_inactive_below_threshold(sol):
    w = _weights(15)
    xs, ys = _data(16, 4, 4)
    final, _ = _run(sol, w, xs, ys, 2, lr=0.2, max_grad_norm=1e3)
    want, _ = _big_batch_training(w, xs, ys, 2, lr=0.2)
    _expect_weights(final, want, "with max_grad_norm far above the gradient norm")


@case("edge_cases")
def test_lr_zero_keeps_weights(sol):
    w = _weights(17)
    xs, ys = _data(18, 4, 4)
    final, losses = _run(sol, w, xs, ys, 2, lr=0.0, momentum=0.9)
    _expect_weights(final, w, "with lr=0", rtol=0.0, atol=0.0)
    _, want = _big_batch_training(w, xs, ys, 2, lr=0.0)
    expect_close(losses, _vec(want), rtol=1e-5, what="window losses with lr=0")


# ---------------------------------------------------------------- numerical stability


@case("numerical_stability", hint="A zero gradient must stay zero after clipping: no 0 / 0.")
def test_zero_gradient_with_clipping(sol):
    # The model already outputs every target exactly: loss 0 and every gradient 0.
    w = _bias_only_model(2.5)
    ys = torch.full((4, 2, 1), 2.5)
    final, losses = _run(sol, w, HAND_XS, ys, 2, lr=0.1, momentum=0.9, max_grad_norm=1.0)
    for name in NAMES:
        expect(bool(torch.isfinite(final[name]).all()), f"{name} became nan or inf")
    _expect_weights(final, w, "when every gradient is zero", rtol=0.0, atol=0.0)
    expect_close(losses, _vec([0.0, 0.0]), atol=0.0, what="window losses at a perfect fit")


@case("numerical_stability", hint=CLIP_HINT)
def test_huge_gradients_are_clipped(sol):
    # Targets of 1e4 give gradient norms around 1e4: one clipped step moves the parameters by
    # exactly lr * max_grad_norm in total.
    w = _weights(19)
    xs, ys = _data(20, 4, 4, y_scale=1e4)
    final, _ = _run(sol, w, xs, ys, 4, lr=0.1, max_grad_norm=2.0)
    moved = math.sqrt(sum(float(((final[n] - w[n]).double() ** 2).sum()) for n in NAMES))
    expect_close(moved, 0.2, rtol=1e-3, what="norm of the parameter update")
    want, _ = _big_batch_training(w, xs, ys, 4, lr=0.1, max_grad_norm=2.0)
    _expect_weights(final, want, "after a clipped step with targets of 1e4", atol=1e-5)
