"""A one-hidden-layer MLP classifier with dropout."""

import torch
from torch import nn


class MLP(nn.Module):
    """Linear -> ReLU -> Dropout -> Linear. ``forward`` returns raw logits."""

    def __init__(self, n_features, n_hidden, n_classes, dropout=0.2):
        super().__init__()
        self.hidden = nn.Linear(n_features, n_hidden)
        self.dropout = nn.Dropout(dropout)
        self.out = nn.Linear(n_hidden, n_classes)

    def forward(self, x):
        h = self.dropout(torch.relu(self.hidden(x)))
        return torch.log_softmax(self.out(h), dim=1)


def build_model(n_features, n_hidden, n_classes, dropout=0.2, seed=0):
    """An MLP with weights drawn from torch's default init, seeded for repeatability."""
    torch.manual_seed(seed)
    return MLP(n_features, n_hidden, n_classes, dropout)
