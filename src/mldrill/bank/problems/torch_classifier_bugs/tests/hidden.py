import numpy as np
import torch

from mldrill.grading.testkit import attr, case, expect, expect_close, expect_equal

# Known weights for a 3 -> 4 -> 2 MLP, small enough to work through by hand.
W1 = [[1.0, 0.0, -1.0], [0.0, 2.0, 0.0], [-1.0, 1.0, 1.0], [0.5, 0.5, 0.5]]
B1 = [0.0, -1.0, 0.5, 0.0]
W2 = [[1.0, -1.0, 0.0, 2.0], [0.0, 1.0, 1.0, -1.0]]
B2 = [0.1, -0.2]


def _known_weights():
    return {
        "hidden.weight": torch.tensor(W1),
        "hidden.bias": torch.tensor(B1),
        "out.weight": torch.tensor(W2),
        "out.bias": torch.tensor(B2),
    }


def _known_model(sol, dropout=0.0, seed=0):
    model = sol.model.build_model(3, 4, 2, dropout=dropout, seed=seed)
    model.load_state_dict(_known_weights())
    return model


def _params(model):
    """The candidate's parameters as plain tensors, keyed like the state dict."""
    out = {}
    for layer in ("hidden", "out"):
        module = attr(getattr(model, layer))
        for name in ("weight", "bias"):
            out[f"{layer}.{name}"] = attr(getattr(module, name)).detach()
    return out


def _logits(params, x):
    """The MLP with dropout off, written out: relu(x W1^T + b1) W2^T + b2."""
    h = torch.relu(x @ params["hidden.weight"].T + params["hidden.bias"])
    return h @ params["out.weight"].T + params["out.bias"]


def _inputs(rng, n):
    return torch.tensor(rng.normal(size=(n, 3)), dtype=torch.float32)


# ---------------------------------------------------------------- data.py


@case("correctness")
def test_make_dataset_recorded_values(sol):
    X, y = sol.data.make_dataset(seed=0)
    expect(tuple(X.shape) == (480, 8), f"X has shape {tuple(X.shape)}, expected (480, 8)")
    expect(X.dtype == torch.float32, f"X has dtype {X.dtype}, expected torch.float32")
    expect(y.dtype == torch.int64, f"y has dtype {y.dtype}, expected torch.int64")
    expect_close(
        X[0, :4].numpy(),
        np.array([2.5344033, -0.90229684, 0.50755954, -0.90848786], dtype=np.float32),
        rtol=1e-6,
        what="X[0, :4] (recorded from a correct run)",
    )
    expect_equal(y[:12].tolist(), [0, 1, 2, 1, 1, 2, 2, 2, 1, 2, 2, 1], what="y[:12]")
    expect_equal(torch.bincount(y).tolist(), [146, 147, 187], what="class counts")


def _indexed(n):
    ids = torch.arange(n)
    return torch.stack([ids, 10 * ids], dim=1).float(), ids


@case("correctness", hint="Every row must land in exactly one split, together with its label.")
def test_split_partitions_rows(sol):
    X, y = _indexed(30)
    X_tr, X_te, y_tr, y_te = sol.data.train_test_split(X, y, 0.25, seed=4)
    expect(len(X_te) == 7 and len(y_te) == 7, f"test split has {len(X_te)} rows, expected 7")
    expect(len(X_tr) == 23 and len(y_tr) == 23, f"train split has {len(X_tr)} rows, expected 23")
    ids = torch.cat([y_tr, y_te]).tolist()
    expect_equal(sorted(ids), list(range(30)), what="the row ids across both splits")
    expect(ids != list(range(30)), "train_test_split did not shuffle the rows")
    expect_close(X_tr[:, 0].numpy(), y_tr.float().numpy(), what="the row id in each train row")
    expect_close(X_te[:, 0].numpy(), y_te.float().numpy(), what="the row id in each test row")


