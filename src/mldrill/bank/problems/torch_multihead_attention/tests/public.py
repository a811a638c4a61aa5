import math

import torch

from mldrill.grading.testkit import case, expect_close

NAMES = ("q_proj", "k_proj", "v_proj", "out_proj")


def _identity_layer(sol, d_model, n_heads):
    m = sol.MultiHeadAttention(d_model, n_heads)
    m.load_weights(
        {
            f"{n}.{p}": torch.eye(d_model) if p == "weight" else torch.zeros(d_model)
            for n in NAMES
            for p in ("weight", "bias")
        }  # fmt: skip
    )
    return m


@case("correctness", hint="Each head of size 1 compares one feature; the scale is 1/sqrt(1).")
def test_statement_example(sol):
    m = _identity_layer(sol, 2, 2)
    s1, s2 = 1 / (1 + math.exp(-1)), 1 / (1 + math.exp(-2))
    got = m(torch.tensor([[[1.0, 2.0], [0.0, 1.0]]]))
    want = torch.tensor([[[s1, 1 + s2], [0.5, 1 + s1]]])
    expect_close(got, want, rtol=1e-5, atol=1e-6, what="output")


@case("edge_cases", hint="With causal=True the first token can only attend to itself.")
def test_statement_example_causal(sol):
    m = _identity_layer(sol, 2, 2)
    s1 = 1 / (1 + math.exp(-1))
    got = m(torch.tensor([[[1.0, 2.0], [0.0, 1.0]]]), causal=True)
    expect_close(got, torch.tensor([[[1.0, 2.0], [0.5, 1 + s1]]]), rtol=1e-5, atol=1e-6)
