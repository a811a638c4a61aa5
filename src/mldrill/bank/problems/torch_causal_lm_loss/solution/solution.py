import torch


def mask_labels(input_ids, prompt_lengths, lengths, ignore_index=-100):
    """Labels for training on the responses only: prompt and padding become ignore_index."""
    T = input_ids.shape[1]
    pos = torch.arange(T, device=input_ids.device)[None, :]  # (1, T)
    in_prompt = pos < prompt_lengths[:, None]  # (B, T)
    in_padding = pos >= lengths[:, None]
    return input_ids.masked_fill(in_prompt | in_padding, ignore_index)


def causal_lm_loss(logits, labels, ignore_index=-100):
    """Mean next-token cross-entropy over the labels that are not ignore_index."""
    # Position t predicts token t + 1: drop the last logits and the first labels.
    logits = logits[:, :-1, :]
    targets = labels[:, 1:]
    keep = targets != ignore_index
    # log_softmax is stable for huge logits, unlike log(softmax(...)).
    logp = torch.log_softmax(logits, dim=-1)
    safe = torch.where(keep, targets, 0)  # ignore_index is not a valid index for gather
    nll = -logp.gather(-1, safe.unsqueeze(-1)).squeeze(-1)  # (B, T - 1)
    total = (nll * keep).sum()
    count = keep.sum()
    # Mean over the counted tokens of the whole batch; 0 when nothing is counted.
    return total / count.clamp(min=1)
