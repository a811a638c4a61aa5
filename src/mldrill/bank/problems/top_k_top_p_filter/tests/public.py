import numpy as np

from mldrill.grading.testkit import case, expect_close

NEG = -np.inf


@case("correctness")
def test_top_k(sol):
    got = sol.top_k_top_p_filter(np.array([[1.0, 3.0, 2.0, 0.0, 5.0]]), top_k=2)
    expect_close(got, np.array([[NEG, 3.0, NEG, NEG, 5.0]]), what="top_k=2")


@case("correctness")
def test_top_p(sol):
    logits = np.log(np.array([[0.4, 0.3, 0.2, 0.1]]))
    got = sol.top_k_top_p_filter(logits, top_p=0.5)  # 0.4 < 0.5, 0.4 + 0.3 >= 0.5
    expect_close(got, np.array([[logits[0, 0], logits[0, 1], NEG, NEG]]), what="top_p=0.5")
