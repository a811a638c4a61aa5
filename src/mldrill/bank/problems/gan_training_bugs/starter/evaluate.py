"""How close the generated distribution is to the real one."""

import torch
from data import NOISE_DIM
from train import train


def generate(G, n=2000, seed=123):
    """n samples from the generator, shape (n, 1), without recording a graph."""
    z = torch.randn(n, NOISE_DIM, generator=torch.Generator().manual_seed(seed))
    with torch.no_grad():
        return G(z)


def sample_stats(samples):
    """Mean and (population) standard deviation of a (n, 1) tensor, as floats."""
    return {"mean": samples.mean().item(), "std": samples.std(unbiased=False).item()}


def run_experiment(n_steps=600, seed=0):
    """Train, then summarise 2000 generated samples."""
    G, D, history = train(n_steps, seed=seed)
    return {"generator": G, "history": history, **sample_stats(generate(G))}
