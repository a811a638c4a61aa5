import numpy as np


def momentum_descent(A, b, x0, lr, beta, n_steps, tol=0.0):
    if lr <= 0 or not 0 <= beta < 1 or n_steps < 0:
        raise ValueError("invalid arguments")
    A = np.asarray(A, dtype=float)
    b = np.asarray(b, dtype=float)
    x = np.array(x0, dtype=float)
    v = np.zeros_like(x)
    history = np.empty((n_steps + 1, x.size))
    history[0] = x
    for t in range(n_steps):
        # always takes n_steps steps: tol is never checked
        v = beta * v + (A @ x - b)
        x = x - lr * v
        history[t + 1] = x
    return history
