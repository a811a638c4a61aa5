import torch
import torch.nn as nn


class MultiHeadAttention(nn.Module):
    """Multi-head self-attention with q/k/v/out projections and an optional causal mask."""

    def __init__(self, d_model: int, n_heads: int):
        """Create q_proj, k_proj, v_proj and out_proj (nn.Linear(d_model, d_model) each).

        Raise ValueError if d_model is not divisible by n_heads.
        """
        super().__init__()
        raise NotImplementedError("write __init__")

    def load_weights(self, weights: dict[str, torch.Tensor]) -> None:
        """Copy "q_proj.weight", "q_proj.bias", ..., "out_proj.bias" into the layers."""
        raise NotImplementedError("write load_weights")

    def forward(self, x: torch.Tensor, causal: bool = False) -> torch.Tensor:
        """x: (batch, seq_len, d_model) -> (batch, seq_len, d_model)."""
        raise NotImplementedError("write forward")
