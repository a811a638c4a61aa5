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
        # the gradient one coordinate at a time, in Python
        grad = np.array([A[i] @ x - b[i] for i in range(len(x))])
        if np.linalg.norm(grad) <= tol:
            break
        v = beta * v + grad
        x = x - lr * v
        history.append(x.copy())
    return np.stack(history)
