import math

import torch

from mldrill.grading.testkit import case, expect, expect_close, expect_equal, expect_fast

LAYER_KEYS = ("wq", "wk", "wv", "wo", "w1", "w2")
OFFSET_HINT = (
    "New tokens sit after the cached ones: their positions are past .. past + T - 1 (past = "
    "cache[0][0].shape[2]), and query t may attend to keys 0 .. past + t."
)
CACHE_HINT = (
    "Per layer, store (k, v) with shape (B, n_heads, positions so far, head_dim); with a cache, "
    "concatenate the new keys and values after the cached ones along dim=2."
)


def _weights(seed, V=16, D=8, F=16, L=2, P=64, dtype=torch.float64, qk_scale=1.0):
    g = torch.Generator().manual_seed(seed)

    def r(*shape, scale):
        return (scale * torch.randn(*shape, generator=g, dtype=torch.float64)).to(dtype)

    w = {"tok_emb": r(V, D, scale=1.0), "pos_emb": r(P, D, scale=0.5)}
    for i in range(L):
        for name in ("wq", "wk"):
            w[f"layers.{i}.{name}"] = r(D, D, scale=qk_scale / math.sqrt(D))
        for name in ("wv", "wo"):
            w[f"layers.{i}.{name}"] = r(D, D, scale=1 / math.sqrt(D))
        w[f"layers.{i}.w1"] = r(D, F, scale=1 / math.sqrt(D))
        w[f"layers.{i}.w2"] = r(F, D, scale=1 / math.sqrt(F))
    w["lm_head"] = r(D, V, scale=2.0 / math.sqrt(D))
    return w


def _tokens(seed, B, T, V=16):
    return torch.randint(0, V, (B, T), generator=torch.Generator().manual_seed(seed))


def _hand_model(tok_emb, pos_emb, wv=None, wo=None):
    """One layer, one or more heads, D = V = 2. wq = wk = 0 makes every visible key score 0, so
    attention averages the visible values; the MLP is zero and lm_head is the identity."""
    z = torch.zeros(2, 2)
    return {
        "tok_emb": torch.tensor(tok_emb),
        "pos_emb": torch.tensor(pos_emb),
        "layers.0.wq": z,
        "layers.0.wk": z,
        "layers.0.wv": z if wv is None else wv,
        "layers.0.wo": z if wo is None else wo,
        "layers.0.w1": z,
        "layers.0.w2": z,
        "lm_head": torch.eye(2),
    }


def _averaging_model():
    # Token 0 embeds as [1, 0], token 1 as [0, 1]; no position embedding. Attention copies
    # values (wv = wo = I), so position t outputs x_t + mean(x_0 .. x_t).
    return _hand_model([[1.0, 0.0], [0.0, 1.0]], [[0.0, 0.0]] * 4, torch.eye(2), torch.eye(2))


def _forward(sol, weights, tokens, n_heads, cache=None):
    got = sol.forward(weights, tokens, n_heads, cache)
    expect(isinstance(got, tuple) and len(got) == 2, "forward must return (logits, cache)")
    logits, new_cache = got
    expect(isinstance(logits, torch.Tensor), f"logits must be a tensor, got {type(logits)}")
    expect(isinstance(new_cache, list), f"the cache must be a list, got {type(new_cache)}")
    return logits, new_cache


def _greedy_without_cache(ref, weights, prompt, max_new_tokens, n_heads):
    """Greedy decoding that re-runs the whole sequence through the model at every step."""
    tokens = prompt
    for _ in range(max_new_tokens):
        logits, _ = ref.forward(weights, tokens, n_heads)
        tokens = torch.cat([tokens, logits[:, -1].argmax(dim=-1, keepdim=True)], dim=1)
    return tokens


def _expect_tokens(got, want, what):
    expect(isinstance(got, torch.Tensor), f"{what}: expected a tensor, got {type(got)}")
    expect(tuple(got.shape) == tuple(want.shape),
           f"{what}: expected shape {tuple(want.shape)}, got {tuple(got.shape)}")  # fmt: skip
    expect_equal(got.tolist(), want.tolist(), what=what)


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


@case("correctness", hint="h = tok_emb[tokens] + pos_emb[positions]; logits = h @ lm_head.")
def test_embeddings_by_hand(sol):
    # All layer weights are 0, so the logits are tok_emb[token] + pos_emb[position].
    w = _hand_model([[1.0, 0.0], [0.0, 1.0]], [[0.0, 0.0], [10.0, 0.0], [20.0, 0.0], [30.0, 0.0]])
    logits, _ = _forward(sol, w, torch.tensor([[1, 0, 1]]), 1)
    want = torch.tensor([[[0.0, 1.0], [11.0, 0.0], [20.0, 1.0]]])
    expect_close(logits, want, rtol=1e-6, atol=1e-6, what="logits of the embeddings-only model")


