import numpy as np


class BatchNorm:
    """Batch normalisation of (N, C) inputs over the batch axis, like torch's BatchNorm1d."""

    def __init__(self, num_features, eps=1e-5, momentum=0.1, weight=None, bias=None):
        self.eps = eps
        self.momentum = momentum
        # learnable scale (gamma) and shift (beta)
        self.weight = np.ones(num_features) if weight is None else np.array(weight, dtype=float)
        self.bias = np.zeros(num_features) if bias is None else np.array(bias, dtype=float)
        # statistics for eval mode, tracked as exponential moving averages
        self.running_mean = np.zeros(num_features)
        self.running_var = np.ones(num_features)

    def forward(self, x, training=True):
        n = x.shape[0]  # batch statistics even in eval mode
        if n < 2:
            raise ValueError("training mode needs at least 2 samples per feature")
        mean = x.mean(axis=0)
        var = ((x - mean) ** 2).mean(axis=0)
        if training:
            unbiased = var * (n / (n - 1))  # Bessel's correction, used for the running estimate
            m = self.momentum
            self.running_mean = (1 - m) * self.running_mean + m * mean
            self.running_var = (1 - m) * self.running_var + m * unbiased
        x_hat = (x - mean) / np.sqrt(var + self.eps)  # eps inside the sqrt
        return self.weight * x_hat + self.bias
