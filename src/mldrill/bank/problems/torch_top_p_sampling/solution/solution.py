import torch


def sample_next_token(
    logits: torch.Tensor,
    temperature: float = 1.0,
    top_k: int = 0,
    top_p: float = 1.0,
    seed: int = 0,
) -> torch.Tensor:
    """One token id per row of logits (B, V): temperature, then top-k, then top-p, then sample."""
    if temperature == 0:
        return logits.argmax(dim=-1)  # greedy decoding
    generator = torch.Generator().manual_seed(seed)
    scores = logits.float() / temperature

    vocab = scores.shape[-1]
    if 0 < top_k < vocab:
        # Keep the k largest scores: everything below the k-th largest is removed.
        kth = torch.topk(scores, top_k, dim=-1).values[:, -1:]
        scores = scores.masked_fill(scores < kth, float("-inf"))

    if top_p < 1.0:
        # Nucleus: sort descending, keep a token while the mass strictly before it is < top_p.
        sorted_scores, order = torch.sort(scores, dim=-1, descending=True)
        sorted_probs = torch.softmax(sorted_scores, dim=-1)
        mass_before = torch.cumsum(sorted_probs, dim=-1) - sorted_probs
        drop_sorted = mass_before >= top_p
        drop_sorted[:, 0] = False  # the most likely token always survives
        drop = torch.zeros_like(drop_sorted).scatter(-1, order, drop_sorted)  # vocab order
        scores = scores.masked_fill(drop, float("-inf"))

    probs = torch.softmax(scores, dim=-1)  # renormalise over the kept tokens
    return torch.multinomial(probs, num_samples=1, generator=generator).squeeze(-1)
