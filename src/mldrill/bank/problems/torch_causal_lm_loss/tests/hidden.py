import math

import torch
import torch.nn.functional as F

from mldrill.grading.testkit import case, expect, expect_close, expect_equal, expect_fast

SHIFT_HINT = "logits[:, t] predicts labels[:, t + 1]: use logits[:, :-1] against labels[:, 1:]."
MEAN_HINT = (
    "Average over the counted tokens of the whole batch: sum of their losses divided by how "
    "many labels are not ignore_index (not by B * (T - 1), not per sequence)."
)
I64 = torch.int64


def _loss(sol, *args, **kwargs):
    """The candidate's loss, checked to be a one-element tensor and returned as 0-dim.

    A 0-dim tensor currently crosses the sandbox boundary with shape (1,), so the number of
    elements is what can be checked here, not the number of dimensions.
    """
    got = sol.causal_lm_loss(*args, **kwargs)
    expect(type(got) is torch.Tensor, f"expected a torch.Tensor, got {type(got).__name__}")
    expect(got.numel() == 1, f"expected a 0-dim tensor, got shape {tuple(got.shape)}")
    return got.reshape(())


def _randn(seed, *shape, dtype=torch.float32):
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed), dtype=dtype)


def _randint(seed, high, *shape):
    return torch.randint(0, high, shape, generator=torch.Generator().manual_seed(seed))


def _torch_loss(logits, labels):
    """PyTorch's own cross-entropy with the shift, in float64."""
    V = logits.shape[-1]
    flat_logits = logits[:, :-1].reshape(-1, V).double()
    return F.cross_entropy(flat_logits, labels[:, 1:].reshape(-1), ignore_index=-100)


def _log_probs(*probs):
    return torch.log(torch.tensor(probs, dtype=torch.float64))


# ---------------------------------------------------------------- correctness


@case("correctness", hint=SHIFT_HINT)
def test_known_values(sol):
    # Vocabulary of 3. Position 0 predicts [0.5, 0.25, 0.25], position 1 [0.1, 0.6, 0.3];
    # the last position predicts nothing. Labels [2, 0, 1] give targets 0 and 1.
    logits = torch.stack([_log_probs(0.5, 0.25, 0.25), _log_probs(0.1, 0.6, 0.3),
                          _log_probs(0.2, 0.2, 0.6)])[None]  # fmt: skip
    labels = torch.tensor([[2, 0, 1]])
    got = _loss(sol, logits, labels)
    want = -(math.log(0.5) + math.log(0.6)) / 2
    expect_close(got, torch.tensor(want, dtype=torch.float64), rtol=1e-12, what="loss")


@case("correctness", hint=MEAN_HINT)
def test_known_values_with_ignored_tokens(sol):
    # Two sequences of 4. Sequence 0 counts targets at t = 1, 2 (label 1 ignored); sequence 1
    # counts only t = 3. The loss is the mean of the three counted -log p.
    logits = torch.zeros(2, 4, 2, dtype=torch.float64)
    logits[0, 0] = _log_probs(0.9, 0.1)  # target -100: ignored
    logits[0, 1] = _log_probs(0.8, 0.2)  # target 1: -log 0.2
    logits[0, 2] = _log_probs(0.3, 0.7)  # target 0: -log 0.3
    logits[1, 2] = _log_probs(0.4, 0.6)  # target 1: -log 0.6
    labels = torch.tensor([[0, -100, 1, 0], [-100, -100, -100, 1]])
    got = _loss(sol, logits, labels)
    want = -(math.log(0.2) + math.log(0.3) + math.log(0.6)) / 3
    expect_close(got, torch.tensor(want, dtype=torch.float64), rtol=1e-12, what="loss")


@case("correctness", hint=SHIFT_HINT)
def test_matches_torch_cross_entropy(sol):
    logits = _randn(1, 3, 9, 11)
    labels = _randint(2, 11, 3, 9)
    labels[_randn(3, 3, 9) > 0.5] = -100
    got = _loss(sol, logits, labels)
    expect_close(got, _torch_loss(logits, labels).float(), rtol=1e-5, what="loss")


