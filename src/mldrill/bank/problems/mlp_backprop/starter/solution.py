import numpy as np


def mlp_loss_and_grads(
    params: dict[str, np.ndarray], x: np.ndarray, y: np.ndarray
) -> tuple[float, dict[str, np.ndarray]]:
    """Mean softmax cross-entropy of a 2-layer ReLU MLP and its gradients.

    params: {"W1": (D, H), "b1": (H,), "W2": (H, K), "b2": (K,)}; x: (N, D); y: (N,) ints.
    Returns (loss, grads) with grads[name] of the same shape as params[name].
    """
    raise NotImplementedError("write mlp_loss_and_grads")
