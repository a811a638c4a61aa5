import numpy as np

from mldrill.grading.testkit import case, expect


@case("correctness")
def test_experiment_runs(sol):
    result = sol.train.run_experiment(seed=0)
    history = result["history"]
    expect(len(history) == 20, f"expected one loss per epoch (20), got {len(history)}")
    expect(bool(np.all(np.isfinite(history))), f"the loss history has nan or inf: {history}")


@case("correctness", hint="Watch the loss history epoch by epoch: which way does it move?")
def test_training_loss_goes_down(sol):
    history = sol.train.run_experiment(seed=0)["history"]
    expect(
        history[-1] < 0.5 * history[0],
        f"the mean training loss went from {history[0]:.4f} to {history[-1]:.4f}",
    )


@case("correctness")
def test_test_accuracy(sol):
    result = sol.train.run_experiment(seed=0)
    acc = result["test_accuracy"]
    expect(acc >= 0.9, f"test accuracy is {acc:.3f}; this dataset should reach at least 0.9")
