import math

import torch

from mldrill.grading.testkit import case, expect


@case("correctness")
def test_experiment_runs(sol):
    history = sol.train.run_experiment(seed=0)["history"]
    expect(len(history) == 6, f"expected one loss per epoch (6), got {len(history)}")
    expect(all(math.isfinite(float(h)) for h in history), f"the loss has nan or inf: {history}")


@case("correctness", hint="Is that accuracy plausible? Try generating from a prompt.")
def test_model_continues_a_progression(sol):
    result = sol.train.run_experiment(seed=0)
    got = sol.evaluate.greedy_continue(result["model"], torch.tensor([3, 5, 7]), 4).tolist()
    expect(got == [3, 5, 7, 9, 11, 13, 15], f"greedy_continue([3, 5, 7], 4) gave {got}")