@case("correctness", hint="Causal attention: position t averages over keys 0..t only.")
def test_causal_attention_by_hand(sol):
    # x = [1, 0], [0, 1], [1, 0]: outputs x_t + mean(x_0..x_t).
    logits, _ = _forward(sol, _averaging_model(), torch.tensor([[0, 1, 0]]), 2)
    want = torch.tensor([[[2.0, 0.0], [0.5, 1.5], [5 / 3, 1 / 3]]])
    expect_close(logits, want, rtol=1e-6, atol=1e-6, what="logits of the averaging model")


@case("correctness", hint=OFFSET_HINT)
def test_cached_step_by_hand(sol):
    w = _averaging_model()
    _, cache = _forward(sol, w, torch.tensor([[0, 1]]), 1)
    logits, _ = _forward(sol, w, torch.tensor([[0]]), 1, cache)
    want = torch.tensor([[[5 / 3, 1 / 3]]])
    expect_close(logits, want, rtol=1e-6, atol=1e-6, what="logits of token 2 from the cache")


@case("correctness")
def test_forward_matches_reference(sol, ref):
    w = _weights(1)
    tokens = _tokens(2, 3, 9)
    logits, _ = _forward(sol, w, tokens, 2)
    want, _ = ref.forward(w, tokens, 2)
    expect_close(logits, want, rtol=1e-9, atol=1e-9, what="logits (3 sequences of 9 tokens)")


@case("correctness", hint=CACHE_HINT)
def test_cache_layout(sol, ref):
    w = _weights(3, D=12, L=3)
    tokens = _tokens(4, 2, 5)
    _, cache = _forward(sol, w, tokens, 3)
    _, want = ref.forward(w, tokens, 3)
    expect(len(cache) == 3, f"the cache must hold one (k, v) per layer: 3, got {len(cache)}")
    for i, (entry, (k, v)) in enumerate(zip(cache, want, strict=True)):
        expect(isinstance(entry, tuple | list) and len(entry) == 2, f"cache[{i}] must be (k, v)")
        expect_close(entry[0], k, rtol=1e-9, atol=1e-9, what=f"cache[{i}] keys (B, H, T, Dh)")
        expect_close(entry[1], v, rtol=1e-9, atol=1e-9, what=f"cache[{i}] values (B, H, T, Dh)")


@case("correctness", hint=OFFSET_HINT)
def test_cached_steps_match_full_forward(sol, ref):
    # Prefill 6 tokens, then feed 4 more one at a time: each step must give the logits the
    # full sequence gives at that position. Only the cache knows the earlier tokens.
    w = _weights(5)
    tokens = _tokens(6, 2, 10)
    full, _ = ref.forward(w, tokens, 2)
    logits, cache = _forward(sol, w, tokens[:, :6], 2)
    expect_close(logits, full[:, :6], rtol=1e-9, atol=1e-9, what="prefill logits")
    for t in range(6, 10):
        logits, cache = _forward(sol, w, tokens[:, t : t + 1], 2, cache)
        expect_close(logits, full[:, t : t + 1], rtol=1e-9, atol=1e-9, what=f"logits at step {t}")
    expect(cache[0][0].shape[2] == 10, f"after 10 tokens the cache holds {cache[0][0].shape[2]}")


@case("correctness", hint="Prefill the prompt once, then feed one token per step with the cache.")
def test_generate_matches_generation_without_cache(sol, ref):
    w = _weights(7)
    prompt = _tokens(8, 3, 5)
    want = _greedy_without_cache(ref, w, prompt, 12, 2)
    _expect_tokens(sol.generate(w, prompt, 12, 2), want, "generated tokens (3 prompts)")


@case("correctness")
def test_generate_with_many_heads(sol, ref):
    w = _weights(9, D=16, L=1)
    prompt = _tokens(10, 2, 7)
    want = _greedy_without_cache(ref, w, prompt, 10, 8)
    _expect_tokens(sol.generate(w, prompt, 10, 8), want, "generated tokens with 8 heads")


# ---------------------------------------------------------------- edge cases


