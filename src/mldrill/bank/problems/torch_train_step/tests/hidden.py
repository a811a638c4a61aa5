import torch
import torch.nn.functional as F

from mldrill.grading.testkit import case, expect, expect_close

ZERO_GRAD_HINT = (
    "loss.backward() adds into .grad: call optimizer.zero_grad() every step, or each "
    "update also applies all the previous gradients."
)
MODE_HINT = (
    "Dropout is on in model.train() and off in model.eval(). predict() must switch to eval; "
    "train_step() must switch back to train, every time."
)


def _tiny():
    # x = 1, target 0: h = relu(2 * 1 + 0) = 2, prediction 3 * 2 + 1 = 7, loss 49.
    w = {
        "fc1.weight": torch.tensor([[2.0]]),
        "fc1.bias": torch.tensor([0.0]),
        "fc2.weight": torch.tensor([[3.0]]),
        "fc2.bias": torch.tensor([1.0]),
    }
    return w, torch.tensor([[1.0]]), torch.tensor([[0.0]])


def _weights(seed, d_in=5, d_hidden=8, d_out=3):
    g = torch.Generator().manual_seed(seed)
    return {
        "fc1.weight": torch.randn(d_hidden, d_in, generator=g) / d_in**0.5,
        "fc1.bias": 0.1 * torch.randn(d_hidden, generator=g),
        "fc2.weight": torch.randn(d_out, d_hidden, generator=g) / d_hidden**0.5,
        "fc2.bias": 0.1 * torch.randn(d_out, generator=g),
    }


def _batch(seed, n=16, d_in=5, d_out=3):
    g = torch.Generator().manual_seed(seed)
    return torch.randn(n, d_in, generator=g), torch.randn(n, d_out, generator=g)


def _forward(w, x, dropout=0.0, seed=None):
    """The model by hand; with a seed, dropout draws its mask like nn.Dropout after
    torch.manual_seed(seed). The global generator here is left as it was."""
    h = torch.relu(x @ w["fc1.weight"].T + w["fc1.bias"])
    if seed is not None:
        with torch.random.fork_rng():
            torch.manual_seed(seed)
            h = F.dropout(h, dropout, training=True)
    return h @ w["fc2.weight"].T + w["fc2.bias"]


def _manual_sgd(w, batches, lr, momentum, dropout=0.0):
    """Plain-tensor SGD with PyTorch's momentum rule: v = mu v + g; p -= lr v."""
    params = {k: v.clone().requires_grad_(True) for k, v in w.items()}
    velocity = {k: torch.zeros_like(v) for k, v in w.items()}
    losses, states = [], []
    for x, y, seed in batches:
        loss = ((_forward(params, x, dropout, seed) - y) ** 2).mean()
        grads = torch.autograd.grad(loss, list(params.values()))
        with torch.no_grad():
            for (k, p), g in zip(params.items(), grads, strict=True):
                velocity[k] = momentum * velocity[k] + g
                p -= lr * velocity[k]
        losses.append(loss.item())
        states.append({k: p.detach().clone() for k, p in params.items()})
    return losses, states


def _ref_step(trainer, x, y, seed):
    with torch.random.fork_rng():  # the reference seeds torch; keep this process's RNG as is
        return trainer.train_step(x, y, seed)


def _expect_state(got, want, what, rtol=1e-5, atol=1e-6):
    expect(isinstance(got, dict) and set(got) == set(want),
           f"{what}: state() should be a dict with keys {sorted(want)}")  # fmt: skip
    for k in want:
        expect_close(got[k], want[k], rtol=rtol, atol=atol, what=f"{what}: {k}")


# ---------------------------------------------------------------- correctness


