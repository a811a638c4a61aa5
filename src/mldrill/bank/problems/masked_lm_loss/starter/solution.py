import numpy as np


def causal_lm_loss(logits: np.ndarray, labels: np.ndarray, loss_mask: np.ndarray) -> float:
    """Causal language-model loss.

    logits: (B, T, V) scores; logits[b, t] predicts token labels[b, t + 1].
    labels: (B, T) token ids. loss_mask: (B, T), 1 where the token is a target to predict
    (a response token), 0 for prompt and padding tokens.

    Returns the mean cross-entropy over all selected target tokens of the batch (0.0 if
    there are none).
    """
    raise NotImplementedError("write causal_lm_loss")
