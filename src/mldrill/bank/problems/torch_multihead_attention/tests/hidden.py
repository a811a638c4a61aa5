import math

import torch
import torch.nn.functional as F

from mldrill.grading.testkit import case, expect, expect_close, expect_fast, expect_raises

NAMES = ("q_proj", "k_proj", "v_proj", "out_proj")
SPLIT_HINT = (
    "Split heads with view(B, T, H, Dh) then transpose(1, 2); merge them back with "
    "transpose(1, 2) then reshape(B, T, D)."
)
SCALE_HINT = "Scale the scores by 1 / sqrt(head_dim), where head_dim = d_model // n_heads."
MASK_HINT = "Query i may attend to keys 0..i: fill the scores above the diagonal with -inf."


def _weights(d_model, seed, scale=1.0):
    g = torch.Generator().manual_seed(seed)
    w = {}
    for name in NAMES:
        w[f"{name}.weight"] = (
            scale * torch.randn(d_model, d_model, generator=g) / math.sqrt(d_model)
        )
        w[f"{name}.bias"] = 0.1 * torch.randn(d_model, generator=g)
    return w


def _identity(d_model, out_bias=None):
    w = {}
    for name in NAMES:
        w[f"{name}.weight"] = torch.eye(d_model)
        w[f"{name}.bias"] = torch.zeros(d_model)
    if out_bias is not None:
        w["out_proj.bias"] = torch.tensor(out_bias)
    return w


def _build(mod, d_model, n_heads, weights):
    m = mod.MultiHeadAttention(d_model, n_heads)
    m.load_weights(weights)
    return m


def _randn(seed, *shape):
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed))


