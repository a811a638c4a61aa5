import torch


def label_smoothing_cross_entropy(
    logits: torch.Tensor,
    target: torch.Tensor,
    smoothing: float = 0.0,
    ignore_index: int = -100,
    reduction: str = "mean",
) -> torch.Tensor:
    """Cross-entropy against the smoothed target (1 - smoothing) * one_hot + smoothing / C."""
    # log p = z - logsumexp(z), with the row max taken out so exp() cannot overflow.
    shifted = logits - logits.amax(dim=-1, keepdim=True)
    log_probs = shifted - torch.log(torch.exp(shifted).sum(dim=-1, keepdim=True))

    valid = target != ignore_index
    safe_target = torch.where(valid, target, torch.zeros_like(target))  # any class id works
    nll = -log_probs.gather(-1, safe_target.unsqueeze(-1)).squeeze(-1)  # -log p_y
    uniform = -log_probs.mean(dim=-1)  # -(1/C) sum_c log p_c
    loss = (1.0 - smoothing) * nll + smoothing * uniform
    loss = torch.where(valid, loss, torch.zeros_like(loss))  # ignored positions add nothing

    if reduction == "none":
        return loss
    if reduction == "sum":
        return loss.sum()
    # Mean over the positions that count; 0 / 0 = nan when all are ignored, as in PyTorch.
    return loss.sum() / valid.sum()
