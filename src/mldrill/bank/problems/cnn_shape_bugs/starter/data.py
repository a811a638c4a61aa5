"""Synthetic colour images, stored the way image files decode: uint8, (N, H, W, C)."""

import numpy as np

# Per-channel statistics (R, G, B) used to normalise pixels scaled to [0, 1].
MEAN = np.array([0.45, 0.40, 0.35])
STD = np.array([0.25, 0.20, 0.30])


def make_images(n=32, size=8, seed=0):
    """Noisy 8x8 RGB images, each dominated by one colour channel; that channel is the label."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 3, size=n)
    images = rng.integers(0, 90, size=(n, size, size, 3))
    images[np.arange(n), :, :, labels] += 140
    return images.astype(np.uint8), labels


def preprocess(images):
    """uint8 (N, H, W, C) -> float (N, C, H, W): scale to [0, 1], then normalise each channel."""
    x = images.astype(np.float64) / 255.0
    x = x.reshape(x.shape[0], x.shape[3], x.shape[1], x.shape[2])
    return (x - MEAN[:, None, None]) / STD[:, None, None]
