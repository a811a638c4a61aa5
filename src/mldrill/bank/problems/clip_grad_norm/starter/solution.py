import numpy as np


def clip_grad_norm(grads: list[np.ndarray], max_norm: float) -> tuple[list[np.ndarray], float]:
    """Scale all gradients together so their global L2 norm is at most max_norm.

    Returns (clipped_grads, total_norm), total_norm being the norm before clipping.
    """
    raise NotImplementedError("write clip_grad_norm")
