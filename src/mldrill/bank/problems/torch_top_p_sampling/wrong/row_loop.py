import torch


def sample_next_token(logits, temperature=1.0, top_k=0, top_p=1.0, seed=0):
    if temperature == 0:
        return logits.argmax(dim=-1)
    generator = torch.Generator().manual_seed(seed)
    out = torch.empty(logits.shape[0], dtype=torch.int64)
    for i in range(logits.shape[0]):  # one row at a time
        scores = logits[i].float() / temperature
        if 0 < top_k < scores.numel():
            kth = torch.topk(scores, top_k).values[-1]
            scores = scores.masked_fill(scores < kth, float("-inf"))
        if top_p < 1.0:
            sorted_scores, order = torch.sort(scores, descending=True)
            probs = torch.softmax(sorted_scores, dim=0)
            drop = torch.cumsum(probs, dim=0) - probs >= top_p
            drop[0] = False
            scores[order[drop]] = float("-inf")
        out[i] = torch.multinomial(torch.softmax(scores, dim=0), 1, generator=generator)[0]
    return out
