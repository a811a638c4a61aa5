import numpy as np
import torch

from mldrill.grading.testkit import attr, case, expect, expect_close, expect_equal

BACKBONE = ("backbone.fc1.weight", "backbone.fc1.bias", "backbone.bn.weight",
            "backbone.bn.bias", "backbone.fc2.weight", "backbone.fc2.bias")  # fmt: skip
BN_STATS = ("backbone.bn.running_mean", "backbone.bn.running_var")
HEAD = ("head.weight", "head.bias")


def _member(model, path):
    """The candidate's object at a dotted path (a handle, or data for plain tensors)."""
    obj = model
    for part in path.split("."):
        obj = attr(getattr(obj, part))
    return obj


def _tensor(model, path):
    value = _member(model, path)
    return value if isinstance(value, torch.Tensor) else value.detach()


def _state(model, names):
    return {name: _tensor(model, name).clone() for name in names}


def _expect_same(got, want, what):
    for name, value in want.items():
        expect_close(got[name].numpy(), value.numpy(), rtol=1e-6, atol=1e-7, what=f"{name} {what}")


def _features(s, x):
    """The backbone in evaluation mode, written out: BatchNorm uses its running statistics."""
    h = x @ s["backbone.fc1.weight"].T + s["backbone.fc1.bias"]
    h = (h - s["backbone.bn.running_mean"]) / torch.sqrt(s["backbone.bn.running_var"] + 1e-5)
    h = torch.relu(h * s["backbone.bn.weight"] + s["backbone.bn.bias"])
    return torch.relu(h @ s["backbone.fc2.weight"].T + s["backbone.fc2.bias"])


def _logits(s, x):
    return _features(s, x) @ s["head.weight"].T + s["head.bias"]


def _inputs(rng, n):
    return torch.tensor(rng.normal(size=(n, 8)), dtype=torch.float32)


# ---------------------------------------------------------------- data.py


@case("correctness")
def test_make_dataset_recorded_values(sol):
    X, y = sol.data.make_dataset(seed=0)
    expect(tuple(X.shape) == (400, 8), f"X has shape {tuple(X.shape)}, expected (400, 8)")
    expect(X.dtype == torch.float32 and y.dtype == torch.int64, f"dtypes {X.dtype}, {y.dtype}")
    expect_close(
        X[0, :3].numpy(),
        np.array([0.12573022, -0.13210486, 0.64042264], dtype=np.float32),
        rtol=1e-6,
        what="X[0, :3] (recorded from a correct run)",
    )
    expect_equal(y[:12].tolist(), [0, 1, 1, 1, 0, 0, 1, 0, 0, 1, 0, 0], what="y[:12]")
    expect_equal(int(y.sum()), 200, what="number of positive labels")


def _indexed(n):
    ids = torch.arange(n)
    return torch.stack([ids, 10 * ids], dim=1).float(), ids


@case("correctness", hint="Every row must land in exactly one split, together with its label.")
def test_train_val_split_partitions_rows(sol):
    X, y = _indexed(30)
    X_tr, X_val, y_tr, y_val = sol.data.train_val_split(X, y, 0.25, seed=4)
    expect(len(y_val) == 7 and len(y_tr) == 23, f"split sizes {len(y_tr)} / {len(y_val)}")
    ids = torch.cat([y_tr, y_val]).tolist()
    expect_equal(sorted(ids), list(range(30)), what="the row ids across both splits")
    expect(ids != list(range(30)), "train_val_split did not shuffle")
    expect_close(X_tr[:, 0].numpy(), y_tr.float().numpy(), what="row ids in the train split")
    expect_close(X_val[:, 0].numpy(), y_val.float().numpy(), what="row ids in the val split")


@case("correctness")
def test_batches_cover_every_sample_once(sol):
    X, y = _indexed(10)
    got = sol.data.batches(X, y, 4, seed=3)
    expect_equal([len(yb) for _, yb in got], [4, 4, 2], what="batch sizes for n=10, size=4")
    ids = torch.cat([yb for _, yb in got]).tolist()
    expect_equal(sorted(ids), list(range(10)), what="the labels across all batches")
    expect(ids != list(range(10)), "batches() did not shuffle")
    for xb, yb in got:
        expect_close(xb[:, 0].numpy(), yb.float().numpy(), what="row ids in each batch")


# ---------------------------------------------------------------- model.py


@case("correctness")
def test_pretrained_backbone_recorded_values(sol):
    backbone = sol.model.load_pretrained_backbone()
    w = _tensor(backbone, "fc1.weight")
    expect(tuple(w.shape) == (32, 8), f"fc1.weight has shape {tuple(w.shape)}")
    expect_close(
        w[0, :3].numpy(),
        np.array([-0.33306196, -0.06936819, -0.16981581], dtype=np.float32),
        rtol=1e-6,
        what="fc1.weight[0, :3] (recorded)",
    )
    expect_close(
        _tensor(backbone, "bn.running_mean").numpy(),
        np.linspace(-0.4, 0.4, 32, dtype=np.float32),
        rtol=1e-6,
        atol=1e-7,
        what="bn.running_mean",
    )
    expect_close(
        _tensor(backbone, "bn.running_var").numpy(),
        np.linspace(0.2, 0.6, 32, dtype=np.float32),
        rtol=1e-6,
        what="bn.running_var",
    )
    backbone.eval()
    out = backbone(torch.ones(1, 8))
    want = np.array([0.1860557, 0.81830305, 0.21599419, 0.52086616, 0.0, 0.58934486])
    expect_close(out[0, :6].numpy(), want.astype(np.float32), rtol=1e-5, atol=1e-6, what="output")


