import torch


def mask_labels(input_ids, prompt_lengths, lengths, ignore_index=-100):
    """Copy of input_ids (B, T) with prompt positions (t < prompt_lengths[b]) and padding
    positions (t >= lengths[b]) set to ignore_index."""
    raise NotImplementedError("write mask_labels")


def causal_lm_loss(logits, labels, ignore_index=-100):
    """Mean cross-entropy of logits[:, t] against labels[:, t + 1] over the labels that
    are not ignore_index; a 0-dim tensor."""
    raise NotImplementedError("write causal_lm_loss")
