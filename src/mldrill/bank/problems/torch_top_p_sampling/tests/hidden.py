import math

import torch

from mldrill.grading.testkit import case, expect, expect_close, expect_fast

N = 4000  # draws per frequency test: one standard error is at most 0.008
TOL = 0.04  # frequencies must be within 0.04 of the exact probabilities (5 standard errors)

SEED_HINT = (
    "Draw with torch.multinomial(probs, 1, generator=torch.Generator().manual_seed(seed)): "
    "the same seed must give the same tokens, and the global RNG must not be used."
)
NUCLEUS_HINT = (
    "Sort descending and keep a token while the probability mass before it is below top_p: "
    "the token that crosses top_p is kept, the ones after it are dropped."
)
ORDER_HINT = "Apply top-k first, renormalise, then choose the nucleus from what top-k kept."


def _logits_of(probs, rows=N):
    """Logits whose softmax is probs, repeated over `rows` rows."""
    return torch.log(torch.tensor(probs, dtype=torch.float64)).float().repeat(rows, 1)


def _randn(seed, *shape):
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed))


def _tokens(got, rows, what="the result"):
    expect(isinstance(got, torch.Tensor), f"{what}: expected a torch tensor, got {type(got)}")
    expect(tuple(got.shape) == (rows,), f"{what}: expected shape ({rows},), got {tuple(got.shape)}")
    expect(got.dtype == torch.int64, f"{what}: expected int64 token ids, got {got.dtype}")
    return got


def _frequencies(got, vocab):
    return torch.bincount(got, minlength=vocab).double() / got.numel()


def _expect_distribution(got, want, what):
    want = torch.tensor(want, dtype=torch.float64)
    freq = _frequencies(_tokens(got, N, what), len(want))
    never = want == 0
    expect(not bool((freq[never] > 0).any()),
           f"{what}: sampled tokens {never.nonzero().flatten().tolist()} that must be filtered out"
           f" (frequencies {[round(v, 4) for v in freq.tolist()]})")  # fmt: skip
    expect_close(freq, want, rtol=0.0, atol=TOL, what=f"{what}: token frequencies over {N} draws")


def _single_threaded(fn):
    """The reference timed with one intra-op thread, as the candidate's code runs. With the
    trusted side's default thread pool, a loaded machine makes tiny torch ops many times slower."""

    def run(*args):
        threads = torch.get_num_threads()
        torch.set_num_threads(1)
        try:
            return fn(*args)
        finally:
            torch.set_num_threads(threads)

    return run


# ---------------------------------------------------------------- correctness


@case("correctness", hint="temperature == 0 means greedy: return argmax over the vocabulary.")
def test_greedy_when_temperature_zero(sol):
    logits = torch.tensor([[0.1, 2.0, -1.0, 1.9], [5.0, 4.0, 3.0, -2.0], [-3.0, -2.0, -1.0, -4.0]])
    got = _tokens(sol.sample_next_token(logits, temperature=0.0, seed=5), 3)
    expect(got.tolist() == [1, 0, 2], f"greedy tokens should be [1, 0, 2], got {got.tolist()}")


@case("correctness", hint="top_k=1 keeps only the largest logit of each row.")
def test_top_k_one_is_greedy(sol):
    logits = 3.0 * _randn(1, 64, 50)
    got = _tokens(sol.sample_next_token(logits, temperature=1.3, top_k=1, seed=2), 64)
    expect(torch.equal(got, logits.argmax(dim=-1)), "top_k=1 must return each row's argmax")


@case("correctness", hint="Always keep the most likely token, even when top_p is tiny.")
def test_tiny_top_p_is_greedy(sol):
    logits = 3.0 * _randn(3, 64, 50)
    got = _tokens(sol.sample_next_token(logits, top_p=1e-6, seed=4), 64)
    expect(torch.equal(got, logits.argmax(dim=-1)), "top_p=1e-6 must return each row's argmax")


@case("correctness", hint=SEED_HINT)
def test_same_seed_same_tokens(sol):
    logits = torch.zeros(256, 50)
    a = _tokens(sol.sample_next_token(logits, seed=123), 256)
    b = _tokens(sol.sample_next_token(logits, seed=123), 256)
    expect(torch.equal(a, b), "two calls with seed=123 returned different tokens")


