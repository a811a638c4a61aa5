import numpy as np


def causal_lm_loss(logits, labels, loss_mask):
    total, count = 0.0, 0
    for b in range(logits.shape[0]):
        for t in range(logits.shape[1] - 1):
            if loss_mask[b, t + 1]:
                row = logits[b, t]
                m = row.max()
                total += m + np.log(np.exp(row - m).sum()) - row[labels[b, t + 1]]
                count += 1
    return float(total / count) if count else 0.0
