import numpy as np


def adam_init(param: np.ndarray) -> dict:
    """Optimiser state before the first step: {"step": 0, "m": zeros, "v": zeros}."""
    raise NotImplementedError("write adam_init")


def adam_step(
    param: np.ndarray,
    grad: np.ndarray,
    state: dict,
    lr: float = 1e-3,
    betas: tuple[float, float] = (0.9, 0.999),
    eps: float = 1e-8,
    weight_decay: float = 0.0,
    decoupled: bool = False,
) -> tuple[np.ndarray, dict]:
    """One Adam step (AdamW when decoupled=True). Returns (new_param, new_state)."""
    raise NotImplementedError("write adam_step")
