"""A pre-norm transformer block and a stack of them."""

from attention import multi_head_attention
from layers import feed_forward, layer_norm


def transformer_block(x, params, n_heads, causal=True):
    """x: (T, d_model) -> (T, d_model).

    Pre-norm: each sub-layer sees a layer-normed copy of its input, and its output is
    added back onto that input through a residual connection.
    """
    normed = layer_norm(x, params["ln1_gamma"], params["ln1_beta"])
    attn_out, _ = multi_head_attention(normed, params, n_heads, causal)
    h = x + attn_out

    normed = layer_norm(h, params["ln2_gamma"], params["ln2_beta"])
    mlp_out = feed_forward(normed, params["W_1"], params["b_1"], params["W_2"], params["b_2"])
    return x + mlp_out


def run_stack(x, stack_params, n_heads, causal=True):
    """Apply the blocks in order."""
    for params in stack_params:
        x = transformer_block(x, params, n_heads, causal)
    return x
