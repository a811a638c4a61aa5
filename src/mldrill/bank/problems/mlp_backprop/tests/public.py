import numpy as np

from mldrill.grading.testkit import case, expect_close


def _zeros(d, h, k):
    return {"W1": np.zeros((d, h)), "b1": np.zeros(h), "W2": np.zeros((h, k)), "b2": np.zeros(k)}


@case("correctness")
def test_zero_network(sol):
    loss, grads = sol.mlp_loss_and_grads(_zeros(3, 4, 2), np.ones((2, 3)), np.array([0, 0]))
    expect_close(loss, float(np.log(2.0)), what="loss with all-zero parameters")
    expect_close(grads["b2"], np.array([-0.5, 0.5]), what="grads['b2']")
    expect_close(grads["W1"], np.zeros((3, 4)), what="grads['W1']")


@case("correctness")
def test_gradient_shapes(sol):
    rng = np.random.default_rng(0)
    params = {k: rng.normal(size=v.shape) for k, v in _zeros(5, 6, 3).items()}
    _, grads = sol.mlp_loss_and_grads(params, rng.normal(size=(4, 5)), np.array([0, 1, 2, 1]))
    for name, value in params.items():
        expect_close(np.array(grads[name].shape), np.array(value.shape), what=f"shape of {name}")
