import torch


def mask_labels(input_ids, prompt_lengths, lengths, ignore_index=-100):
    pos = torch.arange(input_ids.shape[1])[None, :]
    drop = (pos < prompt_lengths[:, None]) | (pos >= lengths[:, None])
    return input_ids.masked_fill(drop, ignore_index)


def causal_lm_loss(logits, labels, ignore_index=-100):
    targets = labels[:, 1:]
    keep = targets != ignore_index
    logp = torch.log_softmax(logits[:, :-1], dim=-1)
    nll = -logp.gather(-1, torch.where(keep, targets, 0).unsqueeze(-1)).squeeze(-1)
    # Mean per sequence, then over sequences: short responses weigh as much as long ones.
    per_seq = (nll * keep).sum(dim=1) / keep.sum(dim=1).clamp(min=1)
    has_tokens = keep.any(dim=1)
    return per_seq[has_tokens].mean() if has_tokens.any() else per_seq.sum() * 0
