import math

import numpy as np

from mldrill.grading.testkit import case, expect, expect_close, expect_fast

WEIGHT_HINT = (
    "The corpus value is exp(total NLL of all real tokens / number of real tokens), "
    "not a mean of the per-sequence perplexities."
)
PAD_HINT = (
    "Padded log-probs may be -inf or nan, and -inf * 0 is nan: select with "
    "np.where(mask, logprobs, 0.0) instead of multiplying by the mask."
)
STABLE_HINT = "Average the log-probabilities, then exponentiate once: never multiply probabilities."


def _check(sol, logprobs, mask, want_seq, want_corpus, what, rtol=1e-9):
    per_sequence, corpus = sol.perplexity(logprobs, mask)
    expect_close(per_sequence, np.asarray(want_seq, dtype=float), rtol=rtol, what=f"{what}: per")
    expect_close(corpus, float(want_corpus), rtol=rtol, what=f"{what}: corpus")


@case("correctness")
def test_by_hand_values(sol):
    logprobs = np.log(np.array([[0.5, 0.25, 1.0], [0.1, 0.2, 0.3]]))
    mask = np.array([[1, 1, 0], [1, 0, 0]])
    # sequence 0: (1/0.5 * 1/0.25) ** (1/2) = sqrt(8); sequence 1: 1/0.1 = 10.
    _check(sol, logprobs, mask, [math.sqrt(8.0), 10.0], 80.0 ** (1 / 3), "hand example")


@case("correctness", hint=WEIGHT_HINT)
def test_corpus_is_token_weighted(sol):
    # one token with p = 1/100 and nine tokens with p = 1/2
    logprobs = np.array([[math.log(0.01)] + [0.0] * 8, [math.log(0.5)] * 9])
    mask = np.array([[1] + [0] * 8, [1] * 9])
    want_corpus = (100.0 * 2.0**9) ** (1 / 10)  # not (100 + 2) / 2, not sqrt(100 * 2)
    _check(sol, logprobs, mask, [100.0, 2.0], want_corpus, "1 token vs 9 tokens")


@case("correctness")
def test_uniform_model(sol):
    logprobs = np.full((3, 7), -math.log(1000.0))
    mask = np.ones((3, 7), dtype=int)
    mask[1, 4:] = 0
    _check(sol, logprobs, mask, [1000.0] * 3, 1000.0, "uniform over 1000 tokens")


@case("correctness", hint=WEIGHT_HINT)
def test_matches_reference(sol, ref, rng):
    logprobs = np.log(rng.uniform(0.01, 1.0, size=(6, 30)))
    mask = (rng.random((6, 30)) < 0.7).astype(int)
    mask[:, 0] = 1
    per_sequence, corpus = sol.perplexity(logprobs, mask)
    want_seq, want_corpus = ref.perplexity(logprobs, mask)
    expect(getattr(per_sequence, "shape", None) == (6,), "per_sequence should have shape (6,)")
    expect(isinstance(corpus, float | np.floating), f"corpus should be a float, got {corpus!r}")
    expect_close(per_sequence, want_seq, rtol=1e-9, what="per-sequence perplexity")
    expect_close(corpus, want_corpus, rtol=1e-9, what="corpus perplexity")


@case("edge_cases", hint=PAD_HINT)
def test_padding_values_are_ignored(sol, rng):
    logprobs = np.log(rng.uniform(0.05, 1.0, size=(4, 6)))
    mask = np.array(
        [[1, 1, 1, 0, 0, 0], [1, 1, 1, 1, 1, 1], [1, 0, 0, 0, 0, 0], [1, 1, 0, 0, 0, 0]]
    )
    want_seq, want_corpus = sol.perplexity(np.where(mask == 1, logprobs, -1.0), mask)
    for pad in (-np.inf, np.nan, 123.0):
        padded = np.where(mask == 1, logprobs, pad)
        per_sequence, corpus = sol.perplexity(padded, mask)
        expect_close(per_sequence, want_seq, rtol=1e-12, what=f"per sequence, padding {pad}")
        expect_close(corpus, want_corpus, rtol=1e-12, what=f"corpus, padding {pad}")
    nll = -np.where(mask == 1, logprobs, 0.0).sum(axis=1) / mask.sum(axis=1)
    expect_close(want_seq, np.exp(nll), rtol=1e-9, what="per-sequence perplexity")


