import numpy as np

from mldrill.grading.testkit import (
    box_rng,
    case,
    expect,
    expect_close,
    expect_equal,
    expect_fast,
    expect_raises,
)

NEG = -np.inf
P4 = np.array([[0.4, 0.3, 0.2, 0.1]])
L4 = np.log(P4)
NUCLEUS_HINT = (
    "Sort the probabilities in descending order and keep the shortest prefix whose total "
    "reaches top_p: a token stays if the mass of the tokens before it is < top_p."
)
ORDER_HINT = (
    "Top-p runs after top-k, on the softmax of the logits top-k kept (renormalised), "
    "not on the original distribution."
)
TIE_HINT = "Keep every logit >= the k-th largest value: ties at the boundary all stay."
SAMPLE_HINT = (
    "Draw u = rng.random(batch) once; per row, pick the first index whose cumulative "
    "probability (of the filtered distribution) is > u times the row total."
)


def _keep(logits, mask):
    return np.where(mask, logits, NEG)


@case("correctness", hint=TIE_HINT)
def test_top_k_by_hand(sol):
    logits = np.array([[1.0, 3.0, 2.0, 0.0, 5.0], [-1.0, -2.0, 4.0, 0.5, 0.25]])
    got = sol.top_k_top_p_filter(logits, top_k=2)
    want = np.array([[NEG, 3.0, NEG, NEG, 5.0], [NEG, NEG, 4.0, 0.5, NEG]])
    expect_close(got, want, what="top_k=2")
    got = sol.top_k_top_p_filter(logits, top_k=4)
    want = np.array([[1.0, 3.0, 2.0, NEG, 5.0], [-1.0, NEG, 4.0, 0.5, 0.25]])
    expect_close(got, want, what="top_k=4")


@case("correctness", hint=NUCLEUS_HINT)
def test_top_p_by_hand(sol):
    # probabilities 0.4, 0.3, 0.2, 0.1: the mass before each token is 0, 0.4, 0.7, 0.9.
    for top_p, n_kept in [(0.35, 1), (0.5, 2), (0.65, 2), (0.71, 3), (0.95, 4)]:
        got = sol.top_k_top_p_filter(L4, top_p=top_p)
        want = _keep(L4, np.arange(4) < n_kept)
        expect_close(got, want, what=f"top_p={top_p} (keeps {n_kept})")


@case("correctness", hint=ORDER_HINT)
def test_top_p_after_top_k_renormalises(sol):
    # top_k=3 leaves 0.4, 0.3, 0.2, renormalised to 4/9, 3/9, 2/9: the mass before the
    # third is 7/9 > 0.75, so it goes. Measured on the original 0.4 + 0.3 = 0.7 it would stay.
    got = sol.top_k_top_p_filter(L4, top_k=3, top_p=0.75)
    expect_close(got, _keep(L4, np.arange(4) < 2), what="top_k=3 then top_p=0.75")


@case("correctness", hint=NUCLEUS_HINT)
def test_matches_reference_random(sol, ref, rng):
    logits = rng.normal(scale=2.0, size=(60, 40))
    for top_k, top_p in [(0, 0.9), (5, 1.0), (10, 0.8), (39, 0.3), (1, 0.5)]:
        got = sol.top_k_top_p_filter(logits, top_k=top_k, top_p=top_p)
        want = ref.top_k_top_p_filter(logits, top_k=top_k, top_p=top_p)
        expect_close(got, want, what=f"top_k={top_k}, top_p={top_p}")


@case("correctness", hint=SAMPLE_HINT)
def test_sample_matches_reference(sol, ref, rng):
    logits = rng.normal(scale=1.5, size=(300, 25))
    for seed, top_k, top_p in [(1, 0, 1.0), (2, 8, 1.0), (3, 0, 0.7), (4, 6, 0.9)]:
        got = sol.sample_next_token(logits, box_rng(sol, seed), top_k=top_k, top_p=top_p)
        want = ref.sample_next_token(logits, np.random.default_rng(seed), top_k, top_p)
        expect_equal(got, want, what=f"tokens for seed {seed}, top_k={top_k}, top_p={top_p}")


@case("correctness", hint="Sample from the filtered distribution, never from the raw logits.")
def test_samples_follow_filtered_distribution(sol):
    n = 20_000
    logits = np.tile(np.log([0.35, 0.25, 0.2, 0.1, 0.06, 0.04]), (n, 1))
    tokens = np.asarray(sol.sample_next_token(logits, box_rng(sol, 11), top_k=4, top_p=0.7))
    expect(tokens.shape == (n,), f"expected {n} token ids, got shape {tokens.shape}")
    expect(bool(np.all((tokens >= 0) & (tokens < 3))), "drew a token the filters removed")
    # top_k=4 renormalises to 0.35, 0.25, 0.2, 0.1 over 0.9; top_p=0.7 keeps the first three.
    want = np.array([0.35, 0.25, 0.2]) / 0.8
    freq = np.bincount(tokens, minlength=3)[:3] / n
    expect_close(freq, want, atol=0.02, rtol=0, what="sampled frequencies of tokens 0..2")


