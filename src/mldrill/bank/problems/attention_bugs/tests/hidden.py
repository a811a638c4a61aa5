import numpy as np

from mldrill.grading.testkit import case, expect, expect_close, expect_equal

D_MODEL, D_FF, N_HEADS = 8, 16, 2

# ---------------------------------------------------------------- layers.py


@case("numerical_stability")
def test_softmax_large_logits(sol):
    got = sol.layers.softmax(np.array([[1000.0, 1001.0], [-1000.0, -1000.0]]))
    want = np.array([[1.0 / (1.0 + np.e), np.e / (1.0 + np.e)], [0.5, 0.5]])
    expect_close(got, want, rtol=1e-9, what="softmax of large logits")


@case("correctness")
def test_layer_norm_rows(sol, rng):
    x = rng.normal(loc=3.0, scale=5.0, size=(4, 6))
    out = sol.layers.layer_norm(x, np.ones(6), np.zeros(6))
    expect_close(out.mean(axis=-1), np.zeros(4), atol=1e-9, what="row means")
    expect_close(out.var(axis=-1), np.ones(4), rtol=1e-5, what="row variances")


# ---------------------------------------------------------------- attention.py


def _probs(scores):
    e = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


@case("correctness", hint="Work the tiny example out by hand: what divides q . k?")
def test_attention_hand_example(sol):
    # d_k = 4, so the scores are q . k / 2.
    q = np.array([[2.0, 0.0, 0.0, 0.0], [0.0, 0.0, 4.0, 0.0]])
    k = np.array([[1.0, 0.0, 0.0, 0.0], [0.0, 0.0, 1.0, 0.0], [0.0, 0.0, 0.0, 0.0]])
    v = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])
    out, weights = sol.attention.scaled_dot_product_attention(q, k, v)
    e = np.e
    want_w = np.array([[e, 1.0, 1.0], [1.0, e**2, 1.0]])
    want_w /= want_w.sum(axis=1, keepdims=True)
    expect_close(weights, want_w, rtol=1e-9, what="attention weights")
    expect_close(out, want_w @ v, rtol=1e-9, what="attention output")


@case("correctness", hint="The weights of each query must sum to 1 over the keys.")
def test_weights_sum_to_one_over_keys(sol, rng):
    q, k, v = (rng.normal(size=(3, 5, 4)) for _ in range(3))
    _, weights = sol.attention.scaled_dot_product_attention(q, k, v)
    expect(weights.shape == (3, 5, 5), f"expected weights of shape (3, 5, 5), got {weights.shape}")
    expect_close(weights.sum(axis=-1), np.ones((3, 5)), rtol=1e-9, what="sums over keys")
    mask = np.triu(np.ones((5, 5), dtype=bool), k=1)
    _, weights = sol.attention.scaled_dot_product_attention(q, k, v, mask)
    expect_close(
        weights.sum(axis=-1), np.ones((3, 5)), rtol=1e-9, what="sums over keys with a causal mask"
    )


@case("correctness", hint="A batch of heads must give what each head gives on its own.")
def test_batched_heads_match_single_head(sol, rng):
    q, k, v = rng.normal(size=(2, 4, 3)), rng.normal(size=(2, 6, 3)), rng.normal(size=(2, 6, 5))
    out, weights = sol.attention.scaled_dot_product_attention(q, k, v)
    for h in range(2):
        out_h, weights_h = sol.attention.scaled_dot_product_attention(q[h], k[h], v[h])
        expect_close(weights[h], weights_h, rtol=1e-9, what=f"weights of head {h}")
        expect_close(out[h], out_h, rtol=1e-9, what=f"output of head {h}")


@case("correctness", hint="Which keys may query i see? Include the edge of the triangle.")
def test_future_mask_pattern(sol):
    got = sol.attention.future_mask(4)
    want = np.array(
        [
            [False, True, True, True],
            [False, False, True, True],
            [False, False, False, True],
            [False, False, False, False],
        ]
    )
    expect_equal(got.tolist(), want.tolist(), what="future_mask(4) (True = blocked)")


def _block_params(sol, seed=0):
    return sol.params.init_block_params(D_MODEL, D_FF, seed=seed)


