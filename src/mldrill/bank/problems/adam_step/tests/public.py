import numpy as np

from mldrill.grading.testkit import case, expect_close, expect_equal


@case("correctness")
def test_first_step(sol):
    p = np.array([1.0, -2.0, 0.5])
    new_p, state = sol.adam_step(p, np.array([0.1, -3.0, 0.0]), sol.adam_init(p), lr=0.1)
    want = np.array([1.0 - 0.01 / (0.1 + 1e-8), -2.0 + 0.3 / (3.0 + 1e-8), 0.5])
    expect_close(new_p, want, rtol=1e-10, what="parameters after one step")
    expect_equal(state["step"], 1, what="state['step']")


@case("correctness")
def test_init(sol):
    state = sol.adam_init(np.ones((2, 3)))
    expect_equal(state["step"], 0, what="state['step']")
    expect_close(state["m"], np.zeros((2, 3)), what="state['m']")
    expect_close(state["v"], np.zeros((2, 3)), what="state['v']")
