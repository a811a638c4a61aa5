import torch


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
        probs = torch.softmax(sorted_scores, dim=-1)
        drop = torch.cumsum(probs, dim=-1) > top_p  # drops the token that crosses top_p
        drop[:, 0] = False
        drop = torch.zeros_like(drop).scatter(-1, order, drop)
        scores = scores.masked_fill(drop, float("-inf"))
    probs = torch.softmax(scores, dim=-1)
    return torch.multinomial(probs, 1, generator=generator).squeeze(-1)
