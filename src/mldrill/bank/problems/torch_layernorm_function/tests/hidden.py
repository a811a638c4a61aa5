import math

import torch
import torch.nn.functional as F

from mldrill.grading.testkit import case, expect, expect_close, expect_fast

F64 = torch.float64
BACKWARD_HINT = (
    "mean and variance depend on x too: dx = rstd * (g - mean(g) - xhat * mean(g * xhat)), "
    "with g = grad_out * weight and the means over the last axis."
)
VAR_HINT = "Layer norm uses the biased variance: divide by D (mean of squares), not D - 1."
SUM_HINT = "weight and bias are shared by every row: sum their gradients over all leading axes."


def _randn(seed, *shape, dtype=F64):
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed), dtype=dtype)


def _torch_grads(x, weight, bias, grad_out, eps):
    """The same quantities from PyTorch's own layer norm and autograd."""
    x, weight, bias = (t.clone().requires_grad_(True) for t in (x, weight, bias))
    out = F.layer_norm(x, x.shape[-1:], weight, bias, eps)
    dx, dw, db = torch.autograd.grad(out, (x, weight, bias), grad_out)
    return out.detach(), dx, dw, db


def _check_all(got, want, rtol, atol, label=""):
    for name, g, w in zip(("output", "dx", "dweight", "dbias"), got, want, strict=True):
        expect_close(g, w, rtol=rtol, atol=atol, what=f"{name}{label}")


# ---------------------------------------------------------------- correctness


@case("correctness", hint=VAR_HINT)
def test_forward_known_values(sol):
    # Row 0: mean 2.5, variance (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25.
    # Row 1: mean 3, deviations [-1, -1, -1, 3], variance 12 / 4 = 3.
    x = torch.tensor([[1.0, 2.0, 3.0, 4.0], [2.0, 2.0, 2.0, 6.0]], dtype=F64)
    weight = torch.tensor([1.0, 2.0, 0.5, -1.0], dtype=F64)
    bias = torch.tensor([0.0, 1.0, 0.0, -2.0], dtype=F64)
    xhat = torch.tensor(
        [[-1.5, -0.5, 0.5, 1.5], [-1.0, -1.0, -1.0, 3.0]], dtype=F64
    ) / torch.tensor([[math.sqrt(1.25)], [math.sqrt(3.0)]], dtype=F64)
    got = sol.layer_norm(x, weight, bias, 0.0)
    expect_close(got, xhat * weight + bias, rtol=1e-12, atol=1e-12, what="layer_norm with eps=0")


@case("correctness", hint=BACKWARD_HINT)
def test_gradients_known_values(sol):
    # x = [1, 2, 3, 4], eps = 0: xhat = [-3, -1, 1, 3] / sqrt(5), rstd = 2 / sqrt(5).
    # Upstream g = [1, 0, 0, 0], weight 1: mean(g) = 1/4, mean(g xhat) = -3 / (4 sqrt(5)),
    # dx = rstd * (g - 1/4 - xhat * mean(g xhat)) = [0.6, -0.8, -0.2, 0.4] / sqrt(5).
    x = torch.tensor([[1.0, 2.0, 3.0, 4.0]], dtype=F64)
    g = torch.tensor([[1.0, 0.0, 0.0, 0.0]], dtype=F64)
    out, dx, dw, db = sol.layer_norm_grads(x, torch.ones(4, dtype=F64), torch.zeros(4, dtype=F64),
                                           g, 0.0)  # fmt: skip
    r5 = math.sqrt(5.0)
    expect_close(out, torch.tensor([[-3.0, -1.0, 1.0, 3.0]], dtype=F64) / r5, rtol=1e-12,
                 what="output")  # fmt: skip
    want_dx = torch.tensor([[0.6, -0.8, -0.2, 0.4]], dtype=F64) / r5
    expect_close(dx, want_dx, rtol=1e-10, atol=1e-12, what="dx")
    expect_close(dw, torch.tensor([-3.0 / r5, 0.0, 0.0, 0.0], dtype=F64), rtol=1e-12,
                 atol=1e-12, what="dweight")  # fmt: skip
    expect_close(db, torch.tensor([1.0, 0.0, 0.0, 0.0], dtype=F64), rtol=1e-12, what="dbias")


@case("correctness", hint=BACKWARD_HINT)
def test_gradients_match_torch_autograd(sol):
    x, g = _randn(1, 6, 7), _randn(2, 6, 7)
    weight, bias = _randn(3, 7), _randn(4, 7)
    got = sol.layer_norm_grads(x, weight, bias, g, 1e-5)
    _check_all(got, _torch_grads(x, weight, bias, g, 1e-5), rtol=1e-9, atol=1e-11)


