import numpy as np

from mldrill.grading.testkit import case, expect


@case("correctness")
def test_logits_shape(sol):
    images, _ = sol.data.make_images(4, seed=0)
    logits = sol.model.forward(sol.model.init_params(seed=0), images)
    expect(logits.shape == (4, 3), f"expected logits of shape (4, 3), got {logits.shape}")
    expect(bool(np.all(np.isfinite(logits))), "the logits hold nan or inf")


@case("correctness", hint="The weights are right; the pipeline around them is not.")
def test_colour_classifier_accuracy(sol):
    acc = sol.evaluate.run_inference(64, seed=0)["accuracy"]
    expect(acc == 1.0, f"the hand-set colour classifier scores {acc:.3f}; it should be perfect")
