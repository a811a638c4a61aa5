import math

import numpy as np


def perplexity(token_logprobs, mask):
    per_sequence = []
    total, count = 0.0, 0
    for row, row_mask in zip(token_logprobs, mask, strict=True):
        nll = [-lp for lp, m in zip(row.tolist(), row_mask.tolist(), strict=True) if m]
        per_sequence.append(math.exp(sum(nll) / len(nll)) if nll else math.nan)
        total += sum(nll)
        count += len(nll)
    corpus = math.exp(total / count) if count else math.nan
    return np.array(per_sequence), corpus