@case("correctness", hint="Causal weights: zero above the diagonal, positive on it, rows sum to 1.")
def test_causal_weights_see_self_and_past_only(sol, rng):
    x = rng.normal(size=(5, D_MODEL))
    _, weights = sol.attention.multi_head_attention(x, _block_params(sol), N_HEADS)
    expect(weights.shape == (N_HEADS, 5, 5), f"expected weights (2, 5, 5), got {weights.shape}")
    future = np.triu(np.ones((5, 5), dtype=bool), k=1)
    expect(bool(np.all(weights[:, future] < 1e-12)), "some query puts weight on a future key")
    diag = weights[:, np.arange(5), np.arange(5)]
    expect(bool(np.all(diag > 1e-6)), f"some token gives itself no weight: diagonals {diag}")
    expect_close(
        weights[:, 0, 0],
        np.ones(N_HEADS),
        rtol=1e-9,
        what="the first token's weight on itself (it can see nothing else)",
    )


@case("correctness")
def test_first_token_attends_only_to_itself(sol, rng):
    x = rng.normal(size=(4, D_MODEL))
    params = _block_params(sol, seed=3)
    out, _ = sol.attention.multi_head_attention(x, params, N_HEADS)
    want = x[0] @ params["W_v"] @ params["W_o"]
    expect_close(out[0], want, rtol=1e-9, atol=1e-12, what="attention output at position 0")


@case("correctness")
def test_multi_head_attention_matches_manual(sol, rng):
    x = rng.normal(size=(5, D_MODEL))
    p = _block_params(sol, seed=1)
    out, _ = sol.attention.multi_head_attention(x, p, N_HEADS)
    d_head = D_MODEL // N_HEADS
    future = np.triu(np.ones((5, 5), dtype=bool), k=1)
    heads = []
    for h in range(N_HEADS):
        cols = slice(h * d_head, (h + 1) * d_head)
        q, k, v = (x @ p[name][:, cols] for name in ("W_q", "W_k", "W_v"))
        scores = np.where(future, -np.inf, q @ k.T / np.sqrt(d_head))
        heads.append(_probs(scores) @ v)
    want = np.concatenate(heads, axis=1) @ p["W_o"]
    expect_close(out, want, rtol=1e-8, atol=1e-12, what="multi-head attention output")


# ---------------------------------------------------------------- block.py


@case("correctness", hint="Changing token t+1.. must not change the block's output at 0..t.")
def test_future_tokens_do_not_change_the_past(sol, rng):
    params = _block_params(sol, seed=2)
    x = rng.normal(size=(6, D_MODEL))
    base = sol.block.transformer_block(x, params, N_HEADS)
    for t in range(5):
        changed = x.copy()
        changed[t + 1 :] = rng.normal(size=(5 - t, D_MODEL))
        out = sol.block.transformer_block(changed, params, N_HEADS)
        expect_close(
            out[: t + 1],
            base[: t + 1],
            rtol=1e-9,
            atol=1e-12,
            what=f"outputs 0..{t} after changing tokens {t + 1}..5",
        )


@case("correctness", hint="With both sub-layers outputting zero, what should a block return?")
def test_block_is_identity_when_sublayers_are_zero(sol, rng):
    params = _block_params(sol, seed=4)
    params["W_o"] = np.zeros((D_MODEL, D_MODEL))
    params["W_2"] = np.zeros((D_FF, D_MODEL))
    params["b_2"] = np.zeros(D_MODEL)
    x = rng.normal(size=(5, D_MODEL))
    out = sol.block.transformer_block(x, params, N_HEADS)
    expect_close(out, x, rtol=1e-12, atol=1e-12, what="block output with zeroed sub-layers")


@case("correctness", hint="Each sub-layer's output is added to its own input exactly once.")
def test_block_with_zero_mlp_is_input_plus_attention(sol, rng):
    params = _block_params(sol, seed=5)
    params["W_2"] = np.zeros((D_FF, D_MODEL))
    params["b_2"] = np.zeros(D_MODEL)
    x = rng.normal(size=(5, D_MODEL))
    normed = sol.layers.layer_norm(x, params["ln1_gamma"], params["ln1_beta"])
    attn, _ = sol.attention.multi_head_attention(normed, params, N_HEADS)
    out = sol.block.transformer_block(x, params, N_HEADS)
    expect_close(out, x + attn, rtol=1e-9, atol=1e-12, what="block output with a zero MLP")


@case("correctness")
def test_stack_output_is_finite(sol, rng):
    stack = sol.params.init_stack_params(3, D_MODEL, D_FF, seed=0)
    out = sol.block.run_stack(rng.normal(size=(7, D_MODEL)), stack, N_HEADS)
    expect(out.shape == (7, D_MODEL), f"expected shape (7, 8), got {out.shape}")
    expect(bool(np.all(np.isfinite(out))), "the stack returned nan or inf")
