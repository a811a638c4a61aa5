import numpy as np

from mldrill.grading.testkit import case, expect


@case("correctness")
def test_experiment_runs(sol):
    result = sol.train.run_experiment(seed=0)
    history = result["history"]
    expect(len(history) == 25, f"expected one RMSE per epoch (25), got {len(history)}")
    expect(bool(np.all(np.isfinite(history))), "the training RMSE history has nan or inf")


@case("correctness", hint="Ratings have a spread of about 1; a working model gets well below.")
def test_test_rmse(sol):
    test = sol.train.run_experiment(seed=0)["test_rmse"]
    expect(test < 0.3, f"test RMSE is {test}; a correct pipeline gets about 0.15")
