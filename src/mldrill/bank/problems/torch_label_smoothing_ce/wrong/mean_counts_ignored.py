import torch


def label_smoothing_cross_entropy(logits, target, smoothing=0.0, ignore_index=-100,
                                  reduction="mean"):
    shifted = logits - logits.amax(dim=-1, keepdim=True)
    log_probs = shifted - torch.log(torch.exp(shifted).sum(dim=-1, keepdim=True))
    valid = target != ignore_index
    safe = torch.where(valid, target, torch.zeros_like(target))
    nll = -log_probs.gather(-1, safe.unsqueeze(-1)).squeeze(-1)
    loss = (1.0 - smoothing) * nll - smoothing * log_probs.mean(dim=-1)
    loss = torch.where(valid, loss, torch.zeros_like(loss))
    if reduction == "none":
        return loss
    if reduction == "sum":
        return loss.sum()
    return loss.mean()  # counts the ignored positions in the denominator
