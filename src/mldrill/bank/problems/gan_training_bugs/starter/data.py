"""The target distribution (a 1-D Gaussian) and the generator's noise."""

import torch

REAL_MEAN, REAL_STD = 4.0, 1.25
NOISE_DIM = 4


def make_batches(n_steps, batch_size=64, seed=0):
    """Everything random a training run needs, drawn up front from one seeded generator.

    Returns real samples (n_steps, batch_size, 1) and two noise tensors of shape
    (n_steps, batch_size, NOISE_DIM): one for the discriminator steps, one for the generator
    steps.
    """
    gen = torch.Generator().manual_seed(seed)
    real = REAL_MEAN + REAL_STD * torch.randn(n_steps, batch_size, 1, generator=gen)
    z_d = torch.randn(n_steps, batch_size, NOISE_DIM, generator=gen)
    z_g = torch.randn(n_steps, batch_size, NOISE_DIM, generator=gen)
    return real, z_d, z_g
