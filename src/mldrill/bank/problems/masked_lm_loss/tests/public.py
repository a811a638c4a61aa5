import math

import numpy as np

from mldrill.grading.testkit import case, expect_close


@case("correctness")
def test_by_hand(sol):
    # logits[0, 0] predicts labels[0, 1] = 1 with p = 3/4; logits[0, 1] predicts
    # labels[0, 2] = 0 with p = 2/3. The last position predicts nothing.
    logits = np.array([[[0.0, math.log(3.0)], [math.log(2.0), 0.0], [5.0, -5.0]]])
    got = sol.causal_lm_loss(logits, np.array([[1, 1, 0]]), np.array([[1, 1, 1]]))
    expect_close(got, (math.log(4 / 3) + math.log(3 / 2)) / 2, rtol=1e-9)


@case("edge_cases")
def test_nothing_to_predict(sol):
    logits = np.zeros((2, 3, 4))
    got = sol.causal_lm_loss(logits, np.zeros((2, 3), dtype=int), np.zeros((2, 3), dtype=int))
    expect_close(got, 0.0, what="the loss when the mask selects no token")
