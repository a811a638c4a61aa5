"""Learning-rate schedule: linear warmup, then cosine decay."""

import math


def warmup_cosine_lr(step, base_lr, warmup_steps, total_steps, min_lr=0.0):
    """The learning rate for optimiser step ``step`` (0-based).

    Warmup: steps 0 .. warmup_steps - 1 ramp linearly up to base_lr, which the last warmup
    step reaches: base_lr * (step + 1) / warmup_steps.
    Decay: from base_lr at step warmup_steps down to min_lr at step total_steps, along half
    a cosine period.
    """
    if step < warmup_steps:
        return base_lr * step / warmup_steps
    progress = (step - warmup_steps) / max(1, total_steps - warmup_steps)
    return min_lr + 0.5 * (base_lr - min_lr) * (1.0 + math.cos(2 * math.pi * progress))
