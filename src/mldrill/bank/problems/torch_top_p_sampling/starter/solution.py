import torch


def sample_next_token(
    logits: torch.Tensor,
    temperature: float = 1.0,
    top_k: int = 0,
    top_p: float = 1.0,
    seed: int = 0,
) -> torch.Tensor:
    """Sample one token id per row of logits (B, V); returns an int64 tensor of shape (B,).

    Apply temperature, then top-k (0 = off), then top-p (1.0 = off), then draw with a
    torch.Generator seeded from ``seed``. temperature == 0 means greedy (argmax).
    """
    raise NotImplementedError("write sample_next_token")