@case("correctness", hint="One call: zero_grad, forward, MSE loss, backward, optimizer.step().")
def test_one_step_by_hand(sol):
    # dL/dpred = 2 * 7 = 14, so d fc2.weight = 14 * h = 28, d fc2.bias = 14,
    # dh = 14 * 3 = 42 (ReLU passes it), d fc1.weight = 42 * x = 42, d fc1.bias = 42.
    w, x, y = _tiny()
    t = sol.Trainer(w, 0.1)
    loss = t.train_step(x, y, 0)
    expect_close(loss, 49.0, rtol=1e-6, what="the returned loss")
    want = {
        "fc1.weight": torch.tensor([[2.0 - 4.2]]),
        "fc1.bias": torch.tensor([0.0 - 4.2]),
        "fc2.weight": torch.tensor([[3.0 - 2.8]]),
        "fc2.bias": torch.tensor([1.0 - 1.4]),
    }
    _expect_state(t.state(), want, "after one step")


@case("correctness", hint=ZERO_GRAD_HINT)
def test_second_step_by_hand(sol):
    # Step 2: h = relu(-2.2 - 4.2) = 0, prediction -0.4, loss 0.16, dL/dpred = -0.8.
    # Only fc2.bias moves: -0.4 + 0.1 * 0.8 = -0.32; the ReLU blocks every other gradient.
    w, x, y = _tiny()
    t = sol.Trainer(w, 0.1)
    t.train_step(x, y, 0)
    loss = t.train_step(x, y, 1)
    expect_close(loss, 0.16, rtol=1e-5, what="the loss of the second step")
    want = {
        "fc1.weight": torch.tensor([[-2.2]]),
        "fc1.bias": torch.tensor([-4.2]),
        "fc2.weight": torch.tensor([[0.2]]),
        "fc2.bias": torch.tensor([-0.32]),
    }
    _expect_state(t.state(), want, "after two steps")


@case("correctness", hint="Create the optimizer once, in __init__: it keeps the momentum buffer.")
def test_momentum_by_hand(sol):
    # Velocity v = 0.9 v + g, p -= lr v. Step 1 is as without momentum (v = g).
    # Step 2: fc2.bias v = 0.9 * 14 - 0.8 = 11.8; fc1.weight v = 0.9 * 42 + 0 = 37.8.
    w, x, y = _tiny()
    t = sol.Trainer(w, 0.1, momentum=0.9)
    t.train_step(x, y, 0)
    t.train_step(x, y, 1)
    want = {
        "fc1.weight": torch.tensor([[-2.2 - 3.78]]),
        "fc1.bias": torch.tensor([-4.2 - 3.78]),
        "fc2.weight": torch.tensor([[0.2 - 0.9 * 2.8]]),
        "fc2.bias": torch.tensor([-0.4 - 1.18]),
    }
    _expect_state(t.state(), want, "after two momentum steps")


@case("correctness", hint=ZERO_GRAD_HINT)
def test_matches_manual_sgd(sol):
    w = _weights(1)
    batches = [(*_batch(10 + i), i) for i in range(4)]
    want_losses, want_states = _manual_sgd(w, batches, lr=0.05, momentum=0.5)
    t = sol.Trainer(w, 0.05, momentum=0.5)
    for i, (x, y, seed) in enumerate(batches):
        loss = t.train_step(x, y, seed)
        expect_close(loss, want_losses[i], rtol=1e-5, what=f"loss of step {i + 1}")
        _expect_state(t.state(), want_states[i], f"after step {i + 1}")


@case("correctness", hint=MODE_HINT)
def test_matches_reference_with_dropout(sol, ref):
    w = _weights(2)
    t = sol.Trainer(w, 0.05, momentum=0.9, dropout=0.3)
    r = ref.Trainer(w, 0.05, momentum=0.9, dropout=0.3)
    for i in range(5):
        x, y = _batch(20 + i)
        loss = t.train_step(x, y, 100 + i)
        expect_close(loss, _ref_step(r, x, y, 100 + i), rtol=1e-5, what=f"loss of step {i + 1}")
        _expect_state(t.state(), r.state(), f"after step {i + 1}")


