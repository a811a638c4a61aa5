import torch
import torch.nn as nn
import torch.nn.functional as F


class MLP(nn.Module):
    def __init__(self, d_in, d_hidden, d_out, dropout):
        super().__init__()
        self.fc1 = nn.Linear(d_in, d_hidden)
        self.drop = nn.Dropout(dropout)
        self.fc2 = nn.Linear(d_hidden, d_out)

    def forward(self, x):
        return self.fc2(self.drop(torch.relu(self.fc1(x))))


class Trainer:
    def __init__(self, weights, lr, momentum=0.0, dropout=0.0):
        d_hidden, d_in = weights["fc1.weight"].shape
        self.model = MLP(d_in, d_hidden, weights["fc2.weight"].shape[0], dropout)
        self.model.load_state_dict(weights)
        self.lr, self.momentum = lr, momentum
        self.velocity = [torch.zeros_like(p) for p in self.model.parameters()]

    def _sgd_step(self):
        with torch.no_grad():
            for p, v in zip(self.model.parameters(), self.velocity):
                v.mul_(self.momentum).add_(p.grad)
                p -= self.lr * v

    def train_step(self, x, y, seed):
        self.model.train()
        self.model.zero_grad()
        torch.manual_seed(seed)
        loss = F.mse_loss(self.model(x), y)
        loss.backward()
        self._sgd_step()
        return loss.item()

    def predict(self, x):
        # no_grad() is not eval(): dropout still drops (and rescales) units here.
        with torch.no_grad():
            return self.model(x)

    def state(self):
        return {k: v.clone() for k, v in self.model.state_dict().items()}

