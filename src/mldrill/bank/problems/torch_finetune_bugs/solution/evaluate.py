"""Inference and validation metrics."""

import torch
import torch.nn.functional as F


def predict_logits(model, X):
    """Logits for X in evaluation mode (BatchNorm uses its running statistics), no graph."""
    model.eval()
    with torch.no_grad():
        return model(X)


def validate(model, X, y):
    """Mean cross-entropy and accuracy of the model on (X, y), as floats."""
    logits = predict_logits(model, X)
    return {
        "loss": F.cross_entropy(logits, y).item(),
        "accuracy": (logits.argmax(dim=1) == y).float().mean().item(),
    }
