import numpy as np


def adam_init(param):
    """Optimiser state before the first step."""
    return {"step": 0, "m": np.zeros_like(param), "v": np.zeros_like(param)}


def adam_step(
    param, grad, state, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0, decoupled=False
):
    """One Adam step (AdamW when decoupled=True). Returns (new_param, new_state)."""
    beta1, beta2 = betas
    t = state["step"] + 1
    if not decoupled:
        grad = grad + weight_decay * param  # Adam: L2 penalty folded into the gradient
    # exponential moving averages of the gradient and of its square
    m = beta1 * state["m"] + (1 - beta1) * grad
    v = beta2 * state["v"] + (1 - beta2) * grad * grad
    # bias correction: m and v start at 0, so early averages are too small
    m_hat = m  # no bias correction: early steps are badly scaled
    v_hat = v
    # Kingma & Ba, Algorithm 1: eps is added after the square root
    new_param = param - lr * m_hat / (np.sqrt(v_hat) + eps)
    if decoupled:
        new_param = new_param - lr * weight_decay * param  # AdamW: decay the old weights directly
    return new_param, {"step": t, "m": m, "v": v}
