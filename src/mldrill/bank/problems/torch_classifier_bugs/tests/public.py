import math

from mldrill.grading.testkit import case, expect


@case("correctness")
def test_experiment_runs(sol):
    history = sol.train.run_experiment(seed=0)["history"]
    expect(len(history) == 15, f"expected one loss per epoch (15), got {len(history)}")
    expect(all(math.isfinite(h) for h in history), f"the loss history has nan or inf: {history}")


@case("correctness", hint="Watch the loss epoch by epoch: does it keep falling?")
def test_training_loss_goes_down(sol):
    history = sol.train.run_experiment(seed=0)["history"]
    expect(
        history[-1] < 0.25 * history[0],
        f"the mean training loss only went from {history[0]:.4f} to {history[-1]:.4f}",
    )


@case("correctness")
def test_test_accuracy(sol):
    acc = sol.train.run_experiment(seed=0)["test_accuracy"]
    expect(acc >= 0.9, f"test accuracy is {acc:.3f}; this dataset should reach at least 0.9")