@case("correctness", hint=SEED_HINT)
def test_different_seeds_differ(sol):
    logits = torch.zeros(256, 50)
    a = _tokens(sol.sample_next_token(logits, seed=1), 256)
    b = _tokens(sol.sample_next_token(logits, seed=2), 256)
    expect(not torch.equal(a, b), "seed=1 and seed=2 gave the same 256 uniform draws")


@case(
    "correctness", hint="Without filtering, token i is drawn with probability softmax(logits)[i]."
)
def test_plain_sampling_distribution(sol):
    probs = [0.1, 0.2, 0.3, 0.4]
    got = sol.sample_next_token(_logits_of(probs), seed=7)
    _expect_distribution(got, probs, "plain sampling")


@case("correctness", hint=NUCLEUS_HINT)
def test_nucleus_known_distribution(sol):
    # Sorted probabilities 0.5, 0.3, 0.15, 0.05 with top_p = 0.7: 0.5 < 0.7, so the 0.3 token
    # is still needed; 0.5 + 0.3 >= 0.7, so nothing after it. Renormalised: 5/8 and 3/8.
    got = sol.sample_next_token(_logits_of([0.15, 0.5, 0.05, 0.3]), top_p=0.7, seed=8)
    _expect_distribution(got, [0.0, 0.625, 0.0, 0.375], "top_p=0.7")


@case("correctness", hint="Keep the k largest logits and renormalise over them.")
def test_top_k_known_distribution(sol):
    got = sol.sample_next_token(_logits_of([0.1, 0.4, 0.2, 0.3]), top_k=2, seed=9)
    _expect_distribution(got, [0.0, 4 / 7, 0.0, 3 / 7], "top_k=2")


@case("correctness", hint="Divide the logits (not the probabilities) by the temperature.")
def test_temperature_reshapes_distribution(sol):
    # Logits / T: with p = [0.6, 0.3, 0.1], T = 0.5 gives p^2 renormalised, T = 2 gives sqrt(p).
    probs = [0.6, 0.3, 0.1]
    got = sol.sample_next_token(_logits_of(probs), temperature=0.5, seed=10)
    _expect_distribution(got, [p * p / 0.46 for p in probs], "temperature=0.5")
    root = sum(math.sqrt(p) for p in probs)
    got = sol.sample_next_token(_logits_of(probs), temperature=2.0, seed=11)
    _expect_distribution(got, [math.sqrt(p) / root for p in probs], "temperature=2")


@case("correctness", hint=ORDER_HINT)
def test_top_k_then_top_p(sol):
    # top_k=2 keeps 0.4 and 0.3, renormalised to 4/7 and 3/7. 4/7 >= 0.5, so top_p=0.5 then
    # keeps only the first. (On the unfiltered distribution 0.4 < 0.5 would keep both.)
    got = sol.sample_next_token(_logits_of([0.3, 0.1, 0.4, 0.2]), top_k=2, top_p=0.5, seed=12)
    _expect_distribution(got, [0.0, 0.0, 1.0, 0.0], "top_k=2 then top_p=0.5")


