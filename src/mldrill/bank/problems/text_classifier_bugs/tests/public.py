from mldrill.grading.testkit import case, expect


@case("correctness")
def test_experiment_runs(sol):
    result = sol.pipeline.run_experiment(seed=1)
    for key in ("vocab", "train_accuracy", "test_accuracy"):
        expect(key in result, f"run_experiment() did not return {key!r}")


@case("correctness", hint="Most sentiment words in a review match its label.")
def test_test_accuracy(sol):
    acc = sol.pipeline.run_experiment(seed=1)["test_accuracy"]
    expect(acc >= 0.85, f"test accuracy is {acc:.3f}; a correct pipeline reaches 0.88")
