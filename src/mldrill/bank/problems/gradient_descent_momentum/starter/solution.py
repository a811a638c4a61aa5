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
    """Minimise f(x) = 1/2 x.T A x - b.T x with heavy-ball momentum.

    Start from x0 with zero velocity. Each step: g = A x - b; stop if ||g|| <= tol;
    v = beta * v + g; x = x - lr * v. Returns the iterates x0, x1, ... as the rows of an
    array of shape (k + 1, d), where k <= n_steps is the number of steps taken.
    """
    raise NotImplementedError("write momentum_descent")