@case("edge_cases", hint="A sequence with no real token has an undefined perplexity: nan.")
def test_empty_sequences_give_nan(sol):
    logprobs = np.log(np.array([[0.5, 0.5], [0.3, 0.3], [0.25, 1.0]]))
    mask = np.array([[1, 1], [0, 0], [1, 0]])
    per_sequence, corpus = sol.perplexity(logprobs, mask)
    expect(bool(np.isnan(per_sequence[1])), f"an all-padding row gave {per_sequence[1]}, not nan")
    expect_close(per_sequence[[0, 2]], np.array([2.0, 4.0]), rtol=1e-9, what="the other rows")
    expect_close(corpus, 16.0 ** (1 / 3), rtol=1e-9, what="corpus over the 3 real tokens")
    per_sequence, corpus = sol.perplexity(logprobs, np.zeros((3, 2)))
    expect(bool(np.all(np.isnan(per_sequence))), "rows without tokens should all be nan")
    expect(bool(np.isnan(corpus)), f"a corpus without tokens gave {corpus}, not nan")


@case("edge_cases")
def test_certain_and_impossible_tokens(sol):
    logprobs = np.array([[0.0, 0.0, 0.0], [math.log(0.5), -np.inf, 0.0]])
    per_sequence, corpus = sol.perplexity(logprobs, np.array([[1, 1, 1], [1, 1, 0]]))
    expect_close(per_sequence[0], 1.0, what="perplexity of tokens predicted with certainty")
    expect(
        per_sequence[1] == np.inf, f"a token with probability 0 gives inf, got {per_sequence[1]}"
    )
    expect(corpus == np.inf, f"the corpus with an impossible token is inf, got {corpus}")


@case("edge_cases")
def test_bool_mask(sol, ref, rng):
    logprobs = np.log(rng.uniform(0.1, 1.0, size=(3, 5)))
    mask = rng.random((3, 5)) < 0.6
    mask[:, 0] = True
    per_sequence, corpus = sol.perplexity(logprobs, mask)
    want_seq, want_corpus = ref.perplexity(logprobs, mask.astype(int))
    expect_close(per_sequence, want_seq, rtol=1e-9, what="per sequence with a bool mask")
    expect_close(corpus, want_corpus, rtol=1e-9, what="corpus with a bool mask")


@case("numerical_stability", hint=STABLE_HINT)
def test_long_sequences(sol):
    logprobs = np.full((2, 200_000), -3.0)
    mask = np.ones((2, 200_000), dtype=int)
    mask[1, 150_000:] = 0
    _check(sol, logprobs, mask, [math.exp(3.0)] * 2, math.exp(3.0), "200k tokens at log p = -3")


@case("numerical_stability", hint=STABLE_HINT)
def test_tiny_probabilities(sol):
    # exp(-740) is subnormal and exp(-740) * exp(-10) underflows to 0
    logprobs = np.array([[-740.0, -10.0], [-700.0, -700.0]])
    want = [math.exp(375.0), math.exp(700.0)]
    _check(sol, logprobs, np.ones((2, 2)), want, math.exp(2150.0 / 4), "log-probs near -740")


@case("efficiency", timeout=10.0, hint="Sum along the time axis for all sequences at once.")
def test_speed(sol, ref, rng):
    # many short rows: a Python loop pays its per-row overhead 20 000 times
    logprobs = np.log(rng.uniform(0.01, 1.0, size=(20_000, 5)))
    mask = rng.random((20_000, 5)) < 0.8
    expect_fast(sol.perplexity, ref.perplexity, logprobs, mask, max_ratio=10, floor_ms=10)
