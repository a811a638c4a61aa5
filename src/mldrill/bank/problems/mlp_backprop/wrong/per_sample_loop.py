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

    # backward, one sample at a time
    dW1, db1 = np.zeros_like(W1), np.zeros_like(b1)
    dW2, db2 = np.zeros_like(W2), np.zeros_like(b2)
    for i in range(n):
        dl = np.exp(log_probs[i])
        dl[y[i]] -= 1.0
        dl = dl / n
        dW2 += np.outer(h[i], dl)
        db2 += dl
        dz = (W2 @ dl) * (z1[i] > 0)
        dW1 += np.outer(x[i], dz)
        db1 += dz
    return float(loss), {"W1": dW1, "b1": db1, "W2": dW2, "b2": db2}
