"""Deterministic parameter initialisation for a stack of transformer blocks."""

import numpy as np


def _dense(rng, fan_in, fan_out):
    # Scaled so activations keep roughly unit variance through each projection.
    return rng.normal(scale=1.0 / np.sqrt(fan_in), size=(fan_in, fan_out))


def init_block_params(d_model, d_ff, seed=0):
    """All weights of one pre-norm block as a dict of float64 arrays."""
    rng = np.random.default_rng(seed)
    return {
        "ln1_gamma": np.ones(d_model),
        "ln1_beta": np.zeros(d_model),
        "W_q": _dense(rng, d_model, d_model),
        "W_k": _dense(rng, d_model, d_model),
        "W_v": _dense(rng, d_model, d_model),
        "W_o": _dense(rng, d_model, d_model),
        "ln2_gamma": np.ones(d_model),
        "ln2_beta": np.zeros(d_model),
        "W_1": _dense(rng, d_model, d_ff),
        "b_1": np.zeros(d_ff),
        "W_2": _dense(rng, d_ff, d_model),
        "b_2": np.zeros(d_model),
    }


def init_stack_params(n_layers, d_model, d_ff, seed=0):
    """One parameter dict per block; block i is seeded with seed + i."""
    return [init_block_params(d_model, d_ff, seed=seed + i) for i in range(n_layers)]
