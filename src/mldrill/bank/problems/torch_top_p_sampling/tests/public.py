import torch

from mldrill.grading.testkit import case, expect


@case("correctness", hint="temperature == 0 means greedy: return argmax over the vocabulary.")
def test_greedy(sol):
    logits = torch.tensor([[0.1, 2.0, -1.0], [5.0, 4.0, 3.0]])
    got = sol.sample_next_token(logits, temperature=0.0)
    expect(got.tolist() == [1, 0], f"expected [1, 0], got {got.tolist()}")
    expect(got.dtype == torch.int64, f"expected int64 token ids, got {got.dtype}")


@case("correctness", hint="Seed a torch.Generator with `seed` and pass it to torch.multinomial.")
def test_same_seed_same_tokens(sol):
    logits = (torch.arange(10.0) / 3).repeat(64, 1)
    a = sol.sample_next_token(logits, top_k=5, top_p=0.9, seed=3)
    b = sol.sample_next_token(logits, top_k=5, top_p=0.9, seed=3)
    expect(torch.equal(a, b), "two calls with the same seed returned different tokens")
