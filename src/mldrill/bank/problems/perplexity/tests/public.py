import math

import numpy as np

from mldrill.grading.testkit import case, expect_close


@case("correctness")
def test_by_hand(sol):
    logprobs = np.log(np.array([[0.5, 0.25, 1.0], [0.1, 0.2, 0.3]]))
    mask = np.array([[1, 1, 0], [1, 0, 0]])
    per_sequence, corpus = sol.perplexity(logprobs, mask)
    expect_close(per_sequence, np.array([math.sqrt(8.0), 10.0]), rtol=1e-9, what="per sequence")
    expect_close(corpus, 80.0 ** (1 / 3), rtol=1e-9, what="corpus: (2 * 4 * 10) ** (1/3)")


@case("correctness")
def test_uniform_model(sol):
    logprobs = np.full((2, 5), -math.log(50.0))
    _, corpus = sol.perplexity(logprobs, np.ones((2, 5)))
    expect_close(corpus, 50.0, rtol=1e-9, what="a uniform guess over 50 tokens")