@case("correctness", hint="Return loss.item() of this step's forward pass, before the update.")
def test_returned_loss_is_before_the_update(sol):
    w = _weights(3)
    x, y = _batch(30)
    t = sol.Trainer(w, 0.5)
    for seed in range(3):
        before = t.state()
        want = ((_forward(before, x) - y) ** 2).mean().item()
        got = t.train_step(x, y, seed)
        expect(isinstance(got, float), f"train_step should return a Python float, got {got!r}")
        expect_close(got, want, rtol=1e-5, what=f"loss returned by step {seed + 1}")


# ---------------------------------------------------------------- edge cases


@case("edge_cases", hint="Seed with torch.manual_seed(seed) right before the forward pass.")
def test_dropout_is_active_in_training(sol):
    w = _weights(4, d_hidden=32)
    x, y = _batch(40)
    t = sol.Trainer(w, 0.1, dropout=0.5)
    got = t.train_step(x, y, 7)
    want = ((_forward(w, x, 0.5, seed=7) - y) ** 2).mean().item()
    no_dropout = ((_forward(w, x) - y) ** 2).mean().item()
    expect(abs(got - no_dropout) > 1e-4, "the training loss equals the loss without dropout")
    expect_close(got, want, rtol=1e-5, what="training loss with the dropout mask of seed 7")


@case("edge_cases", hint=MODE_HINT)
def test_predict_turns_dropout_off(sol):
    w = _weights(5, d_hidden=32)
    x, _ = _batch(50)
    t = sol.Trainer(w, 0.1, dropout=0.5)
    first = t.predict(x)
    expect_close(first, _forward(w, x), rtol=1e-5, atol=1e-6, what="predict (no dropout)")
    expect_close(t.predict(x), first, rtol=0, atol=0, what="a second predict on the same x")


@case("edge_cases", hint=MODE_HINT)
def test_training_resumes_after_predict(sol, ref):
    w = _weights(6, d_hidden=32)
    t = sol.Trainer(w, 0.1, dropout=0.5)
    r = ref.Trainer(w, 0.1, dropout=0.5)
    for i in range(3):
        x, y = _batch(60 + i)
        expect_close(t.predict(x), r.predict(x), rtol=1e-5, atol=1e-6, what=f"predict {i + 1}")
        want = ((_forward(r.state(), x, 0.5, seed=i) - y) ** 2).mean().item()
        got = t.train_step(x, y, i)
        expect_close(got, want, rtol=1e-5, what=f"training loss after predict {i + 1}")
        _ref_step(r, x, y, i)
        _expect_state(t.state(), r.state(), f"after step {i + 1}")


@case("edge_cases", hint="predict must not touch the parameters or the gradients.")
def test_predict_changes_nothing(sol):
    w = _weights(7)
    x, y = _batch(70)
    with_predict = sol.Trainer(w, 0.1, momentum=0.9)
    without = sol.Trainer(w, 0.1, momentum=0.9)
    for seed in range(2):
        with_predict.predict(x)
        _expect_state(with_predict.state(), without.state(), "state after predict", 0, 0)
        with_predict.train_step(x, y, seed)
        without.train_step(x, y, seed)
    _expect_state(with_predict.state(), without.state(), "state after training", 1e-6, 1e-7)


@case("edge_cases")
def test_zero_learning_rate_keeps_parameters(sol):
    w = _weights(8)
    x, y = _batch(80)
    t = sol.Trainer(w, 0.0, momentum=0.9)
    losses = [t.train_step(x, y, seed) for seed in range(3)]
    _expect_state(t.state(), w, "after three steps with lr = 0", 0, 0)
    expect_close(losses[2], losses[0], rtol=1e-6, what="loss with unchanged parameters")


@case("edge_cases")
def test_single_sample_batch(sol):
    w = _weights(9)
    x, y = _batch(90, n=1)
    want_losses, want_states = _manual_sgd(w, [(x, y, 0), (x, y, 1)], lr=0.1, momentum=0.0)
    t = sol.Trainer(w, 0.1)
    for i, seed in enumerate((0, 1)):
        expect_close(t.train_step(x, y, seed), want_losses[i], rtol=1e-5, what=f"loss {i + 1}")
    _expect_state(t.state(), want_states[1], "after two steps on one sample")
