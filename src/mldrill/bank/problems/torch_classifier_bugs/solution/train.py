"""The training loop: SGD with momentum on the cross-entropy loss."""

from data import batches, make_dataset, train_test_split
from evaluate import evaluate
from model import build_model
from optim import SGD
from torch import nn

loss_fn = nn.CrossEntropyLoss()


def make_optimizer(model, lr=0.05, momentum=0.9):
    return SGD(model.parameters(), lr=lr, momentum=momentum)


def train_step(model, optimizer, xb, yb):
    """One update on one batch; returns the batch loss (before the update) as a float."""
    optimizer.zero_grad()
    loss = loss_fn(model(xb), yb)
    loss.backward()
    optimizer.step()
    return loss.item()


def train_epoch(model, optimizer, X, y, batch_size=32, seed=0):
    """One pass over the data in training mode; returns the mean loss per sample."""
    model.train()
    total = 0.0
    for xb, yb in batches(X, y, batch_size, seed):
        total += train_step(model, optimizer, xb, yb) * len(xb)
    return total / len(X)


def run_experiment(n_epochs=15, batch_size=32, lr=0.05, seed=0):
    """Generate, split, train and evaluate; returns the loss history and both accuracies."""
    X, y = make_dataset(seed=seed)
    X_train, X_test, y_train, y_test = train_test_split(X, y, seed=seed)
    model = build_model(X.shape[1], 32, int(y.max()) + 1, dropout=0.2, seed=seed)
    optimizer = make_optimizer(model, lr)
    history = [
        train_epoch(model, optimizer, X_train, y_train, batch_size, seed=epoch)
        for epoch in range(n_epochs)
    ]
    return {
        "history": history,
        "train_accuracy": evaluate(model, X_train, y_train),
        "test_accuracy": evaluate(model, X_test, y_test),
    }
