import torch
import torch.nn as nn


class Trainer:
    """An MLP fc1 -> ReLU -> Dropout -> fc2, trained with SGD + momentum on the MSE."""

    def __init__(self, weights: dict[str, torch.Tensor], lr: float, momentum: float = 0.0,
                 dropout: float = 0.0):  # fmt: skip
        """Build the model from weights ("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias")
        and whatever state the SGD update needs."""
        raise NotImplementedError("write __init__")

    def train_step(self, x: torch.Tensor, y: torch.Tensor, seed: int) -> float:
        """One SGD step on the batch (x, y); call torch.manual_seed(seed) right before the
        forward pass. Returns the loss of this step as a float."""
        raise NotImplementedError("write train_step")

    def predict(self, x: torch.Tensor) -> torch.Tensor:
        """The model's output with dropout off and no gradient tracking."""
        raise NotImplementedError("write predict")

    def state(self) -> dict[str, torch.Tensor]:
        """A copy of the current parameters, keyed like the weights passed in."""
        raise NotImplementedError("write state")
