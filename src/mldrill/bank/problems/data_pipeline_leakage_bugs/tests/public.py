from mldrill.grading.testkit import case, expect


@case("correctness")
def test_experiment_runs(sol):
    result = sol.evaluate.run_experiment(seed=0)
    expect(0.0 <= result["test_accuracy"] <= 1.0, f"accuracy {result['test_accuracy']}")
    expect(len(result["features"]) > 0, "no features were selected")


@case("correctness", hint="Check every column: could the model know it at prediction time?")
def test_no_customer_id_feature(sol):
    features = list(sol.evaluate.run_experiment(seed=0)["features"])
    expect("customer_id" not in features, f"customer_id is used as a feature: {features}")


@case(
    "correctness", hint="Too good to be true? Even the true model is right only ~76% of the time."
)
def test_accuracy_is_plausible(sol):
    acc = sol.evaluate.run_experiment(seed=0)["test_accuracy"]
    expect(0.65 <= acc <= 0.9, f"test accuracy {acc:.3f} is outside the plausible [0.65, 0.9]")
