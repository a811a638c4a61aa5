import numpy as np
import torch
import torch.nn.functional as F

from mldrill.grading.testkit import attr, case, expect, expect_close, expect_equal

NAMES = ("net.0.weight", "net.0.bias", "net.2.weight", "net.2.bias")


def _member(module, path):
    obj = module
    for part in path.split("."):
        obj = attr(getattr(obj, part))
    return obj


def _state(module):
    """The candidate network's parameters as plain tensors."""
    return {name: _member(module, name).detach().clone() for name in NAMES}


def _expect_state(got, want, what, rtol=1e-5):
    for name in NAMES:
        expect_close(
            got[name].numpy(), want[name].numpy(), rtol=rtol, atol=1e-6, what=f"{name} {what}"
        )


def _g(s, z):
    return (
        torch.relu(z @ s["net.0.weight"].T + s["net.0.bias"]) @ s["net.2.weight"].T
        + s["net.2.bias"]
    )


def _d(s, x):
    h = F.leaky_relu(x @ s["net.0.weight"].T + s["net.0.bias"], 0.2)
    return h @ s["net.2.weight"].T + s["net.2.bias"]


class _Reference:
    """Both networks as leaf tensors with their own Adam, updated the textbook way."""

    def __init__(self, g_state, d_state, lr=2e-3):
        self.g = {k: v.clone().requires_grad_(True) for k, v in g_state.items()}
        self.d = {k: v.clone().requires_grad_(True) for k, v in d_state.items()}
        self.g_opt = torch.optim.Adam(self.g.values(), lr=lr, betas=(0.5, 0.999))
        self.d_opt = torch.optim.Adam(self.d.values(), lr=lr, betas=(0.5, 0.999))

    def d_step(self, real, z):
        self.d_opt.zero_grad()
        with torch.no_grad():
            fake = _g(self.g, z)
        real_logits, fake_logits = _d(self.d, real), _d(self.d, fake)
        loss = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
        loss = loss + F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
        loss.backward()
        self.d_opt.step()
        return loss.item()

    def g_step(self, z):
        self.g_opt.zero_grad()
        logits = _d(self.d, _g(self.g, z))
        loss = F.binary_cross_entropy_with_logits(logits, torch.ones_like(logits))
        loss.backward()
        self.g_opt.step()
        return loss.item()

    def states(self):
        return (
            {k: v.detach() for k, v in self.g.items()},
            {k: v.detach() for k, v in self.d.items()},
        )


def _setup(sol, seed):
    G, D = sol.model.build_models(seed)
    g_opt, d_opt = sol.train.make_optimizers(G, D)
    return G, D, g_opt, d_opt, _Reference(_state(G), _state(D))


def _batch(rng, n=8, noise_dim=4):
    real = torch.tensor(4.0 + 1.25 * rng.normal(size=(n, 1)), dtype=torch.float32)
    z = torch.tensor(rng.normal(size=(n, noise_dim)), dtype=torch.float32)
    return real, z


# ---------------------------------------------------------------- data.py and model.py


@case("correctness")
def test_make_batches_recorded_values(sol):
    real, z_d, z_g = sol.data.make_batches(5, 4, seed=0)
    expect(tuple(real.shape) == (5, 4, 1), f"real has shape {tuple(real.shape)}")
    expect(tuple(z_d.shape) == (5, 4, 4) and tuple(z_g.shape) == (5, 4, 4), "noise shapes")
    recorded = {
        "real[0, :3, 0]": (real[0, :3, 0], [2.59270024, 2.55954981, 3.68677664]),
        "z_d[0, 0]": (z_d[0, 0], [0.43969584, 0.11241119, 0.64079237, 0.44115627]),
        "z_g[4, 3]": (z_g[4, 3], [1.31189203, -0.20983894, 0.78173131, 0.98969257]),
    }
    for what, (got, want) in recorded.items():
        expect_close(got.numpy(), np.array(want, dtype=np.float32), rtol=1e-6, what=what)
    big, _, _ = sol.data.make_batches(50, 200, seed=1)
    expect(abs(big.mean().item() - 4.0) < 0.05, f"real samples have mean {big.mean().item()}")
    expect(abs(big.std().item() - 1.25) < 0.05, f"real samples have std {big.std().item()}")


@case("correctness")
def test_build_models_recorded_values(sol):
    G, D = sol.model.build_models(seed=0)
    g, d = _state(G), _state(D)
    expect(tuple(g["net.0.weight"].shape) == (16, 4), "G's first layer should be (16, 4)")
    expect(tuple(d["net.0.weight"].shape) == (16, 1), "D's first layer should be (16, 1)")
    want = np.array([-0.00374341, 0.2682218, -0.41152257, -0.36796951], dtype=np.float32)
    expect_close(g["net.0.weight"][0].numpy(), want, rtol=1e-6, what="G net.0.weight[0]")
    out = D(torch.tensor([[0.0], [4.0]]))
    want = np.array([[-0.30930281], [-1.32095397]], dtype=np.float32)
    expect_close(out.detach().numpy(), want, rtol=1e-5, what="D on [0, 4] (recorded)")
    expect_close(_d(d, torch.tensor([[0.0], [4.0]])).numpy(), want, rtol=1e-5, what="D written out")
    again = _state(sol.model.build_models(seed=0)[0])
    _expect_state(again, g, "of a second build with the same seed")


