import torch
import torch.nn as nn
import torch.nn.functional as F


class TinyMLP(nn.Module):
    """The model to train (given): fc2(tanh(fc1(x)))."""

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
    d_hidden, d_in = weights["fc1.weight"].shape
    d_out = weights["fc2.weight"].shape[0]
    model = TinyMLP(d_in, d_hidden, d_out)
    model.load_state_dict(weights)
    optimizer = SGD(model.parameters(), lr=lr, momentum=momentum)
    n_micro = xs.shape[0]
    window_losses = []
    for start in range(0, n_micro, accum_steps):
        window = range(start, min(start + accum_steps, n_micro))
        optimizer.zero_grad()
        total = 0.0
        for i in window:
            loss = F.mse_loss(model(xs[i]), ys[i])
            loss.backward()  # not scaled: the gradient is the sum, not the mean, over the window
            total += loss.item()
        if max_grad_norm is not None:
            torch.nn.utils.clip_grad_norm_(model.parameters(), max_grad_norm)
        optimizer.step()
        window_losses.append(total / len(window))
    return {name: t.clone() for name, t in model.state_dict().items()}, window_losses
