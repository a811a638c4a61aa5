import torch


def mask_labels(input_ids, prompt_lengths, lengths, ignore_index=-100):
    pos = torch.arange(input_ids.shape[1])[None, :]
    drop = (pos < prompt_lengths[:, None]) | (pos >= lengths[:, None])
    return input_ids.masked_fill(drop, ignore_index)


def causal_lm_loss(logits, labels, ignore_index=-100):
    B, T, _ = logits.shape
    total = torch.zeros((), dtype=logits.dtype)
    count = 0
    # Correct, but one log_softmax per token in Python.
    for b in range(B):
        for t in range(T - 1):
            target = int(labels[b, t + 1])
            if target == ignore_index:
                continue
            total = total - torch.log_softmax(logits[b, t], dim=-1)[target]
            count += 1
    return total / max(count, 1)
