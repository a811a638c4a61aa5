import torch

from mldrill.grading.testkit import case, expect_close

F64 = torch.float64


@case("correctness", hint="B starts at zero, so the layer starts equal to its base layer.")
def test_starts_as_the_base_layer(sol):
    W, b = torch.tensor([[1.0, 2.0], [3.0, 4.0]], dtype=F64), torch.tensor([0.5, -0.5], dtype=F64)
    layer = sol.LoRALinear(W, b, 1, 2.0)
    x = torch.tensor([[1.0, -1.0]], dtype=F64)
    expect_close(layer(x), torch.tensor([[-0.5, -1.5]], dtype=F64), rtol=1e-12)


@case("correctness", hint="out = x W^T + b + (alpha / rank) * x A^T B^T.")
def test_statement_example(sol):
    layer = sol.LoRALinear(torch.eye(2, dtype=F64), torch.tensor([0.0, 1.0], dtype=F64), 1, 2.0)
    layer.load_adapter(
        torch.tensor([[1.0, 2.0]], dtype=F64), torch.tensor([[1.0], [-1.0]], dtype=F64)
    )
    x = torch.tensor([[1.0, 1.0]], dtype=F64)
    expect_close(layer(x), torch.tensor([[7.0, -4.0]], dtype=F64), rtol=1e-12, what="output")
    layer.merge()
    expect_close(layer(x), torch.tensor([[7.0, -4.0]], dtype=F64), rtol=1e-12, what="merged")