@case("edge_cases", hint=TIE_HINT)
def test_ties_at_the_kth_logit_are_kept(sol):
    logits = np.array([[2.0, 1.0, 1.0, 0.0], [0.0, 0.0, 0.0, 0.0]])
    got = sol.top_k_top_p_filter(logits, top_k=2)
    want = np.array([[2.0, 1.0, 1.0, NEG], [0.0, 0.0, 0.0, 0.0]])
    expect_close(got, want, what="top_k=2 with tied logits")


@case("edge_cases", hint="Tokens with equal probability have the same mass before them.")
def test_ties_in_the_nucleus(sol):
    logits = np.log(np.array([[0.4, 0.2, 0.2, 0.2]]))
    got = sol.top_k_top_p_filter(logits, top_p=0.5)  # all three 0.2 have mass 0.4 before them
    expect_close(got, logits, what="top_p=0.5 with three tied tokens")
    got = sol.top_k_top_p_filter(logits, top_p=0.3)
    expect_close(got, _keep(logits, np.arange(4) < 1), what="top_p=0.3")


@case("edge_cases", hint="Stop as soon as the kept mass reaches top_p (>=), not after it.")
def test_nucleus_stops_when_mass_reaches_top_p(sol):
    # 0.5, 0.25, 0.125, 0.125 are exact in floating point: 0.5 + 0.25 reaches 0.75 exactly.
    logits = np.log(np.array([[4.0, 2.0, 1.0, 1.0]]))
    got = sol.top_k_top_p_filter(logits, top_p=0.75)
    expect_close(got, _keep(logits, np.arange(4) < 2), what="top_p=0.75")


@case("edge_cases", hint="top_k=0 and top_p=1.0 switch the filters off entirely.")
def test_disabled_filters_change_nothing(sol, rng):
    logits = np.array([[0.0, -2000.0, 3.0], [1.0, 1.0, -5.0]])
    expect_close(sol.top_k_top_p_filter(logits), logits, what="top_k=0, top_p=1.0")
    expect_close(sol.top_k_top_p_filter(logits, top_k=3), logits, what="top_k = vocab")
    expect_close(sol.top_k_top_p_filter(logits, top_k=50), logits, what="top_k > vocab")


@case("edge_cases", hint="The most likely token always survives, however small top_p is.")
def test_keeps_at_least_one_token(sol, rng):
    logits = rng.normal(size=(20, 10))
    best = logits == logits.max(axis=1, keepdims=True)
    got = sol.top_k_top_p_filter(logits, top_p=1e-9)
    expect_close(got, _keep(logits, best), what="top_p=1e-9")
    got = sol.top_k_top_p_filter(logits, top_k=1, top_p=0.999)
    expect_close(got, _keep(logits, best), what="top_k=1")


@case("edge_cases", hint="-inf logits are banned tokens: probability 0, never sampled.")
def test_banned_tokens_stay_banned(sol):
    logits = np.array([[NEG, 1.0, NEG, 0.0, -1.0], [2.0, NEG, NEG, NEG, NEG]])
    got = sol.top_k_top_p_filter(logits, top_k=2, top_p=0.9)
    # row 0: kept 1.0 and 0.0 -> p = 0.731, 0.269: mass before the second is 0.731 < 0.9.
    want = np.array([[NEG, 1.0, NEG, 0.0, NEG], [2.0, NEG, NEG, NEG, NEG]])
    expect_close(got, want, what="filtered logits")
    tokens = np.asarray(sol.sample_next_token(np.tile(logits, (200, 1)), box_rng(sol, 3)))
    expect(bool(np.all(np.isin(tokens[::2], [1, 3, 4]))), "row 0 drew a banned token")
    expect(bool(np.all(tokens[1::2] == 0)), "row 1 has one allowed token, 0")


@case("edge_cases")
def test_invalid_arguments_raise(sol):
    expect_raises("ValueError", sol.top_k_top_p_filter, L4, -1, 1.0)
    expect_raises("ValueError", sol.top_k_top_p_filter, L4, 0, 0.0)
    expect_raises("ValueError", sol.top_k_top_p_filter, L4, 0, 1.5)


@case("numerical_stability", hint="Subtract the row max before exp.")
def test_huge_logits(sol, ref):
    logits = np.array([[1e4, 1e4 - 1.0, 1e4 - 5.0, -1e4], [-1e4, -1e4 - 3.0, -1e4, -2e4]])
    got = sol.top_k_top_p_filter(logits, top_p=0.9)
    # row 0: p = 0.7275, 0.2676, 0.0049, 0; row 1: 0.4879, 0.0243, 0.4879, 0.
    want = np.array([[1e4, 1e4 - 1.0, NEG, NEG], [-1e4, NEG, -1e4, NEG]])
    expect_close(got, want, what="top_p=0.9 on logits near ±1e4")
    tokens = np.asarray(sol.sample_next_token(logits, box_rng(sol, 5), top_p=0.9))
    want_tokens = ref.sample_next_token(logits, np.random.default_rng(5), top_p=0.9)
    expect_equal(tokens, want_tokens, what="tokens sampled from logits near ±1e4")


@case("efficiency", timeout=10.0, hint="Sort and cumsum whole (batch, vocab) arrays at once.")
def test_filter_speed(sol, ref, rng):
    logits = rng.normal(scale=3.0, size=(2000, 32))
    expect_fast(sol.top_k_top_p_filter, ref.top_k_top_p_filter, logits, 10, 0.9, max_ratio=10)
