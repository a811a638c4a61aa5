import torch

from mldrill.grading.testkit import case, expect_close

BIAS_ONLY = {
    "fc1.weight": torch.zeros(2, 1),
    "fc1.bias": torch.zeros(2),
    "fc2.weight": torch.zeros(1, 2),
    "fc2.bias": torch.zeros(1),
}
XS = torch.ones(4, 2, 1)
YS = torch.tensor([[2.0, 4.0], [3.0, 3.0], [1.0, 1.0], [0.0, 2.0]]).reshape(4, 2, 1)


@case("correctness", hint="Scale each micro-batch loss by 1 / accum_steps; step once per window.")
def test_statement_example(sol):
    final, losses = sol.train_accumulated(BIAS_ONLY, XS, YS, 2, 0.1)
    expect_close(final["fc2.bias"], torch.tensor([0.68]), rtol=1e-5, what="fc2.bias")
    expect_close(torch.tensor(losses), torch.tensor([9.5, 0.66]), rtol=1e-5, what="window losses")


@case("correctness", hint="Clip the accumulated gradient once per window, before the step.")
def test_statement_example_clipped(sol):
    final, _ = sol.train_accumulated(BIAS_ONLY, XS, YS, 2, 0.1, 0.0, 1.5)
    expect_close(final["fc2.bias"], torch.tensor([0.3]), rtol=1e-5, what="fc2.bias")
