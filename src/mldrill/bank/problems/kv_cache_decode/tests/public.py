import numpy as np

from mldrill.grading.testkit import case, expect_close


@case("correctness")
def test_two_steps(sol):
    cache = sol.KVCache(4, 4, 2)
    out = cache.step(np.zeros(4), np.zeros(4), np.array([10.0, 0.0]))
    expect_close(out, np.array([10.0, 0.0]), what="first step: one key, weight 1")
    out = cache.step(np.ones(4), np.ones(4), np.array([0.0, 10.0]))
    # scores = [0, 4] / sqrt(4) = [0, 2]
    expect_close(out, np.array([1.1920292202211755, 8.807970779778824]), what="second step")


@case("correctness")
def test_decode_sequence(sol):
    q = np.array([[1.0, 0.0], [0.0, 0.0]])
    k = np.array([[1.0, 0.0], [0.0, 1.0]])
    v = np.array([[2.0], [4.0]])
    # step 1 sees only token 0; step 2 has equal scores (0, 0): the mean of the values
    expect_close(sol.decode_sequence(q, k, v), np.array([[2.0], [3.0]]))
