from mldrill.grading.testkit import case, expect


@case("correctness")
def test_experiment_runs(sol):
    history = sol.finetune.run_experiment(seed=0)["history"]
    expect(len(history) == 15, f"expected one entry per epoch (15), got {len(history)}")
    for key in ("train_loss", "val_loss", "val_accuracy"):
        expect(key in history[-1], f"history entries need {key!r}")


@case("correctness", hint="A linear head on these pretrained features gets about 90%.")
def test_validation_accuracy(sol):
    acc = sol.finetune.run_experiment(seed=0)["history"][-1]["val_accuracy"]
    expect(acc >= 0.88, f"final validation accuracy is {acc:.3f}; expected at least 0.88")
