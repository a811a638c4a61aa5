import math

import torch

from mldrill.grading.testkit import case, expect, expect_close


@case("correctness", hint="y = x / sqrt(mean(x^2 over the last axis) + eps) * weight.")
def test_statement_example(sol):
    m = sol.RMSNorm(2, eps=0.0)
    got = m(torch.tensor([[3.0, 4.0], [2.0, -2.0]]))
    r = math.sqrt(12.5)
    expect_close(got, torch.tensor([[3 / r, 4 / r], [1.0, -1.0]]), rtol=1e-6, atol=1e-7)


@case("edge_cases", hint="Return the input dtype: cast the float32 result back with .to(x.dtype).")
def test_float16_in_float16_out(sol):
    got = sol.RMSNorm(4)(torch.tensor([[1.0, -1.0, 1.0, -1.0]], dtype=torch.float16))
    expect(got.dtype == torch.float16, f"expected float16 output, got {got.dtype}")
    expect_close(got.float(), torch.tensor([[1.0, -1.0, 1.0, -1.0]]), rtol=1e-3)
