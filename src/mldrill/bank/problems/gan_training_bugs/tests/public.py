from mldrill.grading.testkit import case, expect


@case("correctness")
def test_experiment_runs(sol):
    result = sol.evaluate.run_experiment(seed=0)
    expect(len(result["history"]) == 600, f"expected 600 steps, got {len(result['history'])}")
    for key in ("mean", "std"):
        expect(key in result, f"run_experiment() did not return {key!r}")


@case("correctness", hint="The real data has mean 4.0 and standard deviation 1.25.")
def test_generated_mean(sol):
    mean = sol.evaluate.run_experiment(seed=0)["mean"]
    expect(abs(mean - 4.0) < 0.3, f"the generated samples have mean {mean:.3f}; target 4.0")
