from mldrill.grading.testkit import case, expect


@case("correctness")
def test_pipeline_runs(sol):
    result = sol.pipeline.run_pipeline(seed=0)
    expect(set(result) == {"purity", "inertia"}, f"unexpected keys {sorted(result)}")
    expect(0.0 <= result["purity"] <= 1.0, f"purity {result['purity']} is not in [0, 1]")


@case("correctness", hint="The three groups are well separated once the features are scaled.")
def test_pipeline_recovers_the_groups(sol):
    result = sol.pipeline.run_pipeline(seed=0)
    expect(result["purity"] >= 0.95, f"purity is {result['purity']:.3f}; expected at least 0.95")
