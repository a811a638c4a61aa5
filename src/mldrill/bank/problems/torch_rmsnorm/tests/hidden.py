import math

import torch

from mldrill.grading.testkit import attr, case, expect, expect_close, expect_fast

UPCAST_HINT = (
    "Do the reduction in float32: x.float() (or x.to(torch.float32)) before squaring, then "
    "cast the result back with .to(x.dtype)."
)
EPS_HINT = "eps goes inside the square root: x / sqrt(mean(x^2) + eps)."
DTYPE_HINT = "Return the input dtype: cast the float32 result back with .to(x.dtype)."


def _randn(seed, *shape, dtype=torch.float32):
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed)).to(dtype)


def _expected(x, weight=None, eps=1e-6):
    """RMSNorm computed in float64 on this side, cast to x's dtype."""
    x64 = x.double()
    y = x64 / torch.sqrt(x64.pow(2).mean(dim=-1, keepdim=True) + eps)
    if weight is not None:
        y = y * weight.double()
    return y.to(x.dtype)


def _module(sol, dim, eps=None, weight=None):
    m = sol.RMSNorm(dim) if eps is None else sol.RMSNorm(dim, eps)
    if weight is not None:
        m.load_state_dict({"weight": weight})
    return m


def _bf16_in_box(m, x):
    """A bfloat16 copy of x inside the candidate's process (bfloat16 cannot be sent)."""
    proto = attr(m.weight).bfloat16()
    return proto.new_empty(tuple(x.shape)).copy_(x)


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


@case("correctness", hint="y = x / sqrt(mean(x^2 over the last axis) + eps) * weight.")
def test_known_values(sol):
    # Row [3, 4]: mean square 12.5. Row [2, -2]: mean square 4, so it becomes [1, -1].
    m = _module(sol, 2, eps=0.0)
    got = m(torch.tensor([[3.0, 4.0], [2.0, -2.0]]))
    r = math.sqrt(12.5)
    want = torch.tensor([[3 / r, 4 / r], [1.0, -1.0]])
    expect_close(got, want, rtol=1e-6, atol=1e-7, what="RMSNorm of [[3, 4], [2, -2]] (eps=0)")


@case("correctness", hint="Multiply the normalised x by self.weight, one gain per feature.")
def test_weight_scales_each_feature(sol):
    # [1, 1, 1, 1] has mean square 1, so the output is the weight itself.
    w = torch.tensor([2.0, 0.5, -1.0, 0.0])
    m = _module(sol, 4, eps=0.0, weight=w)
    got = m(torch.tensor([[1.0, 1.0, 1.0, 1.0], [2.0, 2.0, 2.0, 2.0]]))
    expect_close(got, torch.stack([w, w]), rtol=1e-6, atol=1e-7, what="output with weight")


@case("correctness", hint="Create self.weight = nn.Parameter(torch.ones(dim)) in __init__.")
def test_weight_is_a_learnable_parameter(sol):
    m = sol.RMSNorm(5)
    p = m.get_parameter("weight")  # raises unless weight is a registered parameter
    expect(attr(p.requires_grad) is True, "weight must require grad (a learnable scale)")
    expect_close(p.detach(), torch.ones(5), what="initial weight")


@case("correctness")
def test_matches_float64_computation(sol):
    x = _randn(1, 2, 5, 16)
    w = _randn(2, 16)
    got = _module(sol, 16, eps=1e-5, weight=w)(x)
    expect_close(got, _expected(x, w, eps=1e-5), rtol=1e-5, atol=1e-6, what="(2, 5, 16) input")


@case("correctness", hint="Reduce over the last axis only (dim=-1, keepdim=True).")
def test_each_row_has_unit_rms(sol):
    x = 3.0 * _randn(3, 6, 10) + 1.0
    got = _module(sol, 10, eps=1e-8)(x)
    rms = got.double().pow(2).mean(dim=-1)
    expect_close(rms, torch.ones(6, dtype=torch.float64), rtol=1e-5, what="mean(y^2) per row")


@case("correctness", hint="RMSNorm does not subtract the mean (that is LayerNorm).")
def test_scale_invariant_not_centred(sol):
    # Adding a constant changes the output (no centring); scaling by c > 0 does not.
    m = _module(sol, 3, eps=0.0)
    x = torch.tensor([[1.0, 2.0, 3.0]])
    got = m(x)
    r = math.sqrt(14 / 3)
    expect_close(got, torch.tensor([[1 / r, 2 / r, 3 / r]]), rtol=1e-6, what="RMSNorm([1, 2, 3])")
    expect_close(m(250.0 * x), got, rtol=1e-6, what="RMSNorm(250 x)")


# ---------------------------------------------------------------- edge cases


@case("edge_cases", hint=EPS_HINT)
def test_zero_row_stays_zero(sol):
    m = _module(sol, 4)
    got = m(torch.tensor([[0.0, 0.0, 0.0, 0.0], [1.0, -1.0, 1.0, -1.0]]))
    want = torch.tensor([[0.0, 0.0, 0.0, 0.0], [1.0, -1.0, 1.0, -1.0]]) / math.sqrt(1 + 1e-6)
    expect_close(got, want, rtol=1e-6, atol=1e-7, what="an all-zero row and a +-1 row")


