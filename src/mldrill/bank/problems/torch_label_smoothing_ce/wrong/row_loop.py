import torch


def label_smoothing_cross_entropy(logits, target, smoothing=0.0, ignore_index=-100,
                                  reduction="mean"):
    C = logits.shape[-1]
    flat = logits.reshape(-1, C)
    flat_target = target.reshape(-1)
    losses = torch.zeros(flat.shape[0], dtype=logits.dtype)
    count = 0
    for i in range(flat.shape[0]):  # one row at a time
        y = int(flat_target[i])
        if y == ignore_index:
            continue
        z = flat[i] - flat[i].max()
        logp = z - torch.log(torch.exp(z).sum())
        losses[i] = -(1.0 - smoothing) * logp[y] - smoothing * logp.mean()
        count += 1
    losses = losses.reshape(target.shape)
    if reduction == "none":
        return losses
    if reduction == "sum":
        return losses.sum()
    return losses.sum() / count if count else torch.tensor(float("nan"), dtype=logits.dtype)
