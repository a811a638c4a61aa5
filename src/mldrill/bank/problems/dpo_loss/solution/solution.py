import numpy as np


def log_sigmoid(x: np.ndarray) -> np.ndarray:
    """log(1 / (1 + exp(-x))) = -log(1 + exp(-x)), without overflow or rounding to 0."""
    return -np.logaddexp(0.0, -x)


def dpo_loss(
    policy_chosen_logps: np.ndarray,
    policy_rejected_logps: np.ndarray,
    ref_chosen_logps: np.ndarray,
    ref_rejected_logps: np.ndarray,
    beta: float = 0.1,
    label_smoothing: float = 0.0,
) -> tuple[float, np.ndarray]:
    """Mean DPO loss over the batch and the implicit reward margin of every pair."""
    if beta <= 0:
        raise ValueError(f"beta must be > 0, got {beta}")
    if label_smoothing < 0 or label_smoothing >= 0.5:
        raise ValueError(f"label_smoothing must be in [0, 0.5), got {label_smoothing}")
    # implicit rewards: r = beta * log(pi(y|x) / pi_ref(y|x))
    chosen_rewards = beta * (policy_chosen_logps - ref_chosen_logps)
    rejected_rewards = beta * (policy_rejected_logps - ref_rejected_logps)
    margins = chosen_rewards - rejected_rewards
    # -log sigmoid(margin); with label smoothing the preference label is flipped w.p. eps
    losses = -(1 - label_smoothing) * log_sigmoid(margins) - label_smoothing * log_sigmoid(-margins)
    return float(losses.mean()), margins
