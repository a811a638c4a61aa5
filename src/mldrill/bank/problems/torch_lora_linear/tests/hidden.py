import math

import torch

from mldrill.grading.testkit import attr, case, expect, expect_close

F64 = torch.float64
FREEZE_HINT = "Freeze the base layer: self.base.requires_grad_(False) (weight and bias)."
MERGE_HINT = (
    "merge() adds (alpha / rank) * B @ A to base.weight once, and from then on forward must "
    "not add the adapter path again."
)
SCALE_HINT = "The update is scaled by alpha / rank, not alpha."


def _randn(seed, *shape):
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed), dtype=F64)


def _tensor(obj, *path):
    """A parameter of the candidate's layer as a plain tensor: _tensor(layer, "base", "weight")."""
    for name in path:
        obj = attr(getattr(obj, name))
    return obj.detach()


def _layer(sol, seed, d_in=6, d_out=5, rank=2, alpha=3.0, bias=True, adapter=True):
    """A LoRALinear on known base weights, with a known non-zero adapter loaded."""
    W, b = _randn(seed, d_out, d_in), _randn(seed + 1, d_out) if bias else None
    layer = sol.LoRALinear(W, b, rank, alpha, seed=seed)
    A, B = _randn(seed + 2, rank, d_in), _randn(seed + 3, d_out, rank)
    if adapter:
        layer.load_adapter(A, B)
    return layer, W, b, A, B


def _expected(x, W, b, A, B, scaling):
    out = x @ W.T + (b if b is not None else 0.0)
    return out + scaling * (x @ A.T @ B.T)


# ---------------------------------------------------------------- correctness


@case("correctness", hint="B starts at zero, so the layer starts equal to its base layer.")
def test_starts_equal_to_the_base_layer(sol):
    layer, W, b, _, _ = _layer(sol, 1, adapter=False)
    x = _randn(5, 4, 6)
    expect_close(layer(x), x @ W.T + b, rtol=1e-12, atol=1e-12, what="output at initialisation")


@case("correctness", hint="lora_A = randn(rank, in, generator seeded with seed) / sqrt(in).")
def test_initial_adapter(sol):
    W = _randn(6, 5, 8)
    layer = sol.LoRALinear(W, None, 3, 6.0, seed=11)
    want_A = torch.randn(3, 8, generator=torch.Generator().manual_seed(11), dtype=F64) / math.sqrt(
        8
    )
    expect_close(_tensor(layer, "lora_A"), want_A, rtol=1e-12, what="lora_A after __init__")
    expect_close(_tensor(layer, "lora_B"), torch.zeros(5, 3, dtype=F64), atol=0, what="lora_B")
    expect_close(attr(layer.scaling), 2.0, rtol=1e-12, what="scaling (alpha / rank)")
    other = sol.LoRALinear(W, None, 3, 6.0, seed=12)
    expect(not torch.equal(_tensor(other, "lora_A"), want_A), "seed 12 gave the same lora_A")


@case("correctness", hint=SCALE_HINT)
def test_forward_known_values(sol):
    # W = I, b = [0, 1], A = [[1, 2]], B = [[1], [-1]], alpha = 2, rank 1: scaling 2.
    # x = [1, 1]: base [1, 2]; A x = 3; B (A x) = [3, -3]; times 2: [6, -6]; out [7, -4].
    layer = sol.LoRALinear(torch.eye(2, dtype=F64), torch.tensor([0.0, 1.0], dtype=F64), 1, 2.0)
    layer.load_adapter(
        torch.tensor([[1.0, 2.0]], dtype=F64), torch.tensor([[1.0], [-1.0]], dtype=F64)
    )
    got = layer(torch.tensor([[1.0, 1.0]], dtype=F64))
    expect_close(got, torch.tensor([[7.0, -4.0]], dtype=F64), rtol=1e-12, what="output")


