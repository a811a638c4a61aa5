"""Synthetic token sequences: arithmetic progressions over a small vocabulary, right-padded."""

import numpy as np
import torch

PAD_ID = 0


def make_sequences(n_seqs=512, max_len=12, vocab_size=16, seed=0):
    """int64 tokens of shape (n_seqs, max_len).

    Each row counts from a random start token in steps of 1 or 2, wrapping around the real
    tokens 1 .. vocab_size - 1, for a random length between 4 and max_len; the rest of the
    row is PAD_ID.
    """
    rng = np.random.default_rng(seed)
    n_symbols = vocab_size - 1
    start = rng.integers(0, n_symbols, size=(n_seqs, 1))
    step = rng.integers(1, 3, size=(n_seqs, 1))
    length = rng.integers(4, max_len + 1, size=(n_seqs, 1))
    pos = np.arange(max_len)
    tokens = 1 + (start + step * pos) % n_symbols
    return torch.tensor(np.where(pos < length, tokens, PAD_ID), dtype=torch.int64)


def batches(tokens, batch_size, seed=0):
    """The rows of ``tokens`` in shuffled mini-batches, each row exactly once."""
    perm = torch.randperm(len(tokens), generator=torch.Generator().manual_seed(seed))
    return [tokens[idx] for idx in perm.split(batch_size)]