@case("edge_cases", hint=OFFSET_HINT)
def test_chunk_after_cache_by_hand(sol):
    # Cache token 0, then feed tokens 1 and 2 together: the mask must still stop token 1 from
    # seeing token 2.
    w = _averaging_model()
    _, cache = _forward(sol, w, torch.tensor([[0]]), 2)
    logits, _ = _forward(sol, w, torch.tensor([[1, 0]]), 2, cache)
    want = torch.tensor([[[0.5, 1.5], [5 / 3, 1 / 3]]])
    expect_close(logits, want, rtol=1e-6, atol=1e-6, what="logits of a 2-token chunk")


@case("edge_cases", hint=OFFSET_HINT)
def test_chunks_match_full_forward(sol, ref):
    w = _weights(11)
    tokens = _tokens(12, 2, 12)
    full, _ = ref.forward(w, tokens, 4)
    cache = None
    for start, stop in ((0, 5), (5, 8), (8, 9), (9, 12)):
        logits, cache = _forward(sol, w, tokens[:, start:stop], 4, cache)
        expect_close(logits, full[:, start:stop], rtol=1e-9, atol=1e-9,
                     what=f"logits of chunk {start}..{stop - 1}")  # fmt: skip


@case("edge_cases", hint="max_new_tokens = 0 returns the prompt itself.")
def test_zero_new_tokens(sol):
    prompt = _tokens(13, 2, 4)
    _expect_tokens(sol.generate(_weights(14), prompt, 0, 2), prompt, "generate(..., 0)")


@case("edge_cases")
def test_single_token_prompt(sol, ref):
    w = _weights(15)
    prompt = torch.tensor([[3], [11]])
    want = _greedy_without_cache(ref, w, prompt, 9, 2)
    _expect_tokens(sol.generate(w, prompt, 9, 2), want, "tokens from a one-token prompt")


@case("edge_cases", hint="A prompt of T0 tokens plus max_new_tokens may fill all P positions.")
def test_fill_the_context_exactly(sol, ref):
    # P = 12 positions: a 4-token prompt plus 8 new tokens uses all of them.
    w = _weights(16, P=12)
    prompt = _tokens(17, 1, 4)
    want = _greedy_without_cache(ref, w, prompt, 8, 2)
    _expect_tokens(sol.generate(w, prompt, 8, 2), want, "tokens filling all 12 positions")


@case("edge_cases", hint="Compute in the dtype of the weights.")
def test_float32_weights(sol, ref):
    w = _weights(18, dtype=torch.float32)
    tokens = _tokens(19, 2, 8)
    full, _ = ref.forward(w, tokens, 2)
    _, cache = _forward(sol, w, tokens[:, :7], 2)
    logits, _ = _forward(sol, w, tokens[:, 7:], 2, cache)
    expect(
        logits.dtype == torch.float32,
        f"float32 weights must give float32 logits, got {logits.dtype}",
    )
    expect_close(logits, full[:, 7:], rtol=1e-4, atol=1e-4, what="float32 logits from the cache")


# ---------------------------------------------------------------- numerical stability


@case("numerical_stability", hint="Use torch.softmax (it subtracts the max); masked keys get -inf.")
def test_large_attention_scores(sol, ref):
    # q and k weights 60 times larger: scores in the thousands overflow exp() in float32.
    w = _weights(20, dtype=torch.float32, qk_scale=60.0)
    w64 = {name: t.double() for name, t in w.items()}
    tokens = _tokens(21, 2, 8)
    full, _ = ref.forward(w64, tokens, 2)
    _, cache = _forward(sol, w, tokens[:, :5], 2)
    logits, _ = _forward(sol, w, tokens[:, 5:], 2, cache)
    expect(bool(torch.isfinite(logits).all()), "logits have nan or inf for large attention scores")
    expect_close(logits, full[:, 5:].float(), rtol=1e-3, atol=1e-3, what="logits, scores ~ 1e3")


# ---------------------------------------------------------------- efficiency


@case(
    "efficiency", timeout=30.0, hint="Never re-run the prompt: each step feeds only the new token."
)
def test_generate_uses_the_cache(sol, ref):
    # 8 prompts of 192 tokens and 32 new tokens: with the cache each step is one token's work;
    # re-running the growing sequences every step costs about 30 times more.
    w = _weights(22, V=64, D=32, F=64, L=1, P=256, dtype=torch.float32)
    prompt = _tokens(23, 8, 192, V=64)
    expect_fast(sol.generate, _single_threaded(ref.generate), w, prompt, 32, 4, max_ratio=5)