@case("correctness", hint="Each row gets its own top-k and nucleus; sort and cumsum along dim=-1.")
def test_each_row_has_its_own_nucleus(sol):
    # Row A is peaked: top_p=0.6 keeps token 2 only. Row B: sorted 0.35 (1), 0.3 (3): keep both.
    a = [0.05, 0.05, 0.85, 0.05]
    b = [0.1, 0.35, 0.25, 0.3]
    logits = torch.stack([_logits_of(a, 1)[0], _logits_of(b, 1)[0]]).repeat(N // 2, 1)
    got = _tokens(sol.sample_next_token(logits, top_p=0.6, seed=13), N)
    row_a, row_b = got[0::2], got[1::2]
    expect(bool((row_a == 2).all()), "row A ([0.05, 0.05, 0.85, 0.05], top_p=0.6) must give 2")
    freq = _frequencies(row_b, 4)
    want = torch.tensor([0.0, 0.35 / 0.65, 0.0, 0.3 / 0.65], dtype=torch.float64)
    expect_close(freq, want, rtol=0.0, atol=TOL, what="row B frequencies with top_p=0.6")


# ---------------------------------------------------------------- edge cases


@case(
    "edge_cases",
    hint="Keep the smallest set whose mass reaches top_p; a mass of exactly top_p is enough.",
)
def test_exact_threshold(sol):
    # Four equal logits give probabilities of exactly 1/4. The smallest set with mass >= top_p
    # has 1 token for top_p = 0.25, 2 for 0.5 and 3 for 0.75 (ties may be broken any way).
    for top_p, size in ((0.25, 1), (0.5, 2), (0.75, 3)):
        seen = set()
        for seed in range(48):
            got = _tokens(sol.sample_next_token(torch.zeros(1, 4), top_p=top_p, seed=seed), 1)
            seen.add(int(got[0]))
        expect(len(seen) == size,
               f"top_p={top_p} over 4 tokens of probability 1/4 must keep {size} token(s); "
               f"48 seeds drew {sorted(seen)}")  # fmt: skip


@case("edge_cases", hint="top_k >= vocabulary size and top_p = 1.0 both mean: no filtering.")
def test_no_filtering_keeps_rare_tokens(sol):
    probs = [0.05, 0.6, 0.3, 0.05]
    got = sol.sample_next_token(_logits_of(probs), top_k=100, top_p=1.0, seed=14)
    _expect_distribution(got, probs, "top_k=100, top_p=1.0 over 4 tokens")


@case("edge_cases", hint="A -inf logit has probability 0: it must never be drawn.")
def test_masked_tokens_never_sampled(sol):
    logits = _randn(15, 2000, 8)
    logits[:, ::2] = float("-inf")  # even ids are banned
    for kwargs in ({}, {"top_k": 6}, {"top_p": 0.95}, {"temperature": 3.0, "top_k": 8}):
        got = _tokens(sol.sample_next_token(logits, seed=16, **kwargs), 2000)
        expect(
            bool((got % 2 == 1).all()), f"drew a token with logit -inf with {kwargs or 'defaults'}"
        )


@case("edge_cases")
def test_single_row_single_token(sol):
    got = _tokens(sol.sample_next_token(torch.tensor([[0.0, 9.0, -9.0]]), top_k=1, seed=0), 1)
    expect(got.tolist() == [1], f"expected [1], got {got.tolist()}")
    got = _tokens(sol.sample_next_token(torch.tensor([[4.0]]), top_p=0.3, seed=0), 1)
    expect(got.tolist() == [0], f"a vocabulary of one token must give [0], got {got.tolist()}")


# ---------------------------------------------------------------- numerical stability


@case("numerical_stability", hint="Use torch.softmax (it subtracts the max), not exp / sum.")
def test_large_logits_low_temperature(sol):
    # Scores 4000, 3998 and 0 after T = 0.5: softmax gives 1 / (1 + e^-2) and e^-2 / (1 + e^-2).
    logits = torch.tensor([[2000.0, 1999.0, 0.0]]).repeat(N, 1)
    got = sol.sample_next_token(logits, temperature=0.5, top_p=0.99, seed=17)
    s = 1 / (1 + math.exp(-2.0))
    _expect_distribution(got, [s, 1 - s, 0.0], "logits [2000, 1999, 0] at T=0.5")


@case(
    "numerical_stability",
    hint="Very small temperatures make the scores huge: softmax must stay finite.",
)
def test_tiny_temperature_is_greedy(sol):
    logits = _randn(18, 500, 30)
    got = _tokens(sol.sample_next_token(logits, temperature=1e-6, seed=19), 500)
    expect(torch.equal(got, logits.argmax(dim=-1)), "temperature=1e-6 must behave like argmax")


# ---------------------------------------------------------------- efficiency


@case(
    "efficiency", timeout=10.0, hint="Sort, cumsum and sample all rows at once: no loop over rows."
)
def test_batch_speed(sol, ref):
    # Many short rows: about a millisecond vectorised, a Python loop pays its overhead per row.
    logits = 2.0 * _randn(20, 512, 8)
    reference = _single_threaded(ref.sample_next_token)
    expect_fast(sol.sample_next_token, reference, logits, 0.8, 4, 0.9, 21, max_ratio=6)
