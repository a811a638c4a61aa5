import torch


def sample_next_token(logits, temperature=1.0, top_k=0, top_p=1.0, seed=0):
    if temperature == 0:
        return logits.argmax(dim=-1)
    generator = torch.Generator().manual_seed(seed)
    scores = logits.float() / temperature
    keep = torch.ones_like(scores, dtype=torch.bool)
    if 0 < top_k < scores.shape[-1]:
        kth = torch.topk(scores, top_k, dim=-1).values[:, -1:]
        keep &= scores >= kth
    if top_p < 1.0:
        # nucleus chosen from the unfiltered distribution, then intersected with top-k
        sorted_scores, order = torch.sort(scores, dim=-1, descending=True)
        probs = torch.softmax(sorted_scores, dim=-1)
        drop = torch.cumsum(probs, dim=-1) - probs >= top_p
        drop[:, 0] = False
        keep &= ~torch.zeros_like(drop).scatter(-1, order, drop)
    probs = torch.softmax(scores.masked_fill(~keep, float("-inf")), dim=-1)
    return torch.multinomial(probs, 1, generator=generator).squeeze(-1)