@case("correctness", hint="Concatenate the batches: is every sample there once, with its label?")
def test_batches_cover_every_sample_once(sol):
    X, y = _indexed(10)
    got = sol.data.batches(X, y, 4, seed=3)
    expect_equal([len(yb) for _, yb in got], [4, 4, 2], what="the batch sizes for n=10, size=4")
    ids = torch.cat([yb for _, yb in got]).tolist()
    expect_equal(sorted(ids), list(range(10)), what="the labels across all batches")
    expect(ids != list(range(10)), "batches() did not shuffle the samples")
    for xb, yb in got:
        expect_close(xb[:, 0].numpy(), yb.float().numpy(), what="the row id in each batch row")


# ---------------------------------------------------------------- model.py


@case("correctness", hint="nn.CrossEntropyLoss wants raw scores: what does forward return?")
def test_forward_on_known_weights(sol):
    model = _known_model(sol, dropout=0.5)
    model.eval()
    x = torch.tensor([[1.0, 2.0, 3.0], [-1.0, 0.0, 1.0]])
    # hidden: relu([-2, 3, 4.5, 3]) and relu([-2, -1, 2.5, 0]), then the output layer.
    want = np.array([[3.1, 4.3], [0.1, 2.3]], dtype=np.float32)
    expect_close(model(x).numpy(), want, rtol=1e-6, atol=1e-6, what="the logits")


# ---------------------------------------------------------------- evaluate.py


@case("correctness")
def test_accuracy_known_values(sol):
    logits = torch.tensor([[0.1, 2.0, 0.3], [5.0, 1.0, 1.5], [0.0, 0.2, 3.0], [1.0, 2.0, 0.0]])
    y = torch.tensor([1, 0, 2, 0])
    expect_close(sol.evaluate.accuracy(logits, y), 0.75, what="accuracy (3 of 4 right)")


@case("edge_cases", hint="Which dimension of (batch, classes) logits holds the classes?")
def test_accuracy_square_logits(sol):
    logits = torch.tensor([[2.0, 0.0, 0.0], [0.0, 1.0, 0.0], [3.0, 0.0, 5.0]])
    y = torch.tensor([0, 1, 2])
    expect_close(sol.evaluate.accuracy(logits, y), 1.0, what="accuracy of 3 correct rows")
    expect_close(
        sol.evaluate.accuracy(logits, torch.tensor([1, 1, 0])), 1.0 / 3.0, what="accuracy of 1 in 3"
    )


@case("correctness", hint="Dropout is random in training mode. Which mode should inference use?")
def test_predict_logits_is_deterministic(sol, rng):
    model = sol.model.build_model(3, 16, 2, dropout=0.5, seed=1)
    x = _inputs(rng, 20)
    first = sol.evaluate.predict_logits(model, x)
    second = sol.evaluate.predict_logits(model, x)
    expect_close(second.numpy(), first.numpy(), what="a second prediction on the same inputs")


@case("correctness", hint="At inference every unit is kept and nothing is rescaled.")
def test_predict_logits_turns_dropout_off(sol, rng):
    model = _known_model(sol, dropout=0.5, seed=2)
    x = _inputs(rng, 12)
    got = sol.evaluate.predict_logits(model, x)
    want = _logits(_known_weights(), x)
    expect_close(got.numpy(), want.numpy(), rtol=1e-5, atol=1e-6, what="predict_logits")
    expect(attr(model.training) is False, "predict_logits left the model in training mode")


@case("correctness")
def test_evaluate_on_known_weights(sol, rng):
    model = _known_model(sol, dropout=0.9, seed=3)
    x = _inputs(rng, 40)
    y = _logits(_known_weights(), x).argmax(dim=1)
    expect_close(
        sol.evaluate.evaluate(model, x, y), 1.0, what="accuracy against its own predictions"
    )
    x2 = torch.tensor([[1.0, 2.0, 3.0], [-1.0, 0.0, 1.0]])
    got = sol.evaluate.evaluate(model, x2, torch.tensor([1, 1]))
    expect_close(got, 1.0, what="accuracy on the two hand-worked rows (both predict class 1)")


# ---------------------------------------------------------------- train.py


