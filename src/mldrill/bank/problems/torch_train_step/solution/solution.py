import torch
import torch.nn as nn
import torch.nn.functional as F


class MLP(nn.Module):
    """fc1 -> ReLU -> Dropout(p) -> fc2."""

    def __init__(self, d_in: int, d_hidden: int, d_out: int, dropout: float):
        super().__init__()
        self.fc1 = nn.Linear(d_in, d_hidden)
        self.drop = nn.Dropout(dropout)
        self.fc2 = nn.Linear(d_hidden, d_out)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc2(self.drop(torch.relu(self.fc1(x))))


class Trainer:
    """One MLP trained with SGD + momentum on the mean squared error."""

    def __init__(self, weights: dict[str, torch.Tensor], lr: float, momentum: float = 0.0,
                 dropout: float = 0.0):  # fmt: skip
        d_hidden, d_in = weights["fc1.weight"].shape
        d_out = weights["fc2.weight"].shape[0]
        self.model = MLP(d_in, d_hidden, d_out, dropout)
        self.model.load_state_dict(weights)
        self.lr = lr
        self.momentum = momentum
        # One velocity buffer per parameter, created once: momentum carries across steps.
        self.velocity = [torch.zeros_like(p) for p in self.model.parameters()]

    def train_step(self, x: torch.Tensor, y: torch.Tensor, seed: int) -> float:
        """zero_grad, forward (dropout on), loss, backward, step; returns the loss."""
        self.model.train()  # dropout active; predict() may have switched it off
        self.model.zero_grad()  # .grad accumulates across backward() calls otherwise
        torch.manual_seed(seed)  # fixes the dropout mask
        loss = F.mse_loss(self.model(x), y)
        loss.backward()
        self._sgd_step()
        return loss.item()  # the loss before this step's update

    def _sgd_step(self) -> None:
        # PyTorch's SGD: v = momentum * v + grad; p = p - lr * v. No graph for the update.
        with torch.no_grad():
            for p, v in zip(self.model.parameters(), self.velocity, strict=True):
                v.mul_(self.momentum).add_(p.grad)
                p -= self.lr * v

    def predict(self, x: torch.Tensor) -> torch.Tensor:
        """Deterministic forward pass: dropout off, no graph recorded."""
        self.model.eval()
        with torch.no_grad():
            return self.model(x)

    def state(self) -> dict[str, torch.Tensor]:
        """A copy of the parameters, keyed like the weights passed in."""
        return {name: t.clone() for name, t in self.model.state_dict().items()}