@case("edge_cases", hint="The default eps is 1e-6, added to the mean square.")
def test_default_eps(sol):
    # mean square 1e-6 plus eps 1e-6: every entry becomes 1e-3 / sqrt(2e-6) = 1 / sqrt(2).
    got = sol.RMSNorm(3)(torch.full((2, 3), 1e-3))
    expect_close(got, torch.full((2, 3), 1 / math.sqrt(2)), rtol=1e-5, what="with eps=1e-6")


@case("edge_cases")
def test_single_feature(sol):
    # dim = 1: y = x / sqrt(x^2 + eps), about sign(x) times the weight.
    m = _module(sol, 1, eps=1e-6, weight=torch.tensor([3.0]))
    x = torch.tensor([[2.0], [-0.5], [0.0]])
    want = 3.0 * x.double() / torch.sqrt(x.double() ** 2 + 1e-6)
    expect_close(m(x), want.float(), rtol=1e-6, atol=1e-7, what="output with one feature")


@case("edge_cases", hint=DTYPE_HINT)
def test_float16_in_float16_out(sol):
    x = _randn(4, 3, 32, dtype=torch.float16)
    w = _randn(5, 32)
    got = _module(sol, 32, weight=w)(x)
    expect(got.dtype == torch.float16, f"float16 input must give float16 output, got {got.dtype}")
    expect_close(got.float(), _expected(x, w).float(), rtol=2e-3, atol=2e-3, what="float16 output")


@case("edge_cases", hint=DTYPE_HINT)
def test_bfloat16_in_bfloat16_out(sol):
    m = _module(sol, 24, weight=_randn(6, 24))
    x = _randn(7, 4, 24)
    out = m(_bf16_in_box(m, x))
    # bfloat16 has no NumPy type, so a bfloat16 result comes back as a handle; any other
    # dtype would come back as a plain tensor.
    expect(not isinstance(out, torch.Tensor), f"bfloat16 input gave a {out.dtype} output")
    expect(attr(attr(out.dtype).itemsize) == 2, "bfloat16 input must give a bfloat16 output")
    want = _expected(x.bfloat16(), _randn(6, 24)).float()
    expect_close(out.float(), want, rtol=1e-2, atol=1e-2, what="bfloat16 output")


@case("edge_cases", hint="Compute in float32 at least: do not downcast float64 input.")
def test_float64_keeps_full_precision(sol):
    x = _randn(8, 3, 20, dtype=torch.float64) * 1e3
    w = _randn(9, 20, dtype=torch.float64)
    m = _module(sol, 20, weight=w)
    m.double()
    got = m(x)
    expect(got.dtype == torch.float64, f"float64 input must give float64 output, got {got.dtype}")
    expect_close(got, _expected(x, w), rtol=1e-12, atol=1e-12, what="float64 output")


# ---------------------------------------------------------------- numerical stability


@case("numerical_stability", hint=UPCAST_HINT)
def test_float16_large_activations(sol):
    # 1000^2 = 1e6 is far above the float16 maximum (65504): squaring in float16 gives inf.
    x = torch.tensor([[300.0, -700.0, 1000.0, 20.0], [500.0, 500.0, -500.0, 500.0]])
    got = _module(sol, 4)(x.half())
    expect(got.dtype == torch.float16, f"expected float16 output, got {got.dtype}")
    want = _expected(x).half()  # row 1 is [1, 1, -1, 1]
    expect_close(got.float(), want.float(), rtol=2e-3, atol=1e-3, what="float16, |x| up to 1000")


@case("numerical_stability", hint=UPCAST_HINT)
def test_float16_tiny_activations(sol):
    # (1e-4)^2 = 1e-8 is below the smallest float16 (6e-8): squaring in float16 gives 0.
    x = torch.tensor([[1e-4, -1e-4, 2e-4, 2e-4]])
    got = _module(sol, 4, eps=1e-12)(x.half())
    expect(got.dtype == torch.float16, f"expected float16 output, got {got.dtype}")
    want = _expected(x.half(), eps=1e-12)  # about [0.63, -0.63, 1.26, 1.26]
    expect_close(got.float(), want.float(), rtol=3e-3, atol=1e-3, what="float16, |x| ~ 1e-4")


@case("numerical_stability", hint=EPS_HINT)
def test_tiny_activations_use_eps_inside_sqrt(sol):
    # mean square 1e-8 plus eps 1e-6: 1e-4 / sqrt(1.01e-6) ~ 0.0995. With eps outside the
    # root, 1e-4 / (1e-4 + 1e-6) ~ 0.99: ten times too large.
    got = _module(sol, 8, eps=1e-6)(torch.full((3, 8), 1e-4))
    want = torch.full((3, 8), 1e-4 / math.sqrt(1e-8 + 1e-6))
    expect_close(got, want, rtol=1e-5, what="output for activations of 1e-4")


@case("numerical_stability")
def test_mixed_scales_stay_finite(sol):
    x = torch.cat([_randn(10, 2, 16) * 1e-30, torch.zeros(1, 16), _randn(11, 2, 16) * 1e15])
    got = _module(sol, 16)(x)
    expect(bool(torch.isfinite(got).all()), "output has nan or inf for tiny, zero or huge rows")
    expect_close(got, _expected(x), rtol=1e-5, atol=1e-6, what="rows scaled 1e-30, 0 and 1e15")


# ---------------------------------------------------------------- efficiency


@case("efficiency", timeout=10.0, hint="Reduce over the last axis in one call: no loop over rows.")
def test_many_rows_speed(sol, ref):
    x = _randn(12, 4096, 64)
    expect_fast(sol.RMSNorm(64), _single_threaded(ref.RMSNorm(64)), x, max_ratio=6)