@case("correctness")
def test_build_model_seeds_only_the_head(sol):
    a, b, c = (sol.model.build_model(2, seed=s) for s in (0, 0, 5))
    head_a, head_b, head_c = (_state(m, HEAD) for m in (a, b, c))
    _expect_same(head_b, head_a, "for the same seed")
    expect(
        not torch.equal(head_a["head.weight"], head_c["head.weight"]),
        "different seeds gave the same head",
    )
    expect(tuple(head_a["head.weight"].shape) == (2, 32), "head.weight should be (2, 32)")
    _expect_same(_state(c, BACKBONE + BN_STATS), _state(a, BACKBONE + BN_STATS), "across seeds")
    three = sol.model.build_model(3, seed=0)
    expect(tuple(_tensor(three, "head.bias").shape) == (3,), "build_model(3) needs 3 outputs")


# ---------------------------------------------------------------- finetune.py


@case("correctness", hint="requires_grad must be False on every backbone *parameter*.")
def test_freeze_backbone_turns_off_every_backbone_gradient(sol):
    model = sol.model.build_model(2, seed=0)
    sol.finetune.freeze_backbone(model)
    for name in BACKBONE:
        flag = attr(_member(model, name).requires_grad)
        expect(flag is False, f"{name}.requires_grad is {flag} after freeze_backbone")
    for name in HEAD:
        flag = attr(_member(model, name).requires_grad)
        expect(flag is True, f"{name}.requires_grad is {flag}: the head must stay trainable")


@case("correctness", hint="Which parameters does the optimizer hold? Count them.")
def test_optimizer_holds_only_the_head(sol):
    model, optimizer = sol.finetune.setup(2, lr=0.05, momentum=0.8, seed=1)
    groups = attr(optimizer.param_groups)
    expect(len(groups) == 1, f"the optimizer has {len(groups)} parameter groups, expected 1")
    params = groups[0]["params"]
    expect(len(params) == 2, f"the optimizer holds {len(params)} tensors, expected 2 (the head)")
    head = _state(model, HEAD)
    for p, name in zip(params, HEAD, strict=True):
        expect_close(p.detach().numpy(), head[name].numpy(), what=f"optimizer tensor vs {name}")
    expect_close(groups[0]["lr"], 0.05, what="lr")
    expect_close(groups[0]["momentum"], 0.8, what="momentum")


def _reference_epoch(state, X, y, batch_size, seed, lr, momentum):
    """The head trained on its own with torch's SGD, features from the frozen backbone."""
    w = state["head.weight"].clone().requires_grad_(True)
    b = state["head.bias"].clone().requires_grad_(True)
    opt = torch.optim.SGD([w, b], lr=lr, momentum=momentum)
    perm = torch.randperm(len(X), generator=torch.Generator().manual_seed(seed))
    total = 0.0
    for idx in perm.split(batch_size):
        opt.zero_grad()
        logits = _features(state, X[idx]) @ w.T + b
        loss = torch.nn.functional.cross_entropy(logits, y[idx])
        loss.backward()
        opt.step()
        total += loss.item() * len(idx)
    return {"head.weight": w.detach(), "head.bias": b.detach()}, total / len(X)


@case("correctness", hint="Only the head may move, and BatchNorm must keep its statistics.")
def test_train_epoch_moves_only_the_head(sol, rng):
    model, optimizer = sol.finetune.setup(2, lr=0.2, momentum=0.9, seed=2)
    before = _state(model, BACKBONE + BN_STATS + HEAD)
    X, y = _inputs(rng, 10), torch.tensor([0, 1, 1, 0, 1, 0, 0, 1, 1, 1])
    want_head, want_loss = _reference_epoch(before, X, y, 4, 7, 0.2, 0.9)
    loss = sol.finetune.train_epoch(model, optimizer, X, y, 4, seed=7)
    expect_close(loss, want_loss, rtol=1e-5, what="the mean training loss")
    _expect_same(_state(model, HEAD), want_head, "after one epoch")
    after = _state(model, BACKBONE + BN_STATS)
    _expect_same(after, {k: before[k] for k in after}, "after one epoch (it is frozen)")
    expect(attr(model.training) is True, "train_epoch left the model in evaluation mode")
    backbone_training = attr(_member(model, "backbone").training)
    expect(backbone_training is False, "the frozen backbone trained in training mode")


