"""Adam, written out: the update rule and API of torch.optim.Adam (no weight decay)."""

import torch


class Adam:
    def __init__(self, params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8):
        self.params = list(params)
        self.lr = lr
        self.beta1, self.beta2 = betas
        self.eps = eps
        self.t = 0
        self.m = [torch.zeros_like(p) for p in self.params]
        self.v = [torch.zeros_like(p) for p in self.params]

    def zero_grad(self):
        """Reset the gradients: backward() adds into .grad, it never overwrites it."""
        for p in self.params:
            if p.grad is not None:
                p.grad.zero_()

    @torch.no_grad()
    def step(self):
        self.t += 1
        for p, m, v in zip(self.params, self.m, self.v, strict=True):
            m.mul_(self.beta1).add_((1 - self.beta1) * p.grad)
            v.mul_(self.beta2).add_((1 - self.beta2) * p.grad**2)
            m_hat = m / (1 - self.beta1**self.t)
            v_hat = v / (1 - self.beta2**self.t)
            p.sub_(self.lr * m_hat / (v_hat.sqrt() + self.eps))
