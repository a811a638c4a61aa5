import torch


def label_smoothing_cross_entropy(logits, target, smoothing=0.0, ignore_index=-100,
                                  reduction="mean"):
    shifted = logits - logits.amax(dim=-1, keepdim=True)
    log_probs = shifted - torch.log(torch.exp(shifted).sum(dim=-1, keepdim=True))
    C = logits.shape[-1]
    valid = target != ignore_index
    safe = torch.where(valid, target, torch.zeros_like(target))
    # q = 1 - s on the true class and s / (C - 1) on each other class
    q = torch.full_like(log_probs, smoothing / max(C - 1, 1))
    q.scatter_(-1, safe.unsqueeze(-1), 1.0 - smoothing)
    loss = -(q * log_probs).sum(dim=-1)
    loss = torch.where(valid, loss, torch.zeros_like(loss))
    if reduction == "none":
        return loss
    if reduction == "sum":
        return loss.sum()
    return loss.sum() / valid.sum()
