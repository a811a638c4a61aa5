import numpy as np


def numerical_gradient(f, x, h=1e-5):
    """Central-difference estimate of the gradient of the scalar function f at x."""
    x = np.array(x, dtype=np.float64)  # a float64 copy: a step of 1e-5 is lost in float32
    grad = np.zeros_like(x)
    for i in np.ndindex(x.shape):  # every entry, whatever the shape of x
        old = x[i]
        x[i] = old + h
        f_plus = f(x)
        x[i] = old - h
        f_minus = f(x)
        x[i] = old  # restore before the next entry is perturbed
        # df/dx_i ~ (f(x + h e_i) - f(x - h e_i)) / 2h, with error O(h^2)
        grad[i] = (f_plus - f_minus) / (2 * h)
    return grad


def relative_error(analytic, numeric, floor=1e-12):
    """The largest entry of |a - n| / max(|a|, |n|, floor)."""
    a = np.asarray(analytic, dtype=np.float64)
    n = np.asarray(numeric, dtype=np.float64)
    # floor: two (near-)zero entries give 0, not 0 / 0
    scale = np.maximum(np.maximum(np.abs(a), np.abs(n)), floor)
    return float(np.max(np.abs(a - n) / scale))


# ---------------------------------------------------------------------------------------
# Provided: the functions the tests differentiate, and the entry point the tests call.
# Do not edit below this line.


def sum_of_cubes(x):
    """f(x) = sum of x**3 over every entry; x may have any shape."""
    return float(np.sum(x**3))


def quadratic(x, A, b):
    """f(x) = 0.5 x.A.x + b.x for a vector x, a square matrix A and a vector b."""
    return float(0.5 * (x @ A @ x) + b @ x)


def softmax_cross_entropy(W, v, label):
    """f(W) = -log softmax(W v)[label] for a (classes, features) weight matrix W."""
    z = W @ v
    return float(np.logaddexp.reduce(z) - z[label])


FUNCTIONS = {
    "sum_of_cubes": sum_of_cubes,
    "quadratic": quadratic,
    "softmax_cross_entropy": softmax_cross_entropy,
}


def numerical_gradient_of(name, x, h=1e-5, **params):
    """Your numerical_gradient applied to FUNCTIONS[name], with params as extra arguments."""
    f = FUNCTIONS[name]
    return numerical_gradient(lambda point: f(point, **params), x, h)