@case("correctness", hint=SCALE_HINT)
def test_forward_matches_formula(sol):
    layer, W, b, A, B = _layer(sol, 20, d_in=7, d_out=4, rank=4, alpha=6.0)
    x = _randn(25, 3, 5, 7)  # any leading shape
    expect_close(layer(x), _expected(x, W, b, A, B, 1.5), rtol=1e-10, atol=1e-12, what="output")


@case("correctness", hint=MERGE_HINT)
def test_merge_keeps_outputs(sol):
    layer, W, b, A, B = _layer(sol, 30)
    x = _randn(35, 8, 6)
    before = layer(x)
    layer.merge()
    expect_close(layer(x), before, rtol=1e-10, atol=1e-12, what="output after merge")
    want_W = W + 1.5 * B @ A
    expect_close(_tensor(layer, "base", "weight"), want_W, rtol=1e-12, atol=1e-12,
                 what="base.weight after merge")  # fmt: skip
    expect_close(_tensor(layer, "base", "bias"), b, rtol=0, atol=0, what="base.bias after merge")


@case("correctness", hint="unmerge subtracts exactly what merge added.")
def test_unmerge_restores_the_base_weight(sol):
    layer, W, _, _, _ = _layer(sol, 40)
    x = _randn(45, 3, 6)
    before = layer(x)
    layer.merge()
    layer.unmerge()
    expect_close(_tensor(layer, "base", "weight"), W, rtol=1e-12, atol=1e-12,
                 what="base.weight after merge then unmerge")  # fmt: skip
    expect_close(layer(x), before, rtol=1e-10, atol=1e-12, what="output after unmerge")


@case("correctness", hint=FREEZE_HINT)
def test_only_the_adapter_gets_gradients(sol):
    # y = x W^T + b + s x A^T B^T, upstream g: dB = s g^T (x A^T), dA = s (g B)^T x.
    layer, _, _, A, B = _layer(sol, 50)
    x, g = _randn(55, 4, 6), _randn(56, 4, 5)
    grads = sol.lora_gradients(layer, x, g)
    expect(isinstance(grads, dict), "lora_gradients should return a dict")
    names = {"base.weight", "base.bias", "lora_A", "lora_B"}
    expect(set(grads) == names, f"expected the parameters {sorted(names)}, got {sorted(grads)}")
    expect(grads["base.weight"] is None, "base.weight received a gradient", FREEZE_HINT)
    expect(grads["base.bias"] is None, "base.bias received a gradient", FREEZE_HINT)
    expect_close(grads["lora_B"], 1.5 * g.T @ (x @ A.T), rtol=1e-10, what="gradient of lora_B")
    expect_close(grads["lora_A"], 1.5 * (g @ B).T @ x, rtol=1e-10, what="gradient of lora_A")


@case("correctness", hint=FREEZE_HINT)
def test_requires_grad_flags(sol):
    layer, _, _, _, _ = _layer(sol, 60)
    for path, want in ((("base", "weight"), False), (("base", "bias"), False),
                       (("lora_A",), True), (("lora_B",), True)):  # fmt: skip
        obj = layer
        for name in path:
            obj = attr(getattr(obj, name))
        got = attr(obj.requires_grad)
        expect(got is want, f"{'.'.join(path)}.requires_grad should be {want}, got {got}")


@case("correctness", hint="With B = 0, dL/dA = s (g B)^T x is 0; only B moves on the first step.")
def test_gradients_at_initialisation(sol):
    W = _randn(70, 3, 4)
    layer = sol.LoRALinear(W, None, 2, 4.0, seed=71)
    A = _tensor(layer, "lora_A")
    x, g = _randn(72, 5, 4), _randn(73, 5, 3)
    grads = sol.lora_gradients(layer, x, g)
    expect_close(grads["lora_A"], torch.zeros(2, 4, dtype=F64), atol=0, what="gradient of lora_A")
    expect_close(grads["lora_B"], 2.0 * g.T @ (x @ A.T), rtol=1e-10, what="gradient of lora_B")


