"""Training loop for the causal language model."""

from data import batches, make_sequences
from evaluate import next_token_accuracy
from loss import lm_loss, shift_tokens
from model import build_model
from optim import Adam


def train_step(model, optimizer, batch):
    """One Adam update on a batch of token rows; returns the loss tensor."""
    inputs, targets = shift_tokens(batch)
    loss = lm_loss(model(inputs), targets)
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss


def train_epoch(model, optimizer, tokens, batch_size=32, seed=0):
    """One pass in training mode; returns the mean batch loss as a Python float."""
    model.train()
    running_loss = 0.0
    epoch_batches = batches(tokens, batch_size, seed)
    for batch in epoch_batches:
        loss = train_step(model, optimizer, batch)
        running_loss += loss.item()
    return running_loss / len(epoch_batches)


def run_experiment(n_epochs=6, batch_size=32, lr=3e-3, seed=0):
    """Train on fresh sequences; return the loss history, held-out accuracy and the model."""
    train_tokens = make_sequences(512, seed=seed)
    test_tokens = make_sequences(128, seed=seed + 1)
    model = build_model(seed=seed)
    optimizer = Adam(model.parameters(), lr=lr)
    history = [
        train_epoch(model, optimizer, train_tokens, batch_size, seed=epoch)
        for epoch in range(n_epochs)
    ]
    return {
        "history": history,
        "test_accuracy": next_token_accuracy(model, test_tokens),
        "model": model,
    }
