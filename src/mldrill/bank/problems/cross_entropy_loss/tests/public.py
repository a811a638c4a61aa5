import math

import numpy as np

from mldrill.grading.testkit import case, expect_close


@case("correctness")
def test_uniform(sol):
    got = sol.cross_entropy(np.zeros((3, 4)), np.array([0, 1, 3]))
    expect_close(got, math.log(4.0), what="loss of all-zero logits over 4 classes")


@case("correctness")
def test_ignore_index(sol):
    logits = np.array([[0.0, math.log(3.0)], [5.0, -5.0]])
    got = sol.cross_entropy(logits, np.array([1, -100]))
    expect_close(got, math.log(4 / 3), what="loss with the second row ignored")


@case("numerical_stability")
def test_large_logit(sol):
    got = sol.cross_entropy(np.array([[1000.0, 0.0]]), np.array([1]))
    expect_close(got, 1000.0, what="loss when the true class is 1000 below the other")