# ---------------------------------------------------------------- edge cases


@case(
    "edge_cases", hint="merge() on a merged layer (and unmerge() on an unmerged one) does nothing."
)
def test_merge_and_unmerge_are_idempotent(sol):
    layer, W, _, A, B = _layer(sol, 80)
    x = _randn(85, 3, 6)
    before = layer(x)
    layer.merge()
    layer.merge()
    expect_close(_tensor(layer, "base", "weight"), W + 1.5 * B @ A, rtol=1e-12, atol=1e-12,
                 what="base.weight after merging twice")  # fmt: skip
    expect_close(layer(x), before, rtol=1e-10, atol=1e-12, what="output after merging twice")
    layer.unmerge()
    layer.unmerge()
    expect_close(_tensor(layer, "base", "weight"), W, rtol=1e-12, atol=1e-12,
                 what="base.weight after unmerging twice")  # fmt: skip
    fresh, _, _, _, _ = _layer(sol, 80)
    fresh.unmerge()  # never merged: nothing to take out
    expect_close(_tensor(fresh, "base", "weight"), W, rtol=0, atol=0,
                 what="base.weight after unmerge() on an unmerged layer")  # fmt: skip


@case("edge_cases", hint="bias=None means a base layer without bias.")
def test_no_bias(sol):
    layer, W, _, A, B = _layer(sol, 90, bias=False)
    x = _randn(95, 4, 6)
    expect_close(layer(x), _expected(x, W, None, A, B, 1.5), rtol=1e-10, atol=1e-12)
    grads = sol.lora_gradients(layer, x, _randn(96, 4, 5))
    want = {"base.weight", "lora_A", "lora_B"}
    expect(set(grads) == want, f"a layer without bias has {sorted(want)}; got {sorted(grads)}")
    expect(grads["base.weight"] is None, "base.weight received a gradient", FREEZE_HINT)


@case("edge_cases", hint="Clear old gradients in lora_gradients (layer.zero_grad()).")
def test_gradients_do_not_accumulate(sol):
    layer, _, _, A, B = _layer(sol, 100)
    x, g = _randn(105, 4, 6), _randn(106, 4, 5)
    sol.lora_gradients(layer, x, g)
    grads = sol.lora_gradients(layer, x, g)
    expect_close(grads["lora_B"], 1.5 * g.T @ (x @ A.T), rtol=1e-10,
                 what="gradient of lora_B on the second call")  # fmt: skip
    expect_close(grads["lora_A"], 1.5 * (g @ B).T @ x, rtol=1e-10,
                 what="gradient of lora_A on the second call")  # fmt: skip


@case("edge_cases", hint=SCALE_HINT)
def test_rank_equal_to_width(sol):
    # rank = in_features = 3, alpha = 1: scaling 1/3, not an integer.
    layer, W, b, A, B = _layer(sol, 110, d_in=3, d_out=3, rank=3, alpha=1.0)
    x = _randn(115, 2, 3)
    expect_close(layer(x), _expected(x, W, b, A, B, 1 / 3), rtol=1e-10, atol=1e-12)
    layer.merge()
    expect_close(_tensor(layer, "base", "weight"), W + (B @ A) / 3, rtol=1e-12, atol=1e-12,
                 what="base.weight after merge")  # fmt: skip


@case("edge_cases", hint="Keep the dtype of the weights (float32 here).")
def test_float32_weights(sol):
    W, b = _randn(120, 4, 3).float(), _randn(121, 4).float()
    layer = sol.LoRALinear(W, b, 2, 2.0)
    A, B = _randn(122, 2, 3).float(), _randn(123, 4, 2).float()
    layer.load_adapter(A, B)
    x = _randn(124, 5, 3).float()
    got = layer(x)
    expect(getattr(got, "dtype", None) == torch.float32, "output dtype should be float32")
    expect_close(got, _expected(x, W, b, A, B, 1.0), rtol=1e-5, atol=1e-6)