def _sdpa_forward(x, w, n_heads, causal):
    """The same layer from PyTorch's own building blocks, in float64."""
    x = x.double()
    w = {k: v.double() for k, v in w.items()}
    B, T, D = x.shape

    def proj(name, t):
        return F.linear(t, w[f"{name}.weight"], w[f"{name}.bias"])

    def heads(t):
        return t.reshape(B, T, n_heads, D // n_heads).permute(0, 2, 1, 3)

    q, k, v = (heads(proj(n, x)) for n in ("q_proj", "k_proj", "v_proj"))
    o = F.scaled_dot_product_attention(q, k, v, is_causal=causal)
    return proj("out_proj", o.permute(0, 2, 1, 3).reshape(B, T, D)).float()


# ---------------------------------------------------------------- correctness


@case("correctness", hint=SCALE_HINT)
def test_known_values_two_heads(sol):
    # Identity projections, D = 2, H = 2: head 0 sees feature 0, head 1 sees feature 1,
    # and head_dim = 1, so the scale is 1. Tokens: t0 = [1, 2], t1 = [0, 1].
    # head 0: values [1, 0]; query 1 scores [1, 0], query 0 scores [0, 0].
    # head 1: values [2, 1]; query 2 scores [4, 2], query 1 scores [2, 1].
    m = _build(sol, 2, 2, _identity(2, out_bias=[0.5, -0.5]))
    s1, s2 = 1 / (1 + math.exp(-1)), 1 / (1 + math.exp(-2))  # sigmoid(1), sigmoid(2)
    want = torch.tensor([[[s1, 1 + s2], [0.5, 1 + s1]]]) + torch.tensor([0.5, -0.5])
    got = m(torch.tensor([[[1.0, 2.0], [0.0, 1.0]]]))
    expect_close(got, want, rtol=1e-5, atol=1e-6, what="output for the worked example")


@case("correctness", hint=SCALE_HINT)
def test_known_values_one_head(sol):
    # One head of size 2: scores = x x^T / sqrt(2); rows [5, 2] and [2, 1] before scaling.
    m = _build(sol, 2, 1, _identity(2))
    a, b = 1 / (1 + math.exp(-3 / math.sqrt(2))), 1 / (1 + math.exp(-1 / math.sqrt(2)))
    want = torch.tensor([[[a, 1 + a], [b, 1 + b]]])
    got = m(torch.tensor([[[1.0, 2.0], [0.0, 1.0]]]))
    expect_close(got, want, rtol=1e-5, atol=1e-6, what="output with one head")


@case("correctness", hint=SPLIT_HINT)
def test_matches_reference(sol, ref):
    w = _weights(8, seed=1)
    x = _randn(2, 3, 5, 8)
    got = _build(sol, 8, 2, w)(x)
    want = _build(ref, 8, 2, w)(x)
    expect_close(got, want, rtol=1e-5, atol=1e-6, what="output (d_model=8, n_heads=2)")


@case("correctness", hint=SPLIT_HINT)
def test_matches_scaled_dot_product_attention(sol):
    w = _weights(16, seed=3)
    x = _randn(4, 2, 7, 16)
    m = _build(sol, 16, 4, w)
    for causal in (False, True):
        want = _sdpa_forward(x, w, 4, causal)
        expect_close(m(x, causal=causal), want, rtol=1e-4, atol=1e-5, what=f"causal={causal}")


@case("correctness", hint=SPLIT_HINT)
def test_matches_torch_multihead_attention(sol):
    d_model, n_heads = 12, 3
    w = _weights(d_model, seed=5)
    mha = torch.nn.MultiheadAttention(d_model, n_heads, batch_first=True)
    with torch.no_grad():
        mha.in_proj_weight.copy_(torch.cat([w[f"{n}_proj.weight"] for n in "qkv"]))
        mha.in_proj_bias.copy_(torch.cat([w[f"{n}_proj.bias"] for n in "qkv"]))
        mha.out_proj.weight.copy_(w["out_proj.weight"])
        mha.out_proj.bias.copy_(w["out_proj.bias"])
        x = _randn(6, 2, 6, d_model)
        want, _ = mha(x, x, x, need_weights=False)
    expect_close(_build(sol, d_model, n_heads, w)(x), want, rtol=1e-4, atol=1e-5)


@case("correctness", hint="load_weights must copy each tensor into the layer of that name.")
def test_projections_hold_loaded_weights(sol):
    w = _weights(6, seed=7)
    m = _build(sol, 6, 3, w)
    x = _randn(8, 4, 6)
    for name in NAMES:
        want = x @ w[f"{name}.weight"].T + w[f"{name}.bias"]
        got = getattr(m, name)(x)
        expect_close(got, want, rtol=1e-5, atol=1e-6, what=f"{name}(x)")


@case("correctness", hint="More heads must not change which features a query compares.")
def test_head_count_changes_output(sol, ref):
    # The same weights with 1, 2 and 4 heads give three different layers.
    w = _weights(8, seed=9, scale=2.0)
    x = _randn(10, 1, 6, 8)
    outs = []
    for n_heads in (1, 2, 4):
        got = _build(sol, 8, n_heads, w)(x)
        expect_close(got, _build(ref, 8, n_heads, w)(x), rtol=1e-5, atol=1e-6,
                     what=f"output with n_heads={n_heads}")  # fmt: skip
        outs.append(got)
    expect(not torch.allclose(outs[0], outs[1]), "1 and 2 heads gave the same output")


# ---------------------------------------------------------------- edge cases


@case("edge_cases", hint=MASK_HINT)
def test_causal_known_values(sol):
    # The worked example again, causal: token 0 sees only itself, token 1 is unchanged.
    m = _build(sol, 2, 2, _identity(2, out_bias=[0.5, -0.5]))
    s1 = 1 / (1 + math.exp(-1))
    want = torch.tensor([[[1.5, 1.5], [1.0, 0.5 + s1]]])
    got = m(torch.tensor([[[1.0, 2.0], [0.0, 1.0]]]), causal=True)
    expect_close(got, want, rtol=1e-5, atol=1e-6, what="causal output for the worked example")


@case("edge_cases", hint=MASK_HINT)
def test_causal_ignores_future_tokens(sol):
    w = _weights(8, seed=11)
    m = _build(sol, 8, 2, w)
    x = _randn(12, 2, 6, 8)
    base = m(x, causal=True)
    for t in range(5):
        changed = x.clone()
        changed[:, t + 1 :] += 5.0 * _randn(13 + t, 2, 5 - t, 8)
        got = m(changed, causal=True)
        expect_close(got[:, : t + 1], base[:, : t + 1], rtol=1e-5, atol=1e-6,
                     what=f"outputs 0..{t} after changing tokens {t + 1}..5")  # fmt: skip
        expect(not torch.allclose(got[:, t + 1], base[:, t + 1]),
               f"output {t + 1} did not change when token {t + 1} did")  # fmt: skip


@case("edge_cases", hint=MASK_HINT)
def test_causal_equals_attention_over_prefix(sol):
    # With the causal mask, position t is plain attention over tokens 0..t.
    w = _weights(8, seed=14)
    m = _build(sol, 8, 4, w)
    x = _randn(15, 1, 5, 8)
    full = m(x, causal=True)
    for t in range(5):
        prefix = m(x[:, : t + 1])
        expect_close(full[:, t], prefix[:, t], rtol=1e-5, atol=1e-6, what=f"causal output {t}")


@case("edge_cases")
def test_single_token(sol):
    # One token attends to itself with weight 1: out_proj(v_proj(x)), causal or not.
    w = _weights(4, seed=16)
    m = _build(sol, 4, 2, w)
    x = _randn(17, 3, 1, 4)
    v = x @ w["v_proj.weight"].T + w["v_proj.bias"]
    want = v @ w["out_proj.weight"].T + w["out_proj.bias"]
    expect_close(m(x), want, rtol=1e-5, atol=1e-6, what="output for T = 1")
    expect_close(m(x, causal=True), want, rtol=1e-5, atol=1e-6, what="causal output for T = 1")


@case("edge_cases", hint=SPLIT_HINT)
def test_heads_of_size_one(sol):
    w = _weights(4, seed=18)
    x = _randn(19, 2, 3, 4)
    want = _sdpa_forward(x, w, 4, causal=True)
    got = _build(sol, 4, 4, w)(x, causal=True)
    expect_close(got, want, rtol=1e-4, atol=1e-5, what="n_heads = d_model")


@case("edge_cases", hint="Each batch element is attended to on its own.")
def test_batch_elements_are_independent(sol):
    w = _weights(8, seed=20)
    m = _build(sol, 8, 2, w)
    x = _randn(21, 3, 4, 8)
    whole = m(x, causal=True)
    for b in range(3):
        one = m(x[b : b + 1], causal=True)
        expect_close(whole[b : b + 1], one, rtol=1e-5, atol=1e-6, what=f"batch element {b}")


@case("edge_cases", hint="Check d_model % n_heads in __init__ and raise ValueError.")
def test_indivisible_heads_raise(sol):
    expect_raises("ValueError", sol.MultiHeadAttention, 10, 3)
    expect_raises("ValueError", sol.MultiHeadAttention, 6, 4)
    sol.MultiHeadAttention(6, 6)  # divisible: must not raise


# ---------------------------------------------------------------- numerical stability


@case("numerical_stability", hint="Use torch.softmax (it subtracts the row max), not exp / sum.")
def test_large_scores(sol):
    # Scores of several thousand: exp() alone overflows float32.
    w = _weights(8, seed=22, scale=30.0)
    x = _randn(23, 2, 5, 8)
    want = _sdpa_forward(x, w, 2, causal=True)
    got = _build(sol, 8, 2, w)(x, causal=True)
    expect(bool(torch.isfinite(got).all()), "output has nan or inf for large scores")
    expect_close(got, want, rtol=1e-3, atol=1e-3, what="output for large scores")


@case("numerical_stability", hint="Masked scores must be -inf; a finite fill like -1e4 can win.")
def test_mask_beats_very_negative_scores(sol):
    # Every allowed score is -2e4 / sqrt(2): q reads feature 0 (-100 for every token), k reads it
    # (+200), so all scores are equal and causal row t averages v over tokens 0..t.
    # v reads feature 1, which is the token index.
    T = 4
    x = torch.zeros(1, T, 2)
    x[0, :, 0] = 1.0
    x[0, :, 1] = torch.arange(T, dtype=torch.float32)
    w = _identity(2)
    w["q_proj.weight"] = torch.tensor([[-100.0, 0.0], [0.0, 0.0]])
    w["k_proj.weight"] = torch.tensor([[200.0, 0.0], [0.0, 0.0]])
    w["v_proj.weight"] = torch.tensor([[0.0, 0.0], [0.0, 1.0]])
    got = _build(sol, 2, 1, w)(x, causal=True)
    want = torch.zeros(1, T, 2)
    want[0, :, 1] = torch.tensor([0.0, 0.5, 1.0, 1.5])  # mean of 0..t
    expect_close(got, want, rtol=1e-5, atol=1e-5, what="causal output with scores of -1.4e4")


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


@case("efficiency", timeout=10.0, hint="Run all heads in one batched matmul: no loop over heads.")
def test_many_heads_speed(sol, ref):
    # Many tiny heads: batched code takes well under a millisecond, a Python loop over
    # (batch element, head) pairs runs 1024 small attentions (~40 ms).
    d_model, n_heads = 16, 16
    w = _weights(d_model, seed=24)
    x = _randn(25, 64, 4, d_model)
    reference = _one_thread(_build(ref, d_model, n_heads, w))
    expect_fast(_build(sol, d_model, n_heads, w), reference, x, True, max_ratio=8)
