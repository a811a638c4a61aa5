import numpy as np


def dpo_loss(
    policy_chosen_logps: np.ndarray,
    policy_rejected_logps: np.ndarray,
    ref_chosen_logps: np.ndarray,
    ref_rejected_logps: np.ndarray,
    beta: float = 0.1,
    label_smoothing: float = 0.0,
) -> tuple[float, np.ndarray]:
    """Direct Preference Optimization loss.

    Each argument is a (B,) array of summed log-probabilities of a response under the policy
    or the frozen reference model. Returns (loss, margins): the mean loss over the batch as
    a float, and the (B,) implicit reward margins
    beta * ((policy_chosen - ref_chosen) - (policy_rejected - ref_rejected)).
    """
    raise NotImplementedError("write dpo_loss")