@case("correctness", hint="Check each stage on its own before the whole experiment.")
def test_experiment_keeps_the_backbone_frozen(sol):
    result = sol.finetune.run_experiment(n_epochs=3, seed=0)
    pretrained = sol.model.build_model(2, seed=0)
    want = _state(pretrained, BACKBONE + BN_STATS)
    _expect_same(_state(result["model"], BACKBONE + BN_STATS), want, "after fine-tuning")


@case("correctness", hint="Epoch e shuffles its batches with seed + e.")
def test_run_experiment_matches_its_parts(sol):
    X, y = sol.data.make_dataset(seed=3)
    X_train, X_val, y_train, y_val = sol.data.train_val_split(X, y, seed=3)
    model, optimizer = sol.finetune.setup(2, 0.1, seed=3)
    losses = [
        sol.finetune.train_epoch(model, optimizer, X_train, y_train, seed=3 + e) for e in (0, 1)
    ]
    result = sol.finetune.run_experiment(n_epochs=2, lr=0.1, seed=3)
    got = [entry["train_loss"] for entry in result["history"]]
    expect_close(np.array(got), np.array(losses), rtol=1e-6, what="the training losses")
    _expect_same(_state(result["model"], HEAD), _state(model, HEAD), "after two epochs")
    val = sol.evaluate.validate(model, X_val, y_val)
    expect_close(result["history"][-1]["val_loss"], val["loss"], rtol=1e-6, what="val_loss")


# ---------------------------------------------------------------- evaluate.py


@case("correctness", hint="At inference BatchNorm must use its running statistics.")
def test_predict_logits_uses_running_statistics(sol, rng):
    model = sol.model.build_model(2, seed=3)
    state = _state(model, BACKBONE + BN_STATS + HEAD)
    X = _inputs(rng, 6)
    got = sol.evaluate.predict_logits(model, X)
    expect_close(got.numpy(), _logits(state, X).numpy(), rtol=1e-5, atol=1e-6, what="logits")


@case("edge_cases", hint="Prediction must work for a batch of one.")
def test_predict_logits_on_a_single_row(sol, rng):
    model = sol.model.build_model(2, seed=4)
    state = _state(model, BACKBONE + BN_STATS + HEAD)
    x = _inputs(rng, 1)
    got = sol.evaluate.predict_logits(model, x)
    expect_close(got.numpy(), _logits(state, x).numpy(), rtol=1e-5, atol=1e-6, what="logits")


@case("correctness", hint="Validation data must never change the model.")
def test_validation_leaves_batchnorm_statistics_alone(sol, rng):
    model = sol.model.build_model(2, seed=5)
    before = _state(model, BN_STATS)
    X, y = _inputs(rng, 20), torch.tensor(rng.integers(0, 2, size=20))
    sol.evaluate.validate(model, X, y)
    sol.evaluate.validate(model, X + 3.0, y)
    _expect_same(_state(model, BN_STATS), before, "after validating twice")


@case("correctness", hint="Validation needs no autograd graph: what does torch record by default?")
def test_predict_logits_records_no_graph(sol, rng):
    # Look at the returned tensor inside the candidate's process: a tensor that comes back
    # here is plain data, stripped of its graph.
    model = sol.model.build_model(2, seed=6)
    sol.finetune.freeze_backbone(model)
    box = attr(attr(sol.evaluate.torch).builtins)
    predict, read = attr(sol.evaluate.predict_logits), attr(box.getattr)
    X = _inputs(rng, 5)
    for field in ("requires_grad", "grad_fn"):
        outputs = box.map(predict, [model], [X])
        (value,) = box.list(box.map(read, outputs, [field]))
        expect(value in (False, None), f"the returned logits have {field} = {value!r}")


@case("correctness")
def test_validate_hand_values(sol, rng):
    model = sol.model.build_model(2, seed=7)
    state = _state(model, BACKBONE + BN_STATS + HEAD)
    X = _inputs(rng, 12)
    logits = _logits(state, X)
    y = logits.argmax(dim=1)
    y[:3] = 1 - y[:3]  # three of twelve wrong
    got = sol.evaluate.validate(model, X, y)
    want = torch.nn.functional.cross_entropy(logits, y).item()
    expect_close(got["loss"], want, rtol=1e-5, what="validation loss")
    expect_close(got["accuracy"], 0.75, rtol=1e-6, what="validation accuracy")


# ---------------------------------------------------------------- end to end


@case("correctness", hint="Check each stage on its own before the whole experiment.")
def test_end_to_end(sol):
    for seed in (0, 1):
        history = sol.finetune.run_experiment(seed=seed)["history"]
        expect(len(history) == 15, f"seed {seed}: {len(history)} epochs, expected 15")
        first, last = history[0], history[-1]
        expect(last["train_loss"] < first["train_loss"], f"seed {seed}: training loss rose")
        expect(last["val_loss"] < 0.36, f"seed {seed}: final val loss {last['val_loss']:.3f}")
        acc = last["val_accuracy"]
        expect(acc >= 0.88, f"seed {seed}: final val accuracy {acc:.3f} is below 0.88")
