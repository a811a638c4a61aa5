import torch

from mldrill.grading.testkit import case, expect_close


def _averaging_model():
    z = torch.zeros(2, 2)
    return {
        "tok_emb": torch.tensor([[1.0, 0.0], [0.0, 1.0]]),
        "pos_emb": torch.zeros(4, 2),
        "layers.0.wq": z,
        "layers.0.wk": z,
        "layers.0.wv": torch.eye(2),
        "layers.0.wo": torch.eye(2),
        "layers.0.w1": z,
        "layers.0.w2": z,
        "lm_head": torch.eye(2),
    }


@case("correctness", hint="Causal attention: position t averages over keys 0..t only.")
def test_statement_example(sol):
    logits, cache = sol.forward(_averaging_model(), torch.tensor([[0, 1, 0]]), 1)
    want = torch.tensor([[[2.0, 0.0], [0.5, 1.5], [5 / 3, 1 / 3]]])
    expect_close(logits, want, rtol=1e-6, atol=1e-6)


@case("correctness", hint="With a cache, the new token's position is the number of cached ones.")
def test_statement_example_cached(sol):
    w = _averaging_model()
    _, cache = sol.forward(w, torch.tensor([[0, 1]]), 1)
    logits, _ = sol.forward(w, torch.tensor([[0]]), 1, cache)
    expect_close(logits, torch.tensor([[[5 / 3, 1 / 3]]]), rtol=1e-6, atol=1e-6)