def _reference_sgd(weights, batches, lr, momentum=0.0):
    """SGD with momentum and one fresh gradient per batch: the losses seen, the final weights."""
    params = {k: v.clone().requires_grad_(True) for k, v in weights.items()}
    velocity = {k: torch.zeros_like(v) for k, v in weights.items()}
    losses = []
    for xb, yb in batches:
        loss = torch.nn.functional.cross_entropy(_logits(params, xb), yb)
        grads = torch.autograd.grad(loss, list(params.values()))
        with torch.no_grad():
            for (k, p), g in zip(params.items(), grads, strict=True):
                velocity[k] = momentum * velocity[k] + g
                params[k] = (p - lr * velocity[k]).requires_grad_(True)
        losses.append(loss.item())
    return losses, {k: v.detach() for k, v in params.items()}


def _expect_params(model, want, what):
    for name, value in _params(model).items():
        expect_close(
            value.numpy(), want[name].numpy(), rtol=1e-4, atol=1e-6, what=f"{name} after {what}"
        )


@case("correctness", hint="Step twice by hand with SGD: which gradient should the second step use?")
def test_train_step_is_plain_sgd_on_each_batch(sol, rng):
    model = _known_model(sol)
    optimizer = sol.train.make_optimizer(model, 0.1, 0.0)
    batches = [(_inputs(rng, 5), torch.tensor([0, 1, 1, 0, 1])) for _ in range(3)]
    want_losses, want_params = _reference_sgd(_known_weights(), batches, 0.1)
    losses = [sol.train.train_step(model, optimizer, xb, yb) for xb, yb in batches]
    expect_close(np.array(losses), np.array(want_losses), rtol=1e-5, what="the losses returned")
    _expect_params(model, want_params, "three SGD steps")


@case("correctness", hint="v <- momentum * v + grad; p <- p - lr * v.")
def test_train_step_with_momentum(sol, rng):
    model = _known_model(sol)
    optimizer = sol.train.make_optimizer(model, 0.05, 0.9)
    batches = [(_inputs(rng, 6), torch.tensor([1, 1, 0, 0, 1, 0])) for _ in range(3)]
    want_losses, want_params = _reference_sgd(_known_weights(), batches, 0.05, 0.9)
    losses = [sol.train.train_step(model, optimizer, xb, yb) for xb, yb in batches]
    expect_close(np.array(losses), np.array(want_losses), rtol=1e-5, what="the losses returned")
    _expect_params(model, want_params, "three steps with momentum 0.9")


@case("correctness", hint="With lr=0 nothing moves: the epoch loss is the mean loss per sample.")
def test_epoch_loss_is_the_mean_per_sample(sol, rng):
    model = _known_model(sol)
    optimizer = sol.train.make_optimizer(model, 0.0, 0.0)
    x, y = _inputs(rng, 10), torch.tensor([0, 1, 1, 0, 1, 1, 1, 0, 0, 1])
    got = sol.train.train_epoch(model, optimizer, x, y, 4, seed=0)
    want = torch.nn.functional.cross_entropy(_logits(_known_weights(), x), y).item()
    expect_close(got, want, rtol=1e-5, what="the epoch loss with batches of 4, 4 and 2")


@case("correctness", hint="Whatever mode evaluation left behind, training must use dropout.")
def test_train_epoch_trains_in_training_mode(sol, rng):
    model = sol.model.build_model(3, 8, 2, dropout=0.5, seed=0)
    model.eval()
    optimizer = sol.train.make_optimizer(model, 0.01)
    sol.train.train_epoch(model, optimizer, _inputs(rng, 8), torch.tensor([0, 1] * 4), 4)
    expect(attr(model.training) is True, "train_epoch ran with the model in evaluation mode")


@case("correctness", hint="Check each stage on its own before the whole pipeline.")
def test_end_to_end(sol):
    for seed in (0, 1):
        result = sol.train.run_experiment(seed=seed)
        history = result["history"]
        expect(len(history) == 15, f"seed {seed}: expected 15 epoch losses, got {len(history)}")
        expect(
            history[-1] < 0.25 * history[0],
            f"seed {seed}: the training loss only went from {history[0]:.4f} to {history[-1]:.4f}",
        )
        for split in ("train", "test"):
            acc = result[f"{split}_accuracy"]
            expect(acc >= 0.9, f"seed {seed}: {split} accuracy {acc:.3f} is below 0.9")
