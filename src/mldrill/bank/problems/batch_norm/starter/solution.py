import numpy as np


class BatchNorm:
    """Batch normalisation of (N, C) inputs over the batch axis, like torch's BatchNorm1d."""

    def __init__(self, num_features, eps=1e-5, momentum=0.1, weight=None, bias=None):
        """Store eps and momentum; weight defaults to ones and bias to zeros (length C);
        running_mean starts at zeros and running_var at ones."""
        raise NotImplementedError("write __init__")

    def forward(self, x: np.ndarray, training: bool = True) -> np.ndarray:
        """Normalise x of shape (N, C); update the running statistics in training mode."""
        raise NotImplementedError("write forward")