@case("correctness", hint="Compare each mask with t < prompt_length and t >= length.")
def test_mask_labels_known_values(sol):
    ids = torch.tensor([[5, 6, 7, 8, 9], [1, 2, 3, 4, 0], [7, 7, 7, 0, 0]])
    got = sol.mask_labels(ids, torch.tensor([2, 1, 3]), torch.tensor([5, 4, 3]))
    want = torch.tensor([[-100, -100, 7, 8, 9], [-100, 2, 3, 4, -100],
                         [-100, -100, -100, -100, -100]])  # fmt: skip
    expect_equal(got.tolist(), want.tolist(), what="mask_labels")
    expect(got.dtype == I64, f"labels should stay int64, got {got.dtype}")


@case("correctness", hint=MEAN_HINT)
def test_prompt_and_padding_do_not_count(sol, ref):
    # Logits on prompt and padding positions are huge and wrong: they must not matter.
    B, T, V = 4, 10, 7
    ids = _randint(4, V, B, T)
    prompt, lengths = torch.tensor([3, 1, 5, 2]), torch.tensor([10, 6, 8, 2])
    labels = sol.mask_labels(ids, prompt, lengths)
    expect_equal(labels.tolist(), ref.mask_labels(ids, prompt, lengths).tolist(), what="labels")
    logits = _randn(5, B, T, V, dtype=torch.float64)
    noisy = logits.clone()
    for b in range(B):
        # targets[t] = labels[t + 1]: counted iff prompt <= t + 1 < length
        for t in range(T - 1):
            if not prompt[b] <= t + 1 < lengths[b]:
                noisy[b, t] = 50.0 * _randn(100 + 10 * b + t, V, dtype=torch.float64)
    want = _torch_loss(logits, labels)
    expect_close(_loss(sol, noisy, labels), want, rtol=1e-10, what="loss")


@case("correctness", hint="Return a tensor (not loss.item()) in the dtype of the logits.")
def test_returns_a_tensor_in_the_logits_dtype(sol):
    logits, labels = _randn(6, 2, 5, 4), _randint(7, 4, 2, 5)
    got = _loss(sol, logits, labels)  # checks for a one-element tensor
    expect(got.dtype == torch.float32, f"float32 logits should give a float32 loss: {got.dtype}")
    got = _loss(sol, logits.double(), labels)
    expect(got.dtype == torch.float64, f"float64 logits should give a float64 loss: {got.dtype}")


# ---------------------------------------------------------------- edge cases


@case("edge_cases", hint=MEAN_HINT)
def test_uneven_counts_weight_every_token_equally(sol):
    # Sequence 0 counts 1 token with loss log 4; sequence 1 counts 3 tokens with loss log 2.
    # Token mean: (log 4 + 3 log 2) / 4 = 1.25 log 2 (the mean of means would be 1.5 log 2).
    logits = torch.zeros(2, 4, 4, dtype=torch.float64)  # uniform over 4: -log p = log 4
    logits[1, :, :2] = 100.0  # two equally likely tokens: -log p = log 2
    labels = torch.tensor([[0, 3, -100, -100], [0, 1, 0, 1]])
    got = _loss(sol, logits, labels)
    expect_close(got, torch.tensor(1.25 * math.log(2), dtype=torch.float64), rtol=1e-12)


@case("edge_cases", hint="When no label is counted there is nothing to average: return 0.")
def test_nothing_counted_returns_zero(sol):
    logits = _randn(8, 2, 4, 3)
    labels = torch.full((2, 4), -100)
    labels[:, 0] = 1  # the first label is never a target
    got = _loss(sol, logits, labels)
    expect_close(got, torch.tensor(0.0), atol=0.0, what="loss with no counted token")
    got = _loss(sol, _randn(9, 3, 1, 5), _randint(10, 5, 3, 1))
    expect_close(got, torch.tensor(0.0), atol=0.0, what="loss for sequences of length 1")


