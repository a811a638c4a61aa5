import math

import numpy as np

from mldrill.grading.testkit import attr, case, expect, expect_close, expect_fast, expect_raises

ORDER_HINT = (
    "Append the new key and value first, then attend: the new token attends to every cached "
    "position including itself."
)


def _causal_attention(q, k, v):
    """Full causal attention recomputed from scratch, as a (T, d_v) array."""
    t = len(q)
    scores = q @ k.T / math.sqrt(q.shape[1])
    scores = np.where(np.tril(np.ones((t, t), dtype=bool)), scores, -np.inf)
    w = np.exp(scores - scores.max(axis=1, keepdims=True))
    return (w / w.sum(axis=1, keepdims=True)) @ v


@case("correctness", hint=ORDER_HINT)
def test_first_step_returns_its_value(sol):
    cache = sol.KVCache(4, 3, 2)
    out = cache.step(np.array([1.0, -2.0, 0.5]), np.array([0.3, 0.1, -1.0]), np.array([7.0, -3.0]))
    expect_close(out, np.array([7.0, -3.0]), what="output of the first step (one key: weight 1)")
    expect(attr(cache.length) == 1, f"length after one step is {attr(cache.length)}, not 1")


@case("correctness", hint="Scale the scores by 1 / sqrt(d_k) before the softmax.")
def test_two_steps_by_hand(sol):
    cache = sol.KVCache(4, 4, 2)
    cache.step(np.zeros(4), np.zeros(4), np.array([10.0, 0.0]))
    out = cache.step(np.ones(4), np.ones(4), np.array([0.0, 10.0]))
    # scores = [0, 4] / sqrt(4) = [0, 2]; softmax = [0.119203, 0.880797]
    want = np.array([1.1920292202211755, 8.807970779778824])
    expect_close(out, want, rtol=1e-9, what="output of the second step")


@case("correctness", hint=ORDER_HINT)
def test_steps_match_causal_attention(sol, rng):
    T, d_k, d_v = 12, 8, 5
    q, k, v = rng.normal(size=(T, d_k)), rng.normal(size=(T, d_k)), rng.normal(size=(T, d_v))
    want = _causal_attention(q, k, v)
    cache = sol.KVCache(32, d_k, d_v)  # room to spare: the unused rows must not count
    for t in range(T):
        out = cache.step(q[t], k[t], v[t])
        expect_close(out, want[t], rtol=1e-9, atol=1e-12, what=f"output of step {t}")


@case("correctness", hint=ORDER_HINT)
def test_decode_sequence_matches_causal_attention(sol, rng):
    T, d_k, d_v = 20, 6, 3
    q, k, v = rng.normal(size=(T, d_k)), rng.normal(size=(T, d_k)), rng.normal(size=(T, d_v))
    got = sol.decode_sequence(q, k, v)
    expect_close(got, _causal_attention(q, k, v), rtol=1e-9, atol=1e-12, what="(20, 3) outputs")


@case("correctness", hint="keys() and values() return the rows appended so far, in order.")
def test_cache_contents(sol, rng):
    k, v = rng.normal(size=(5, 4)), rng.normal(size=(5, 2))
    cache = sol.KVCache(8, 4, 2)
    for t in range(5):
        cache.step(rng.normal(size=4), k[t], v[t])
        expect(attr(cache.length) == t + 1, f"length is {attr(cache.length)} after {t + 1} steps")
    expect_close(cache.keys(), k, what="keys() after 5 steps")
    expect_close(cache.values(), v, what="values() after 5 steps")


@case("edge_cases", hint="Keep the arrays on the instance (self), never on the class.")
def test_caches_are_independent(sol, rng):
    a, b = sol.KVCache(4, 2, 2), sol.KVCache(4, 2, 2)
    a.step(np.ones(2), np.array([1.0, 0.0]), np.array([1.0, 2.0]))
    out = b.step(np.ones(2), np.array([0.0, 1.0]), np.array([5.0, 6.0]))
    expect_close(out, np.array([5.0, 6.0]), what="the first step of a second cache")
    expect(attr(a.length) == 1 and attr(b.length) == 1, "each cache must count its own tokens")
    expect_close(a.keys(), np.array([[1.0, 0.0]]), what="keys() of the first cache")


@case("edge_cases", hint="A cache of max_len tokens raises ValueError on step max_len + 1.")
def test_full_cache_raises(sol):
    cache = sol.KVCache(2, 2, 1)
    cache.step(np.ones(2), np.ones(2), np.ones(1))
    cache.step(np.ones(2), np.ones(2), np.ones(1))
    expect_raises("ValueError", cache.step, np.ones(2), np.ones(2), np.ones(1))


@case("edge_cases")
def test_single_token_sequence(sol):
    got = sol.decode_sequence(np.array([[2.0, 1.0]]), np.array([[0.5, 0.5]]), np.array([[4.0]]))
    expect_close(got, np.array([[4.0]]), what="decode_sequence of one token")


@case("edge_cases")
def test_empty_cache_contents(sol):
    cache = sol.KVCache(3, 4, 2)
    expect(attr(cache.length) == 0, "a new cache should have length 0")
    expect_close(cache.keys(), np.zeros((0, 4)), what="keys() of an empty cache")
    expect_close(cache.values(), np.zeros((0, 2)), what="values() of an empty cache")


@case("numerical_stability", hint="Subtract the largest score before exp.")
def test_large_scores(sol, rng):
    T, d = 10, 4
    q, k = 60.0 * rng.normal(size=(T, d)), 60.0 * rng.normal(size=(T, d))  # scores ~ ±2000
    v = rng.normal(size=(T, 3))
    got = sol.decode_sequence(q, k, v)
    expect_close(got, _causal_attention(q, k, v), rtol=1e-9, atol=1e-12, what="outputs")


@case("efficiency", timeout=20.0, hint="Attend one query over the cache: O(t d) per step.")
def test_decode_sequence_speed(sol, ref, rng):
    q, k, v = rng.normal(size=(3, 250, 16))
    expect_fast(sol.decode_sequence, ref.decode_sequence, q, k, v, max_ratio=5, floor_ms=10)


@case("efficiency", timeout=20.0, hint="One step must not recompute attention for the prefix.")
def test_step_with_long_history(sol, ref, rng):
    n, d = 700, 16
    k, v = rng.normal(size=(n, d)), rng.normal(size=(n, d))
    cache, want = sol.KVCache(n + 8, d, d), ref.KVCache(n + 8, d, d)
    for t in range(n):
        cache.step(k[t], k[t], v[t])
        want.step(k[t], k[t], v[t])
    q = rng.normal(size=d)
    # a cached step takes microseconds; recomputing the prefix costs milliseconds
    expect_fast(cache.step, want.step, q, q, q, max_ratio=10, floor_ms=2)
