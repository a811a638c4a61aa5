"""A small "pretrained" backbone with a fresh classification head."""

import torch
from torch import nn

PRETRAINED_SEED = 1234


class Backbone(nn.Module):
    """Linear -> BatchNorm -> ReLU -> Linear -> ReLU: 8 inputs to 32 features."""

    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(8, 32)
        self.bn = nn.BatchNorm1d(32)
        self.fc2 = nn.Linear(32, 32)

    def forward(self, x):
        return torch.relu(self.fc2(torch.relu(self.bn(self.fc1(x)))))


class Classifier(nn.Module):
    def __init__(self, backbone, n_classes):
        super().__init__()
        self.backbone = backbone
        self.head = nn.Linear(32, n_classes)

    def forward(self, x):
        return self.head(self.backbone(x))


def load_pretrained_backbone():
    """Stands in for loading a checkpoint: fixed weights and BatchNorm running statistics."""
    torch.manual_seed(PRETRAINED_SEED)
    backbone = Backbone()
    with torch.no_grad():
        backbone.bn.running_mean.copy_(torch.linspace(-0.4, 0.4, 32))
        backbone.bn.running_var.copy_(torch.linspace(0.2, 0.6, 32))
    return backbone


def build_model(n_classes=2, seed=0):
    """The pretrained backbone plus a new head seeded with ``seed``."""
    backbone = load_pretrained_backbone()
    torch.manual_seed(seed)
    return Classifier(backbone, n_classes)