@case("correctness", hint=BACKWARD_HINT)
def test_gradients_match_finite_differences(sol):
    # gradcheck by hand: central differences of L = sum(layer_norm(...) * g), using your
    # own forward, against your backward.
    N, D, h = 3, 5, 1e-6
    x, g = _randn(5, N, D), _randn(6, N, D)
    weight, bias = _randn(7, D), _randn(8, D)
    _, dx, dw, db = sol.layer_norm_grads(x, weight, bias, g, 1e-5)
    # Every perturbation of x at once: layer_norm works on any leading shape.
    steps = torch.eye(N * D, dtype=F64).reshape(N * D, N, D) * h
    up = sol.layer_norm(x + steps, weight, bias, 1e-5)
    down = sol.layer_norm(x - steps, weight, bias, 1e-5)
    num_dx = ((up - down) * g).sum(dim=(1, 2)).reshape(N, D) / (2 * h)
    expect_close(dx, num_dx, rtol=1e-5, atol=1e-7, what="dx against finite differences")
    for name, got, vary in (("dweight", dw, "weight"), ("dbias", db, "bias")):
        numeric = torch.zeros(D, dtype=F64)
        for j in range(D):
            e = torch.zeros(D, dtype=F64)
            e[j] = h
            args = {"weight": weight, "bias": bias}
            args[vary] = args[vary] + e
            plus = sol.layer_norm(x, args["weight"], args["bias"], 1e-5)
            args[vary] = args[vary] - 2 * e
            minus = sol.layer_norm(x, args["weight"], args["bias"], 1e-5)
            numeric[j] = ((plus - minus) * g).sum() / (2 * h)
        expect_close(got, numeric, rtol=1e-5, atol=1e-7, what=f"{name} against finite differences")


@case("correctness", hint=SUM_HINT)
def test_three_dim_input_matches_reference(sol, ref):
    x, g = _randn(9, 2, 3, 6), _randn(10, 2, 3, 6)
    weight, bias = _randn(11, 6), _randn(12, 6)
    got = sol.layer_norm_grads(x, weight, bias, g, 1e-5)
    expect(getattr(got[2], "shape", None) == (6,), "dweight should have shape (6,)")
    _check_all(got, ref.layer_norm_grads(x, weight, bias, g, 1e-5), rtol=1e-9, atol=1e-11)
    _check_all(got, _torch_grads(x, weight, bias, g, 1e-5), rtol=1e-9, atol=1e-11, label=" (torch)")


@case("correctness", hint="Layer norm of a row does not depend on the other rows.")
def test_rows_are_independent(sol):
    x, weight, bias = _randn(13, 4, 8), _randn(14, 8), _randn(15, 8)
    whole = sol.layer_norm(x, weight, bias, 1e-5)
    for i in range(4):
        one = sol.layer_norm(x[i : i + 1], weight, bias, 1e-5)
        expect_close(whole[i : i + 1], one, rtol=1e-12, atol=1e-12, what=f"row {i}")


# ---------------------------------------------------------------- edge cases


@case("edge_cases", hint="A row with zero variance normalises to 0: eps keeps rsqrt finite.")
def test_constant_rows(sol):
    # var = 0, so rstd = 1 / sqrt(eps) and xhat = 0: the output is the bias, dweight is 0
    # and dx = rstd * (g w - mean(g w)).
    eps = 1e-2
    x = torch.tensor([[3.0, 3.0, 3.0], [-1.0, -1.0, -1.0]], dtype=F64)
    weight = torch.tensor([1.0, 2.0, -1.0], dtype=F64)
    bias = torch.tensor([0.5, 0.0, -0.5], dtype=F64)
    g = torch.tensor([[1.0, 1.0, 1.0], [2.0, 0.0, -1.0]], dtype=F64)
    out, dx, dw, db = sol.layer_norm_grads(x, weight, bias, g, eps)
    expect_close(out, bias.expand(2, 3), rtol=1e-12, atol=1e-12, what="output")
    gw = g * weight
    want_dx = (gw - gw.mean(dim=1, keepdim=True)) / math.sqrt(eps)
    expect_close(dx, want_dx, rtol=1e-10, atol=1e-12, what="dx")
    expect_close(dw, torch.zeros(3, dtype=F64), atol=1e-12, what="dweight")
    expect_close(db, g.sum(dim=0), rtol=1e-12, what="dbias")


@case("edge_cases", hint="With one feature every row is its own mean: xhat = 0.")
def test_single_feature(sol):
    x, g = _randn(16, 5, 1), _randn(17, 5, 1)
    weight = torch.tensor([2.0], dtype=F64)
    bias = torch.tensor([-0.25], dtype=F64)
    out, dx, dw, db = sol.layer_norm_grads(x, weight, bias, g, 1e-5)
    expect_close(out, torch.full((5, 1), -0.25, dtype=F64), atol=1e-12, what="output")
    expect_close(dx, torch.zeros(5, 1, dtype=F64), atol=1e-12, what="dx")
    expect_close(dw, torch.zeros(1, dtype=F64), atol=1e-12, what="dweight")
    expect_close(db, g.sum(dim=0), rtol=1e-12, what="dbias")


