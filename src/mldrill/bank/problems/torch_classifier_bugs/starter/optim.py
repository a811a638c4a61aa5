"""A minimal SGD with momentum: the update rule and API of torch.optim.SGD."""

import torch


class SGD:
    """v <- momentum * v + grad, then p <- p - lr * v, for every parameter p."""

    def __init__(self, params, lr, momentum=0.0):
        self.params = list(params)
        self.lr = lr
        self.momentum = momentum
        self.velocity = [torch.zeros_like(p) for p in self.params]

    def zero_grad(self):
        """Reset the gradients: backward() adds into .grad, it never overwrites it."""
        for p in self.params:
            if p.grad is not None:
                p.grad.zero_()

    @torch.no_grad()
    def step(self):
        for p, v in zip(self.params, self.velocity, strict=True):
            v.mul_(self.momentum).add_(p.grad)
            p.sub_(self.lr * v)
