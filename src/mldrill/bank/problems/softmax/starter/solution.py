import numpy as np


def softmax(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """Probabilities along ``axis`` that sum to 1."""
    raise NotImplementedError("write softmax")