@case("edge_cases", hint="A 1-D input is a single row; dweight and dbias still have shape (D,).")
def test_one_dim_input(sol):
    x, g = _randn(18, 6), _randn(19, 6)
    weight, bias = _randn(20, 6), _randn(21, 6)
    got = sol.layer_norm_grads(x, weight, bias, g, 1e-5)
    _check_all(got, _torch_grads(x, weight, bias, g, 1e-5), rtol=1e-9, atol=1e-11)


@case("edge_cases", hint="eps goes inside the square root: rsqrt(var + eps).")
def test_large_eps(sol):
    x, g = _randn(22, 3, 4), _randn(23, 3, 4)
    weight, bias = _randn(24, 4), _randn(25, 4)
    got = sol.layer_norm_grads(x, weight, bias, g, 0.5)
    _check_all(got, _torch_grads(x, weight, bias, g, 0.5), rtol=1e-9, atol=1e-11)


@case("edge_cases", hint="Keep the input's dtype: float32 in, float32 out.")
def test_float32_stays_float32(sol):
    x, g = _randn(26, 4, 8, dtype=torch.float32), _randn(27, 4, 8, dtype=torch.float32)
    weight, bias = _randn(28, 8, dtype=torch.float32), _randn(29, 8, dtype=torch.float32)
    got = sol.layer_norm_grads(x, weight, bias, g, 1e-5)
    for name, t in zip(("output", "dx", "dweight", "dbias"), got, strict=True):
        expect(getattr(t, "dtype", None) == torch.float32, f"{name} should be float32")
    _check_all(got, _torch_grads(x, weight, bias, g, 1e-5), rtol=1e-4, atol=1e-5)


# ---------------------------------------------------------------- numerical stability


@case("numerical_stability", hint="E[x^2] - E[x]^2 cancels catastrophically: use E[(x - mean)^2].")
def test_large_mean_small_spread_float32(sol):
    # float32 rows around 1000 with spread 0.1: x^2 ~ 1e6, where a float32 step is 0.06,
    # so the one-pass variance E[x^2] - E[x]^2 loses every digit (or goes negative).
    x = (1000.0 + 0.1 * _randn(30, 16, 32)).float()
    g = _randn(31, 16, 32, dtype=torch.float32)
    weight, bias = _randn(32, 32, dtype=torch.float32), _randn(33, 32, dtype=torch.float32)
    got = sol.layer_norm_grads(x, weight, bias, g, 1e-5)
    want = _torch_grads(x.double(), weight.double(), bias.double(), g.double(), 1e-5)
    for name, t in zip(("output", "dx", "dweight", "dbias"), got, strict=True):
        expect(bool(torch.isfinite(t).all()), f"{name} has nan or inf")
    expect_close(got[0].double(), want[0], rtol=1e-2, atol=1e-2, what="output")
    expect_close(got[1].double(), want[1], rtol=2e-2, atol=2e-1, what="dx")


@case("numerical_stability", hint="Subtract the mean before squaring.")
def test_large_offset_float64(sol):
    # The same trap in float64: rows around 1e6 with spread 1e-3. x^2 ~ 1e12, where a float64
    # step is 1e-4, far above the variance of 1e-6.
    x = 1e6 + 1e-3 * _randn(34, 8, 16)
    g = _randn(35, 8, 16)
    weight, bias = _randn(36, 16), _randn(37, 16)
    got = sol.layer_norm_grads(x, weight, bias, g, 1e-12)
    want = _torch_grads(x, weight, bias, g, 1e-12)
    _check_all(got, want, rtol=1e-4, atol=1e-3)


@case("numerical_stability")
def test_tiny_spread_below_eps(sol):
    # Spread 1e-4 (variance 1e-8) with eps = 1e-5: eps dominates and the output is tiny.
    x, g = 1e-4 * _randn(38, 4, 8), _randn(39, 4, 8)
    weight, bias = _randn(40, 8), _randn(41, 8)
    got = sol.layer_norm_grads(x, weight, bias, g, 1e-5)
    _check_all(got, _torch_grads(x, weight, bias, g, 1e-5), rtol=1e-8, atol=1e-10)


# ---------------------------------------------------------------- efficiency


def _one_thread(fn):
    """Time the reference on one thread, like the candidate's box: on a busy machine torch's
    thread pool on this side can be many times slower than a single thread."""

    def run(*args):
        before = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            return fn(*args)
        finally:
            torch.set_num_threads(before)

    return run


@case("efficiency", timeout=10.0, hint="Reduce over the last axis for all rows at once.")
def test_many_rows_speed(sol, ref):
    # Many short rows: vectorised code takes about a millisecond, a loop over rows pays
    # Python and dispatch overhead 1000 times.
    x, g = _randn(42, 1000, 16, dtype=torch.float32), _randn(43, 1000, 16, dtype=torch.float32)
    weight, bias = _randn(44, 16, dtype=torch.float32), _randn(45, 16, dtype=torch.float32)
    expect_fast(sol.layer_norm_grads, _one_thread(ref.layer_norm_grads), x, weight, bias, g,
                1e-5, max_ratio=8)  # fmt: skip
