import math

import torch

from mldrill.grading.testkit import case, expect_close

F64 = torch.float64


@case("correctness", hint="Normalise each row by its mean and biased variance (divide by D).")
def test_forward_one_row(sol):
    x = torch.tensor([[1.0, 2.0, 3.0, 4.0]], dtype=F64)  # mean 2.5, variance 1.25
    got = sol.layer_norm(x, torch.ones(4, dtype=F64), torch.zeros(4, dtype=F64), 0.0)
    want = torch.tensor([[-1.5, -0.5, 0.5, 1.5]], dtype=F64) / math.sqrt(1.25)
    expect_close(got, want, rtol=1e-12, what="layer_norm([1, 2, 3, 4])")


@case("correctness", hint="A constant upstream gradient gives dx = 0: xhat ignores shifts.")
def test_constant_upstream_gradient(sol):
    x = torch.tensor([[1.0, 2.0, 3.0, 4.0], [0.0, 2.0, 0.0, 2.0]], dtype=F64)
    weight, bias = torch.ones(4, dtype=F64), torch.zeros(4, dtype=F64)
    out, dx, dw, db = sol.layer_norm_grads(x, weight, bias, torch.ones(2, 4, dtype=F64), 0.0)
    expect_close(dx, torch.zeros(2, 4, dtype=F64), atol=1e-12, what="dx")
    expect_close(db, torch.full((4,), 2.0, dtype=F64), rtol=1e-12, what="dbias")
    expect_close(dw, out.sum(dim=0), rtol=1e-12, atol=1e-12, what="dweight")
