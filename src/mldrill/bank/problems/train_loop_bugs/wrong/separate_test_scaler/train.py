"""Data preparation and the mini-batch training loop (SGD with momentum)."""

import numpy as np
from data import batch_bounds, make_blobs, shuffle, train_test_split
from evaluate import accuracy
from model import init_params, loss_and_grad
from preprocess import StandardScaler


def prepare_data(n_samples=600, test_frac=0.25, seed=0):
    """Generate the dataset, split it, and standardise the features."""
    X, y = make_blobs(n_samples, seed=seed)
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_frac, seed=seed + 1)
    scaler = StandardScaler().fit(X_train)
    X_train, X_test = scaler.transform(X_train), StandardScaler().fit_transform(X_test)
    return {
        "X_train": X_train,
        "X_test": X_test,
        "y_train": y_train,
        "y_test": y_test,
        "scaler": scaler,
    }


def sgd_step(params, grads, velocity, lr, momentum=0.9):
    """One step of SGD with heavy-ball momentum; returns new (params, velocity) dicts."""
    new_params, new_velocity = {}, {}
    for name, value in params.items():
        new_velocity[name] = momentum * velocity[name] - lr * grads[name]
        new_params[name] = value + new_velocity[name]
    return new_params, new_velocity


def train(X, y, n_classes, n_epochs=20, batch_size=32, lr=0.05, momentum=0.9, l2=1e-4, seed=0):
    """Fit softmax regression; return the parameters and the mean training loss per epoch."""
    rng = np.random.default_rng(seed)
    params = init_params(X.shape[1], n_classes, seed=seed)
    velocity = {name: np.zeros_like(value) for name, value in params.items()}
    history = []
    for _ in range(n_epochs):
        X_epoch, y_epoch = shuffle(X, y, rng)
        total, seen = 0.0, 0
        for start, stop in batch_bounds(len(X_epoch), batch_size):
            loss, grads = loss_and_grad(params, X_epoch[start:stop], y_epoch[start:stop], l2)
            params, velocity = sgd_step(params, grads, velocity, lr, momentum)
            total += loss * (stop - start)
            seen += stop - start
        history.append(total / seen)
    return params, history


def run_experiment(n_samples=600, n_epochs=20, batch_size=32, lr=0.05, seed=0):
    """Prepare the data, train, and report the loss history and accuracies."""
    data = prepare_data(n_samples, seed=seed)
    n_classes = int(data["y_train"].max()) + 1
    params, history = train(
        data["X_train"], data["y_train"], n_classes, n_epochs, batch_size, lr, seed=seed
    )
    return {
        "history": history,
        "train_accuracy": accuracy(params, data["X_train"], data["y_train"]),
        "test_accuracy": accuracy(params, data["X_test"], data["y_test"]),
    }
