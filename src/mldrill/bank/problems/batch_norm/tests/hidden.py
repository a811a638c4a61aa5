import numpy as np

from mldrill.grading.testkit import attr, case, expect, expect_close, expect_raises

X = np.array([[1.0, 2.0], [3.0, 6.0]])  # column means 2, 4; biased vars 1, 4; unbiased 2, 8


def _stats(bn):
    return attr(bn.running_mean), attr(bn.running_var)


@case("correctness", hint="Normalise each column with its batch mean and biased variance.")
def test_training_output_by_hand(sol):
    bn = sol.BatchNorm(2, eps=0.0)
    expect_close(bn.forward(X), np.array([[-1.0, -1.0], [1.0, 1.0]]), what="normalised batch")
    x = np.array([[0.0, 10.0], [2.0, 10.0], [4.0, 16.0]])  # means 2, 12; vars 8/3, 8
    y = sol.BatchNorm(2, eps=0.0).forward(x)
    a, b = np.sqrt(1.5), np.sqrt(0.5)
    want = np.array([[-a, -b], [0.0, -b], [a, 2 * b]])
    expect_close(y, want, rtol=1e-12, atol=1e-15, what="3-row batch")


@case("correctness", hint="y = weight * x_hat + bias, per feature.")
def test_affine_parameters(sol):
    bn = sol.BatchNorm(2, eps=0.0, weight=[2.0, 0.5], bias=[1.0, -1.0])
    expect_close(attr(bn.weight), np.array([2.0, 0.5]), what="weight attribute")
    expect_close(attr(bn.bias), np.array([1.0, -1.0]), what="bias attribute")
    y = bn.forward(X)
    expect_close(y, np.array([[-1.0, -1.5], [3.0, -0.5]]), what="scaled and shifted output")


@case("correctness", hint="Defaults: weight ones, bias zeros, running_mean 0, running_var 1.")
def test_initial_attributes(sol):
    bn = sol.BatchNorm(3)
    expect_close(attr(bn.weight), np.ones(3), what="default weight")
    expect_close(attr(bn.bias), np.zeros(3), what="default bias")
    expect_close(attr(bn.running_mean), np.zeros(3), what="initial running_mean")
    expect_close(attr(bn.running_var), np.ones(3), what="initial running_var")
    expect_close(attr(bn.eps), 1e-5, what="default eps")
    expect_close(attr(bn.momentum), 0.1, what="default momentum")


@case(
    "correctness",
    hint="running = (1 - momentum) * running + momentum * batch; use the unbiased variance.",
)
def test_running_statistics_by_hand(sol):
    bn = sol.BatchNorm(2, eps=0.0)
    bn.forward(X)
    mean, var = _stats(bn)
    expect_close(mean, np.array([0.2, 0.4]), rtol=1e-12, what="running_mean after one step")
    expect_close(var, np.array([1.1, 1.7]), rtol=1e-12, what="running_var after one step")
    bn.forward(X)
    mean, var = _stats(bn)
    expect_close(mean, np.array([0.38, 0.76]), rtol=1e-12, what="running_mean after two steps")
    expect_close(var, np.array([1.19, 2.33]), rtol=1e-12, what="running_var after two steps")


@case("correctness", hint="The running variance uses N - 1 (unbiased), the output uses N.")
def test_running_variance_is_unbiased(sol, rng):
    x = rng.normal(2.0, 3.0, size=(5, 4))
    bn = sol.BatchNorm(4, momentum=1.0)
    bn.forward(x)
    mean, var = _stats(bn)
    expect_close(mean, x.mean(axis=0), rtol=1e-10, what="running_mean with momentum 1")
    expect_close(var, x.var(axis=0, ddof=1), rtol=1e-10, what="running_var with momentum 1")


@case("correctness", hint="In eval mode use running_mean and running_var, not the batch.")
def test_eval_normalises_with_running_statistics(sol, rng):
    bn = sol.BatchNorm(3, eps=1e-3, momentum=0.5, weight=[1.0, 2.0, 3.0], bias=[0.0, 1.0, 2.0])
    for _ in range(3):
        bn.forward(rng.normal(1.0, 2.0, size=(8, 3)))
    mean, var = _stats(bn)
    x = rng.normal(size=(6, 3))
    want = np.array([1.0, 2.0, 3.0]) * (x - mean) / np.sqrt(var + 1e-3) + np.array([0, 1, 2])
    expect_close(bn.forward(x, training=False), want, rtol=1e-10, what="eval output")


