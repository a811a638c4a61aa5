import torch
import torch.nn as nn


class LoRALinear(nn.Module):
    """A frozen nn.Linear plus a trainable low-rank update: W x + b + (alpha / r) B A x."""

    def __init__(self, weight, bias, rank: int, alpha: float, seed: int = 0):
        """weight: (out_features, in_features); bias: (out_features,) or None."""
        super().__init__()
        raise NotImplementedError("write __init__")

    def load_adapter(self, A, B) -> None:
        """Set lora_A (rank, in_features) and lora_B (out_features, rank)."""
        raise NotImplementedError("write load_adapter")

    def forward(self, x):
        raise NotImplementedError("write forward")

    def merge(self) -> None:
        """Fold the update into the base weight."""
        raise NotImplementedError("write merge")

    def unmerge(self) -> None:
        """Take the update back out of the base weight."""
        raise NotImplementedError("write unmerge")


def lora_gradients(layer, x, grad_out):
    """Back-propagate grad_out through layer(x); {parameter name: its gradient or None}."""
    raise NotImplementedError("write lora_gradients")
