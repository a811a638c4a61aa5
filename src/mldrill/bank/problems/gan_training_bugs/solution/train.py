"""Alternating GAN updates: one discriminator step, then one generator step."""

import torch
from data import make_batches
from model import build_models
from torch import nn

bce = nn.BCEWithLogitsLoss()


def make_optimizers(G, D, lr_g=2e-3, lr_d=2e-3):
    """One Adam per network: (g_opt over G's parameters, d_opt over D's parameters)."""
    g_opt = torch.optim.Adam(G.parameters(), lr=lr_g, betas=(0.5, 0.999))
    d_opt = torch.optim.Adam(D.parameters(), lr=lr_d, betas=(0.5, 0.999))
    return g_opt, d_opt


def d_step(G, D, d_opt, real, z):
    """One discriminator update; returns its loss as a float.

    Real samples are labelled 1 and generated ones 0. The generated batch is a constant here:
    no gradient may reach the generator.
    """
    d_opt.zero_grad()
    fake = G(z).detach()
    real_logits, fake_logits = D(real), D(fake)
    real_loss = bce(real_logits, torch.ones_like(real_logits))
    fake_loss = bce(fake_logits, torch.zeros_like(fake_logits))
    loss = real_loss + fake_loss
    loss.backward()
    d_opt.step()
    return loss.item()


def g_step(G, D, g_opt, z):
    """One generator update with the non-saturating loss (generated samples labelled 1).

    Only the generator's parameters change; returns the loss as a float.
    """
    g_opt.zero_grad()
    fake_logits = D(G(z))
    loss = bce(fake_logits, torch.ones_like(fake_logits))
    loss.backward()
    g_opt.step()
    return loss.item()


def train(n_steps=600, batch_size=64, seed=0):
    """Returns the two networks and the (d_loss, g_loss) of every step."""
    G, D = build_models(seed)
    g_opt, d_opt = make_optimizers(G, D)
    real, z_d, z_g = make_batches(n_steps, batch_size, seed)
    history = []
    for step in range(n_steps):
        d_loss = d_step(G, D, d_opt, real[step], z_d[step])
        g_loss = g_step(G, D, g_opt, z_g[step])
        history.append((d_loss, g_loss))
    return G, D, history