@case("edge_cases", hint=SHIFT_HINT)
def test_first_label_and_last_logit_are_unused(sol):
    logits = _randn(11, 2, 6, 5, dtype=torch.float64)
    labels = _randint(12, 5, 2, 6)
    base = _loss(sol, logits, labels)
    changed_logits = logits.clone()
    changed_logits[:, -1] = 30.0 * _randn(13, 2, 5, dtype=torch.float64)
    changed_labels = labels.clone()
    changed_labels[:, 0] = (labels[:, 0] + 1) % 5
    expect_close(_loss(sol, changed_logits, changed_labels), base, rtol=1e-12,
                 what="loss after changing the last logits and the first labels")  # fmt: skip
    expect_close(base, _torch_loss(logits, labels), rtol=1e-10, what="loss")


@case("edge_cases", hint="Use a custom ignore_index when one is given.")
def test_custom_ignore_index(sol):
    logits = _randn(14, 2, 5, 6, dtype=torch.float64)
    labels = _randint(15, 6, 2, 5)
    labels[0, 2] = labels[1, 4] = -1
    got = _loss(sol, logits, labels, ignore_index=-1)
    want = F.cross_entropy(
        logits[:, :-1].reshape(-1, 6), labels[:, 1:].reshape(-1), ignore_index=-1
    )
    expect_close(got, want, rtol=1e-10, what="loss with ignore_index=-1")
    masked = sol.mask_labels(labels.clamp(min=0), torch.tensor([1, 0]), torch.tensor([5, 3]), -1)
    expect_equal(masked[:, 0].tolist(), [-1, labels[1, 0].item()], what="labels[:, 0]")
    expect_equal(masked[1, 3:].tolist(), [-1, -1], what="padding of sequence 1")


@case("edge_cases", hint="prompt_length 0 masks nothing in front; length == T means no padding.")
def test_mask_labels_extremes(sol):
    ids = _randint(16, 50, 3, 6)
    got = sol.mask_labels(ids, torch.tensor([0, 6, 0]), torch.tensor([6, 6, 0]))
    expect_equal(got[0].tolist(), ids[0].tolist(), what="no prompt, no padding")
    expect_equal(got[1].tolist(), [-100] * 6, what="prompt fills the sequence")
    expect_equal(got[2].tolist(), [-100] * 6, what="all padding")


# ---------------------------------------------------------------- numerical stability


@case("numerical_stability", hint="log(softmax(x)) is log(0) = -inf: use torch.log_softmax.")
def test_confidently_wrong_predictions(sol):
    # The model puts logit +100 on a wrong token and -100 on the right one:
    # -log p(right) = 200 + log(1 + e^-200 + ...) = 200 in float32.
    logits = torch.full((1, 3, 4), -100.0)
    logits[0, :, 0] = 100.0
    labels = torch.tensor([[0, 2, 3]])
    got = _loss(sol, logits, labels)
    expect_close(got, torch.tensor(200.0), rtol=1e-6, what="loss of a confidently wrong model")


@case("numerical_stability", hint="Subtract the max before exp, or use torch.log_softmax.")
def test_huge_logits(sol):
    logits = 1e4 * _randn(17, 2, 6, 8)
    labels = _randint(18, 8, 2, 6)
    got = _loss(sol, logits, labels)
    expect(bool(torch.isfinite(got)), f"loss is {got} for logits of size 1e4")
    expect_close(got, _torch_loss(logits, labels).float(), rtol=1e-5, what="loss")


# ---------------------------------------------------------------- efficiency


def _one_thread(fn):
    """Time the reference on one thread, like the candidate's box: on a busy machine torch's
    thread pool on this side can be many times slower than a single thread."""

    def run(*args):
        before = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            return fn(*args)
        finally:
            torch.set_num_threads(before)

    return run


@case("efficiency", timeout=10.0, hint="One log_softmax and one gather over all tokens at once.")
def test_batch_speed(sol, ref):
    # 64 x 48 tokens: vectorised code takes well under a millisecond, a Python loop over
    # tokens pays its overhead 3000 times.
    logits = _randn(19, 64, 48, 32)
    labels = _randint(20, 32, 64, 48)
    labels[:, :10] = -100
    expect_fast(sol.causal_lm_loss, _one_thread(ref.causal_lm_loss), logits, labels, max_ratio=8)
