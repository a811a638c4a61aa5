"""Next-token targets and the language-modelling loss."""

import torch.nn.functional as F
from data import PAD_ID


def shift_tokens(tokens):
    """(inputs, targets): the model reads tokens 0 .. T-2 and predicts tokens 1 .. T-1."""
    return tokens[:, :-1], tokens[:, 1:]


def lm_loss(logits, targets, pad_id=PAD_ID):
    """Mean cross-entropy over the target positions that are not padding."""
    vocab_size = logits.shape[-1]
    return F.cross_entropy(logits.reshape(-1, vocab_size), targets.reshape(-1), ignore_index=pad_id)
