import numpy as np


def numerical_gradient(f, x, h=1e-5):
    """Central-difference estimate of the gradient of the scalar function f at x.

    f takes an array shaped like x and returns a float. x may have any shape and any
    numeric dtype. Return a float64 array shaped like x. Leave the caller's x unchanged.
    """
    raise NotImplementedError("write numerical_gradient")


def relative_error(analytic, numeric, floor=1e-12):
    """The largest entry of |analytic - numeric| / max(|analytic|, |numeric|, floor), a float."""
    raise NotImplementedError("write relative_error")


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
