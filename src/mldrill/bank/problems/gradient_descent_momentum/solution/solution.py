import numpy as np


def momentum_descent(
    A: np.ndarray,
    b: np.ndarray,
    x0: np.ndarray,
    lr: float,
    beta: float,
    n_steps: int,
    tol: float = 0.0,
) -> np.ndarray:
    """Heavy-ball descent on f(x) = 1/2 x.T A x - b.T x; returns every iterate, x0 first."""
    if lr <= 0:
        raise ValueError(f"lr must be positive, got {lr}")
    if not 0 <= beta < 1:
        raise ValueError(f"beta must be in [0, 1), got {beta}")
    if n_steps < 0:
        raise ValueError(f"n_steps must be >= 0, got {n_steps}")
    A = np.asarray(A, dtype=float)
    b = np.asarray(b, dtype=float)
    x = np.array(x0, dtype=float)  # a float copy: never change the caller's array
    v = np.zeros_like(x)  # velocity: a decaying sum of past gradients
    history = [x.copy()]
    for _ in range(n_steps):
        grad = A @ x - b  # gradient of 1/2 x.T A x - b.T x for symmetric A
        if np.linalg.norm(grad) <= tol:
            break
        v = beta * v + grad  # v_{t+1} = beta v_t + g_t
        x = x - lr * v  # x_{t+1} = x_t - lr v_{t+1}
        history.append(x.copy())
    return np.stack(history)
