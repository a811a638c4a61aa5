import math

import numpy as np

from mldrill.grading.testkit import case, expect, expect_close, expect_raises


def _expect_list(got, want, rtol=1e-12, atol=0.0):
    expect(isinstance(got, list), f"expected a list of arrays, got {type(got).__name__}")
    expect(len(got) == len(want), f"expected {len(want)} arrays, got {len(got)}")
    for i, (g, w) in enumerate(zip(got, want, strict=True)):
        expect_close(g, w, rtol=rtol, atol=atol, what=f"clipped[{i}]")


@case("correctness", hint="The norm covers every entry of every array, as one long vector.")
def test_clips_by_hand(sol):
    grads = [np.array([3.0]), np.array([[4.0]])]
    clipped, norm = sol.clip_grad_norm(grads, 1.0)
    expect_close(norm, 5.0, rtol=1e-12, what="total norm of [3] and [[4]]")
    _expect_list(clipped, [np.array([0.6]), np.array([[0.8]])])
    grads = [np.array([1.0, 2.0]), np.array([2.0]), np.array([[4.0, 0.0], [0.0, 0.0]])]
    clipped, norm = sol.clip_grad_norm(grads, 2.5)  # norm sqrt(1 + 4 + 4 + 16) = 5
    expect_close(norm, 5.0, rtol=1e-12, what="total norm of three arrays")
    _expect_list(clipped, [g / 2 for g in grads])


@case("correctness", hint="Clip by the global norm, not each array by its own norm.")
def test_global_not_per_array(sol):
    grads = [np.array([3.0, 0.0]), np.array([0.0, 4.0])]
    clipped, norm = sol.clip_grad_norm(grads, 2.5)
    expect_close(norm, 5.0, rtol=1e-12, what="total norm")
    _expect_list(clipped, [np.array([1.5, 0.0]), np.array([0.0, 2.0])])


@case("correctness", hint="Never scale up: below max_norm return the gradients as they are.")
def test_below_max_is_unchanged(sol, rng):
    grads = [rng.normal(size=(3, 4)), rng.normal(size=5)]
    want = math.sqrt(sum(float((g**2).sum()) for g in grads))
    clipped, norm = sol.clip_grad_norm(grads, want * 1.5)
    expect_close(norm, want, rtol=1e-12, what="total norm")
    _expect_list(clipped, grads)


@case("correctness", hint="Return the norm measured before clipping.")
def test_returns_norm_before_clipping(sol, rng):
    grads = [rng.normal(size=(4, 4)) * 10, rng.normal(size=3)]
    want = math.sqrt(sum(float((g**2).sum()) for g in grads))
    clipped, norm = sol.clip_grad_norm(grads, 1.0)
    expect_close(norm, want, rtol=1e-12, what="returned total norm")
    after = math.sqrt(sum(float((g**2).sum()) for g in clipped))
    expect_close(after, 1.0, rtol=1e-12, what="global norm after clipping")
    for i, (c, g) in enumerate(zip(clipped, grads, strict=True)):
        expect_close(c, g / want, rtol=1e-12, what=f"clipped[{i}] keeps its direction")


@case("correctness")
def test_matches_reference(sol, ref, rng):
    grads = [rng.normal(size=s) for s in [(5, 3), (3,), (2, 2, 2), (1,)]]
    for max_norm in (0.1, 1.0, 100.0):
        clipped, norm = sol.clip_grad_norm(grads, max_norm)
        want, want_norm = ref.clip_grad_norm(grads, max_norm)
        expect_close(norm, want_norm, rtol=1e-12, what=f"total norm, max_norm {max_norm}")
        _expect_list(clipped, want)


@case("edge_cases", hint="All-zero gradients have norm 0: return them unchanged, no 0 / 0.")
def test_zero_gradients(sol):
    grads = [np.zeros(3), np.zeros((2, 2))]
    clipped, norm = sol.clip_grad_norm(grads, 1.0)
    expect_close(norm, 0.0, what="norm of zero gradients")
    _expect_list(clipped, grads)


@case("edge_cases", hint="An empty list, or arrays with no entries, contribute nothing.")
def test_empty_inputs(sol):
    clipped, norm = sol.clip_grad_norm([], 1.0)
    expect(clipped == [], f"expected [] for no gradients, got {clipped!r}")
    expect_close(norm, 0.0, what="norm of no gradients")
    grads = [np.zeros((0, 3)), np.array([6.0, 8.0]), np.zeros(0)]
    clipped, norm = sol.clip_grad_norm(grads, 5.0)
    expect_close(norm, 10.0, rtol=1e-12, what="norm with empty arrays in the list")
    _expect_list(clipped, [np.zeros((0, 3)), np.array([3.0, 4.0]), np.zeros(0)])


@case("edge_cases", hint="At exactly max_norm nothing changes.")
def test_exactly_at_max(sol):
    grads = [np.array([0.6, 0.8])]
    clipped, norm = sol.clip_grad_norm(grads, 1.0)
    expect_close(norm, 1.0, rtol=1e-12, what="norm")
    _expect_list(clipped, grads, rtol=1e-15)


@case("edge_cases", hint="max_norm must be positive.")
def test_invalid_max_norm(sol):
    for bad in (0.0, -1.0):
        expect_raises("ValueError", sol.clip_grad_norm, [np.ones(2)], bad)


@case("edge_cases", hint="Multiply by a Python float so float32 gradients stay float32.")
def test_float32_stays_float32(sol):
    grads = [np.array([3.0, 4.0], dtype=np.float32)]
    clipped, norm = sol.clip_grad_norm(grads, 1.0)
    expect(clipped[0].dtype == np.float32, f"expected float32, got {clipped[0].dtype}")
    expect_close(clipped[0], np.array([0.6, 0.8], dtype=np.float32), rtol=1e-6)
    expect(isinstance(norm, float), f"expected the norm as a float, got {type(norm).__name__}")


@case("numerical_stability", hint="(1e200)^2 overflows: divide by the largest |g| first.")
def test_huge_gradients(sol):
    grads = [np.array([3e200]), np.array([-4e200, 0.0])]
    clipped, norm = sol.clip_grad_norm(grads, 1.0)
    expect_close(norm, 5e200, rtol=1e-12, what="norm of gradients near 1e200")
    _expect_list(clipped, [np.array([0.6]), np.array([-0.8, 0.0])])


@case("numerical_stability", hint="(1e-200)^2 underflows to 0: divide by the largest |g| first.")
def test_tiny_gradients(sol):
    grads = [np.array([3e-200, 0.0]), np.array([[4e-200]])]
    clipped, norm = sol.clip_grad_norm(grads, 1.0)
    expect_close(norm, 5e-200, rtol=1e-12, atol=0.0, what="norm of gradients near 1e-200")
    _expect_list(clipped, grads)


@case("numerical_stability", hint="Scale by the largest |g| over all arrays, not per array.")
def test_mixed_magnitudes(sol):
    grads = [np.array([1e-3, 2.0]), np.array([1e200])]
    clipped, norm = sol.clip_grad_norm(grads, 1.0)
    expect_close(norm, 1e200, rtol=1e-12, what="norm dominated by one huge entry")
    _expect_list(clipped, [np.array([1e-203, 2e-200]), np.array([1.0])])
