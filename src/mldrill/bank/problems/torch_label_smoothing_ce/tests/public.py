import math

import torch

from mldrill.grading.testkit import case, expect_close


@case("correctness", hint="loss = (1 - s) * (-log p_y) + s * mean_c(-log p_c).")
def test_statement_example(sol):
    logits = torch.tensor([[0.0, math.log(3.0)], [1.0, 2.0]])
    got = sol.label_smoothing_cross_entropy(logits, torch.tensor([1, -100]), smoothing=0.2)
    want = 0.8 * -math.log(0.75) + 0.1 * (math.log(4.0) - math.log(0.75))
    expect_close(got.reshape(()), torch.tensor(want), rtol=1e-6)


@case(
    "numerical_stability", hint="Never take log(softmax(z)): subtract the max and use log-sum-exp."
)
def test_confident_wrong_prediction(sol):
    got = sol.label_smoothing_cross_entropy(torch.tensor([[200.0, 0.0, 0.0]]), torch.tensor([1]))
    expect_close(got.reshape(()), torch.tensor(200.0), rtol=1e-6)