# ---------------------------------------------------------------- train.py


@case("correctness", hint="Each optimizer must hold exactly its own network's parameters.")
def test_optimizers_own_their_networks(sol):
    G, D = sol.model.build_models(seed=1)
    g_opt, d_opt = sol.train.make_optimizers(G, D, 0.01, 0.02)
    for opt, net, lr, what in ((g_opt, G, 0.01, "generator"), (d_opt, D, 0.02, "discriminator")):
        groups = attr(opt.param_groups)
        params = [p.detach() for group in groups for p in group["params"]]
        expect(len(params) == 4, f"the {what} optimizer holds {len(params)} tensors, expected 4")
        for p, (name, want) in zip(params, _state(net).items(), strict=True):
            expect_close(p.numpy(), want.numpy(), what=f"{what} optimizer tensor vs {name}")
        expect_close(groups[0]["lr"], lr, what=f"{what} learning rate")
        expect_equal(tuple(groups[0]["betas"]), (0.5, 0.999), what=f"{what} betas")


@case("correctness", hint="Real samples are labelled 1, generated samples 0.")
def test_d_step_loss_hand_example(sol):
    G, D = sol.model.build_models(seed=0)
    # D(x) = x - 4 (one active hidden unit), and G always outputs 1.
    w1 = torch.zeros(16, 1)
    w1[0, 0] = 1.0
    w2 = torch.zeros(1, 16)
    w2[0, 0] = 1.0
    D.load_state_dict(
        {"net.0.weight": w1, "net.0.bias": torch.zeros(16), "net.2.weight": w2,
         "net.2.bias": torch.tensor([-4.0])}
    )  # fmt: skip
    g = _state(G)
    g["net.2.weight"] = torch.zeros(1, 16)
    g["net.2.bias"] = torch.tensor([1.0])
    G.load_state_dict(g)
    _, d_opt = sol.train.make_optimizers(G, D)
    real = torch.tensor([[5.0], [4.0], [6.0]])
    loss = sol.train.d_step(G, D, d_opt, real, torch.randn(2, 4))
    # real logits 1, 0, 2 with target 1; fake logit 1 - 4 = -3 with target 0.
    softplus = lambda v: np.log1p(np.exp(v))  # noqa: E731
    want = np.mean([softplus(-1.0), softplus(0.0), softplus(-2.0)]) + softplus(-3.0)
    expect_close(loss, want, rtol=1e-6, what="the discriminator loss")


@case("numerical_stability", hint="Keep the loss on logits: sigmoid then log saturates.")
def test_d_step_loss_with_saturated_logits(sol):
    G, D = sol.model.build_models(seed=0)
    # D(x) = 1000 x - 4000 for x > 0, and G always outputs 1 (logit -3000).
    w1 = torch.zeros(16, 1)
    w1[0, 0] = 1.0
    w2 = torch.zeros(1, 16)
    w2[0, 0] = 1000.0
    D.load_state_dict(
        {"net.0.weight": w1, "net.0.bias": torch.zeros(16), "net.2.weight": w2,
         "net.2.bias": torch.tensor([-4000.0])}
    )  # fmt: skip
    g = _state(G)
    g["net.2.weight"] = torch.zeros(1, 16)
    g["net.2.bias"] = torch.tensor([1.0])
    G.load_state_dict(g)
    _, d_opt = sol.train.make_optimizers(G, D)
    loss = sol.train.d_step(G, D, d_opt, torch.tensor([[5.0], [3.0]]), torch.randn(3, 4))
    # Real logits +1000 (loss ~0) and -1000 (loss 1000): mean 500. The fake logit -3000
    # with target 0 costs ~0.
    expect_close(loss, 500.0, rtol=1e-6, what="the discriminator loss at saturated logits")


@case("correctness")
def test_d_step_matches_a_reference_update(sol, rng):
    G, D, _, d_opt, ref = _setup(sol, seed=2)
    real, z = _batch(rng)
    want_loss = ref.d_step(real, z)
    loss = sol.train.d_step(G, D, d_opt, real, z)
    want_g, want_d = ref.states()
    expect_close(loss, want_loss, rtol=1e-5, what="the returned loss")
    _expect_state(_state(D), want_d, "after one D step")
    _expect_state(_state(G), want_g, "after one D step (the generator must not move)")


@case("correctness", hint="Which tensor must the discriminator's backward pass stop at?")
def test_d_step_sends_no_gradient_to_the_generator(sol, rng):
    G, D = sol.model.build_models(seed=3)
    _, d_opt = sol.train.make_optimizers(G, D)
    real, z = _batch(rng)
    sol.train.d_step(G, D, d_opt, real, z)
    for name in NAMES:
        grad = attr(_member(G, name).grad)
        expect(
            grad is None or not torch.any(grad != 0).item(),
            f"after d_step the generator's {name} has a nonzero gradient",
        )


