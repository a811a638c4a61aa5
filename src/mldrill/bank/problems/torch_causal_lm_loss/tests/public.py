import math

import torch

from mldrill.grading.testkit import case, expect, expect_close, expect_equal


def _loss(sol, *args, **kwargs):
    """The candidate's loss, checked to be a one-element tensor and returned as 0-dim.

    A 0-dim tensor currently crosses the sandbox boundary with shape (1,), so the number of
    elements is what can be checked here, not the number of dimensions.
    """
    got = sol.causal_lm_loss(*args, **kwargs)
    expect(type(got) is torch.Tensor, f"expected a torch.Tensor, got {type(got).__name__}")
    expect(got.numel() == 1, f"expected a 0-dim tensor, got shape {tuple(got.shape)}")
    return got.reshape(())


@case("correctness", hint="logits[:, t] predicts labels[:, t + 1].")
def test_statement_example(sol):
    probs = torch.tensor(
        [[[0.5, 0.25, 0.25], [0.1, 0.6, 0.3], [0.2, 0.2, 0.6]]], dtype=torch.float64
    )
    got = _loss(sol, torch.log(probs), torch.tensor([[2, 0, 1]]))
    want = -(math.log(0.5) + math.log(0.6)) / 2
    expect_close(got, torch.tensor(want, dtype=torch.float64), rtol=1e-12, what="loss")


@case("edge_cases", hint="Prompt positions t < prompt_length and padding t >= length get -100.")
def test_mask_labels(sol):
    ids = torch.tensor([[5, 6, 7, 8], [1, 2, 3, 0]])
    got = sol.mask_labels(ids, torch.tensor([2, 1]), torch.tensor([4, 3]))
    expect_equal(got.tolist(), [[-100, -100, 7, 8], [-100, 2, 3, -100]], what="labels")
