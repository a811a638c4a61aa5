"""A tiny generator and discriminator for 1-D data."""

import torch
from data import NOISE_DIM
from torch import nn


class Generator(nn.Module):
    """Noise (batch, NOISE_DIM) -> samples (batch, 1)."""

    def __init__(self, hidden=16):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(NOISE_DIM, hidden), nn.ReLU(), nn.Linear(hidden, 1))

    def forward(self, z):
        return self.net(z)


class Discriminator(nn.Module):
    """Samples (batch, 1) -> one logit each: large when the sample looks real."""

    def __init__(self, hidden=16):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(1, hidden), nn.LeakyReLU(0.2), nn.Linear(hidden, 1))

    def forward(self, x):
        return self.net(x)


def build_models(seed=0):
    """(generator, discriminator) with weights from torch's default init, seeded."""
    torch.manual_seed(seed)
    return Generator(), Discriminator()
