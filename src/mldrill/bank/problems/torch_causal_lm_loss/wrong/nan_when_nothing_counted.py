import torch


def mask_labels(input_ids, prompt_lengths, lengths, ignore_index=-100):
    pos = torch.arange(input_ids.shape[1])[None, :]
    drop = (pos < prompt_lengths[:, None]) | (pos >= lengths[:, None])
    return input_ids.masked_fill(drop, ignore_index)


def causal_lm_loss(logits, labels, ignore_index=-100):
    V = logits.shape[-1]
    # reduction="mean" over zero counted tokens is 0 / 0 = nan.
    return torch.nn.functional.cross_entropy(
        logits[:, :-1].reshape(-1, V), labels[:, 1:].reshape(-1), ignore_index=ignore_index
    )