@case("correctness", hint="A generator step must move the generator, and only the generator.")
def test_g_step_matches_a_reference_update(sol, rng):
    G, D, g_opt, _, ref = _setup(sol, seed=4)
    _, z = _batch(rng)
    want_loss = ref.g_step(z)
    loss = sol.train.g_step(G, D, g_opt, z)
    want_g, want_d = ref.states()
    expect_close(loss, want_loss, rtol=1e-5, what="the returned loss")
    _expect_state(_state(G), want_g, "after one G step")
    _expect_state(_state(D), want_d, "after one G step (the discriminator must not move)")


@case("correctness", hint="backward() adds into .grad: who clears it before each D update?")
def test_alternating_steps_match_a_reference(sol, rng):
    G, D, g_opt, d_opt, ref = _setup(sol, seed=5)
    for step in range(3):
        real, z_d = _batch(rng)
        _, z_g = _batch(rng)
        want = (ref.d_step(real, z_d), ref.g_step(z_g))
        got = (sol.train.d_step(G, D, d_opt, real, z_d), sol.train.g_step(G, D, g_opt, z_g))
        expect_close(np.array(got), np.array(want), rtol=1e-4, what=f"(d, g) losses at step {step}")
    want_g, want_d = ref.states()
    _expect_state(_state(G), want_g, "after three rounds", rtol=1e-4)
    _expect_state(_state(D), want_d, "after three rounds", rtol=1e-4)


@case("correctness")
def test_train_runs_the_steps_on_its_batches(sol):
    G, D, history = sol.train.train(n_steps=3, batch_size=5, seed=6)
    expect(len(history) == 3, f"{len(history)} history entries, expected 3")
    G0, D0, g_opt, d_opt, ref = _setup(sol, seed=6)
    real, z_d, z_g = sol.data.make_batches(3, 5, seed=6)
    for step in range(3):
        want = (ref.d_step(real[step], z_d[step]), ref.g_step(z_g[step]))
        expect_close(np.array(history[step]), np.array(want), rtol=1e-4, what=f"step {step}")
    want_g, want_d = ref.states()
    _expect_state(_state(G), want_g, "after train()", rtol=1e-4)
    _expect_state(_state(D), want_d, "after train()", rtol=1e-4)


# ---------------------------------------------------------------- evaluate.py and end to end


@case("correctness")
def test_sample_stats_hand_example(sol):
    got = sol.evaluate.sample_stats(torch.tensor([[1.0], [2.0], [3.0], [4.0]]))
    expect_close(got["mean"], 2.5, rtol=1e-6, what="mean")
    expect_close(got["std"], np.sqrt(1.25), rtol=1e-6, what="std (population)")


@case("correctness")
def test_generate_uses_seeded_noise(sol):
    G, _ = sol.model.build_models(seed=7)
    got = sol.evaluate.generate(G, n=5, seed=1)
    z = torch.randn(5, 4, generator=torch.Generator().manual_seed(1))
    expect_close(got.numpy(), _g(_state(G), z).numpy(), rtol=1e-5, atol=1e-6, what="samples")
    # Inside the candidate's process: the samples must not carry an autograd graph.
    box = attr(attr(sol.evaluate.torch).builtins)
    generate, read = attr(sol.evaluate.generate), attr(box.getattr)
    (flag,) = box.list(box.map(read, box.map(generate, [G], [5]), ["requires_grad"]))
    expect(flag is False, "generate() returns samples that record an autograd graph")


@case("correctness")
def test_run_experiment_summarises_its_generator(sol):
    result = sol.evaluate.run_experiment(n_steps=4, seed=2)
    expect(len(result["history"]) == 4, f"{len(result['history'])} history entries, expected 4")
    samples = _g(
        _state(result["generator"]),
        torch.randn(2000, 4, generator=torch.Generator().manual_seed(123)),
    )
    expect_close(result["mean"], samples.mean().item(), rtol=1e-5, what="mean")
    expect_close(result["std"], samples.std(unbiased=False).item(), rtol=1e-5, what="std")
    G, _, _ = sol.train.train(4, seed=2)
    _expect_state(_state(result["generator"]), _state(G), "vs train(4, seed=2)")


@case("correctness", hint="Check each update on its own before the whole run.")
def test_end_to_end(sol):
    for seed in (0, 1):
        result = sol.evaluate.run_experiment(seed=seed)
        mean, std = result["mean"], result["std"]
        expect(len(result["history"]) == 600, f"seed {seed}: {len(result['history'])} steps")
        expect(abs(mean - 4.0) < 0.3, f"seed {seed}: generated mean {mean:.3f}, target 4.0")
        expect(0.6 < std < 1.6, f"seed {seed}: generated std {std:.3f}, target 1.25")
