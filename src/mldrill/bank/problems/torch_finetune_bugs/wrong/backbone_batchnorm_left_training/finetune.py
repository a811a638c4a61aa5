"""Fine-tuning: freeze the backbone, train the head with SGD, validate every epoch."""

import torch
import torch.nn.functional as F
from data import batches, make_dataset, train_val_split
from evaluate import validate
from model import build_model


def freeze_backbone(model):
    """Turn off gradients for every backbone parameter; the head stays trainable."""
    model.backbone.requires_grad_(False)


def make_optimizer(model, lr=0.1, momentum=0.9):
    """SGD with momentum over the parameters that currently require gradients."""
    trainable = [p for p in model.parameters() if p.requires_grad]
    return torch.optim.SGD(trainable, lr=lr, momentum=momentum)


def setup(n_classes=2, lr=0.1, momentum=0.9, seed=0):
    """A model with a frozen backbone and an optimizer over its head."""
    model = build_model(n_classes, seed)
    freeze_backbone(model)
    optimizer = make_optimizer(model, lr, momentum)
    return model, optimizer


def train_epoch(model, optimizer, X, y, batch_size=32, seed=0):
    """One pass over the data; returns the mean training loss per sample.

    The head trains in training mode; the frozen backbone stays in evaluation mode, so its
    BatchNorm keeps normalising with (and never updates) its pretrained statistics.
    """
    model.train()
    total = 0.0
    for xb, yb in batches(X, y, batch_size, seed):
        optimizer.zero_grad()
        loss = F.cross_entropy(model(xb), yb)
        loss.backward()
        optimizer.step()
        total += loss.item() * len(xb)
    return total / len(X)


def run_experiment(n_epochs=15, lr=0.1, seed=0):
    """Fine-tune on the training split and validate after every epoch."""
    X, y = make_dataset(seed=seed)
    X_train, X_val, y_train, y_val = train_val_split(X, y, seed=seed)
    model, optimizer = setup(2, lr, seed=seed)
    history = []
    for epoch in range(n_epochs):
        train_loss = train_epoch(model, optimizer, X_train, y_train, seed=seed + epoch)
        val = validate(model, X_val, y_val)
        history.append(
            {"train_loss": train_loss, "val_loss": val["loss"], "val_accuracy": val["accuracy"]}
        )
    return {"model": model, "history": history}
