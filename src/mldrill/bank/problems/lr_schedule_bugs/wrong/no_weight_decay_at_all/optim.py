"""SGD with L2 weight decay on the weight matrices."""


def sgd_step(params, grads, lr, weight_decay=0.0):
    """p <- p - lr * (grad + weight_decay * p) for matrices; 1-D biases get no decay.

    Returns a new dict; the input arrays are not modified.
    """
    new_params = {}
    for name, value in params.items():
        grad = grads[name]
        new_params[name] = value - lr * grad
    return new_params
