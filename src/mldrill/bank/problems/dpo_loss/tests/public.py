import math

import numpy as np

from mldrill.grading.testkit import case, expect_close


@case("correctness")
def test_policy_equals_reference(sol):
    logps = np.array([-3.0, -10.0])
    loss, margins = sol.dpo_loss(logps, logps - 1.0, logps, logps - 1.0, beta=0.1)
    expect_close(loss, math.log(2.0), what="loss when the policy is the reference")
    expect_close(margins, np.zeros(2), what="margins when the policy is the reference")


@case("correctness")
def test_one_pair(sol):
    # margin = 0.5 * ((-1 - -2) - (-3 - -2)) = 1; loss = -log sigmoid(1) = log(1 + e^-1)
    loss, margins = sol.dpo_loss(
        np.array([-1.0]), np.array([-3.0]), np.array([-2.0]), np.array([-2.0]), beta=0.5
    )
    expect_close(margins, np.array([1.0]), what="margins")
    expect_close(loss, math.log1p(math.exp(-1.0)), rtol=1e-9, what="loss")
