"""Held-out next-token accuracy and greedy decoding."""

import torch
from data import PAD_ID
from loss import shift_tokens


@torch.no_grad()
def next_token_accuracy(model, tokens):
    """Fraction of non-padding target positions whose argmax prediction is right."""
    model.eval()
    inputs, targets = shift_tokens(tokens)
    pred = model(inputs).argmax(dim=-1)
    real = targets != PAD_ID
    return (pred[real] == targets[real]).float().mean().item()


@torch.no_grad()
def greedy_continue(model, prompt, n_new):
    """Extend a 1-D prompt by n_new tokens, each the argmax given everything before it."""
    model.eval()
    tokens = prompt.clone()
    for _ in range(n_new):
        logits = model(tokens[None, :])
        tokens = torch.cat([tokens, logits[0, -1].argmax().reshape(1)])
    return tokens
