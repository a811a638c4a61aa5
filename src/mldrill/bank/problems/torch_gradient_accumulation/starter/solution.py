import torch
import torch.nn as nn
import torch.nn.functional as F  # noqa: F401  (F.mse_loss is the loss to use)


class TinyMLP(nn.Module):
    """Given (do not change): the model to train, fc2(tanh(fc1(x)))."""

    def __init__(self, d_in: int, d_hidden: int, d_out: int):
        super().__init__()
        self.fc1 = nn.Linear(d_in, d_hidden)
        self.fc2 = nn.Linear(d_hidden, d_out)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc2(torch.tanh(self.fc1(x)))


class SGD:
    """Given: SGD with momentum, the update rule of torch.optim.SGD (torch.optim itself cannot
    be imported inside the judge's sandbox). v <- momentum * v + grad; p <- p - lr * v."""

    def __init__(self, params, lr: float, momentum: float = 0.0):
        self.params = list(params)
        self.lr = lr
        self.momentum = momentum
        self.velocity = [torch.zeros_like(p) for p in self.params]

    def zero_grad(self) -> None:
        for p in self.params:
            p.grad = None

    @torch.no_grad()
    def step(self) -> None:
        for p, v in zip(self.params, self.velocity, strict=True):
            if p.grad is not None:
                v.mul_(self.momentum).add_(p.grad)
                p.sub_(self.lr * v)


def train_accumulated(
    weights: dict[str, torch.Tensor],
    xs: torch.Tensor,
    ys: torch.Tensor,
    accum_steps: int,
    lr: float,
    momentum: float = 0.0,
    max_grad_norm: float | None = None,
) -> tuple[dict[str, torch.Tensor], list[float]]:
    """Train a TinyMLP holding ``weights`` on micro-batches xs[i], ys[i] with the SGD above.

    One optimizer step per window of ``accum_steps`` micro-batches (the last window may be
    shorter), gradients clipped to ``max_grad_norm`` before each step when it is not None.
    Returns (the final state_dict as a dict of tensors, the mean loss of each window).
    """
    raise NotImplementedError("write train_accumulated")
