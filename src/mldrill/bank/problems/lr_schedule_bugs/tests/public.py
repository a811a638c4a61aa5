from mldrill.grading.testkit import case, expect


@case("correctness")
def test_experiment_fits_the_data(sol):
    result = sol.train.run_experiment(seed=0)
    expect(result["test_r2"] > 0.99, f"held-out R^2 is {result['test_r2']:.4f}")


@case("correctness", hint="Print the learning rates the loop actually used.")
def test_learning_rate_ends_near_zero(sol):
    lrs = sol.train.run_experiment(seed=0)["lrs"]
    expect(lrs[-1] < 1e-3, f"the last learning rate is {lrs[-1]:.4g}; the decay ends at min_lr=0")
    expect(lrs[0] > 0, "the first step used a learning rate of 0")