@case("correctness")
def test_matches_reference_sequence(sol, ref, rng):
    weight, bias = rng.normal(size=5), rng.normal(size=5)
    bn = sol.BatchNorm(5, eps=1e-4, momentum=0.2, weight=weight, bias=bias)
    want = ref.BatchNorm(5, eps=1e-4, momentum=0.2, weight=weight, bias=bias)
    for step in range(6):
        x = rng.normal(3.0, 2.0, size=(16, 5))
        training = step != 3
        got = bn.forward(x, training=training)
        expect_close(got, want.forward(x, training=training), rtol=1e-9, what=f"step {step}")
        mean, var = _stats(bn)
        expect_close(mean, want.running_mean, rtol=1e-9, what=f"running_mean after step {step}")
        expect_close(var, want.running_var, rtol=1e-9, what=f"running_var after step {step}")


@case("correctness")
def test_training_output_has_zero_mean_unit_variance(sol, rng):
    x = rng.normal(-4.0, 7.0, size=(64, 6))
    y = sol.BatchNorm(6).forward(x)
    expect_close(y.mean(axis=0), np.zeros(6), atol=1e-12, what="column means of the output")
    want = x.var(axis=0) / (x.var(axis=0) + 1e-5)
    expect_close(y.var(axis=0), want, rtol=1e-9, what="column variances of the output")


@case("edge_cases", hint="Eval mode must not touch running_mean or running_var.")
def test_eval_leaves_running_statistics_alone(sol, rng):
    bn = sol.BatchNorm(3)
    bn.forward(rng.normal(size=(4, 3)))
    before = _stats(bn)
    for _ in range(3):
        bn.forward(rng.normal(5.0, 3.0, size=(4, 3)), training=False)
    after = _stats(bn)
    expect_close(after[0], before[0], rtol=0, atol=0, what="running_mean after eval calls")
    expect_close(after[1], before[1], rtol=0, atol=0, what="running_var after eval calls")


@case("edge_cases", hint="Training needs N >= 2; eval accepts a single row.")
def test_single_row(sol):
    bn = sol.BatchNorm(2)
    expect_raises("ValueError", bn.forward, np.array([[1.0, 2.0]]))
    y = bn.forward(np.array([[1.0, 2.0]]), training=False)
    expect_close(y, np.array([[1.0, 2.0]]) / np.sqrt(1 + 1e-5), what="eval output for one row")


@case("edge_cases", hint="With N = 2 the unbiased variance is twice the biased one.")
def test_two_rows_is_enough(sol):
    bn = sol.BatchNorm(1, eps=0.0, momentum=1.0)
    y = bn.forward(np.array([[5.0], [9.0]]))
    expect_close(y, np.array([[-1.0], [1.0]]), what="output for two rows")
    expect_close(attr(bn.running_var), np.array([8.0]), what="running_var for two rows")


@case("edge_cases", hint="momentum = 0 freezes the running statistics.")
def test_momentum_zero_freezes(sol, rng):
    bn = sol.BatchNorm(3, momentum=0.0)
    bn.forward(rng.normal(4.0, 2.0, size=(10, 3)))
    mean, var = _stats(bn)
    expect_close(mean, np.zeros(3), what="running_mean with momentum 0")
    expect_close(var, np.ones(3), what="running_var with momentum 0")


@case("numerical_stability", hint="A constant column has variance 0: eps keeps sqrt(0 + eps) > 0.")
def test_constant_feature_gives_bias(sol):
    x = np.array([[3.0, 1.0], [3.0, 2.0], [3.0, 4.0]])
    y = sol.BatchNorm(2, bias=[0.5, 0.0]).forward(x)
    expect(bool(np.all(np.isfinite(y))), f"output has nan or inf for a constant column: {y}")
    expect_close(y[:, 0], np.full(3, 0.5), atol=1e-12, what="output for the constant column")


@case("numerical_stability", hint="Divide by sqrt(var + eps), not sqrt(var) + eps.")
def test_small_spread_uses_eps_inside_sqrt(sol):
    x = np.array([[0.0], [0.002], [0.004]])  # variance 8e-6 / 3, comparable to eps
    y = sol.BatchNorm(1, eps=1e-5).forward(x)
    var = 8e-6 / 3
    want = np.array([[-0.002], [0.0], [0.002]]) / np.sqrt(var + 1e-5)
    expect_close(y, want, rtol=1e-9, what="output for a feature with a tiny variance")


@case("numerical_stability", hint="mean(x**2) - mean(x)**2 cancels badly; use mean((x - mu)**2).")
def test_large_mean_small_spread(sol, rng):
    noise = rng.normal(size=(50, 2))
    noise -= noise.mean(axis=0)
    x = 1e8 + noise
    bn = sol.BatchNorm(2, momentum=1.0)
    y = bn.forward(x)
    var = (noise**2).mean(axis=0)
    expect_close(y, noise / np.sqrt(var + 1e-5), rtol=1e-6, what="output for values near 1e8")
    expect_close(attr(bn.running_var), var * 50 / 49, rtol=1e-6, what="running_var near 1e8")
