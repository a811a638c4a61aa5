import math

import numpy as np

from mldrill.grading.testkit import case, expect, expect_close, expect_fast, expect_raises

HALF_HINT = (
    "Rotate-half pairs feature i with feature i + d/2 (not 2i with 2i+1). Pair i turns by "
    "pos * base ** (-2i / d): x1 cos - x2 sin goes first, x2 cos + x1 sin second."
)


def _rotate(a, b, angle):
    return a * math.cos(angle) - b * math.sin(angle), b * math.cos(angle) + a * math.sin(angle)


@case("correctness", hint="With d = 2 each row is rotated counter-clockwise by pos radians.")
def test_d2_rotation_by_hand(sol):
    x = np.array([[1.0, 0.0], [0.0, 1.0], [2.0, -1.0], [3.0, 4.0]])
    got = sol.apply_rotary(x)
    want = np.array([_rotate(a, b, p) for p, (a, b) in enumerate(x.tolist())])
    expect_close(got, want, rtol=1e-10, atol=1e-12, what="rows rotated by 0, 1, 2, 3 rad")


@case("correctness", hint=HALF_HINT)
def test_known_values_d4(sol):
    # d = 4: features (0, 2) turn by pos * 1 and features (1, 3) by pos * 10000^(-1/2).
    x = np.array([[1.0, 2.0, 3.0, 4.0]] * 3)
    got = sol.apply_rotary(x)
    want = []
    for p in range(3):
        x0, x2 = _rotate(1.0, 3.0, p)
        x1, x3 = _rotate(2.0, 4.0, p / 100)
        want.append([x0, x1, x2, x3])
    expect_close(got, np.array(want), rtol=1e-10, atol=1e-12, what="the rotated (3, 4) rows")


@case("correctness", hint="theta_i = base ** (-2i / d): use the base you are given.")
def test_custom_base(sol):
    x = np.array([[1.0, 2.0, 3.0, 4.0]] * 3)
    got = sol.apply_rotary(x, base=4.0)
    want = []
    for p in range(3):
        x0, x2 = _rotate(1.0, 3.0, p)
        x1, x3 = _rotate(2.0, 4.0, p / 2)  # 4^(-1/2) = 1/2
        want.append([x0, x1, x2, x3])
    expect_close(got, np.array(want), rtol=1e-10, atol=1e-12, what="the rows with base=4")


@case("correctness", hint=HALF_HINT)
def test_matches_reference_batched(sol, ref, rng):
    x = rng.normal(size=(2, 3, 10, 8))
    got = sol.apply_rotary(x)
    expect(getattr(got, "shape", None) == x.shape, f"expected shape {x.shape}")
    expect_close(got, ref.apply_rotary(x), rtol=1e-9, atol=1e-12, what="batched (2, 3, 10, 8)")


@case("correctness", hint="q_m . k_n must depend only on m - n: rotate q and k the same way.")
def test_scores_depend_only_on_offset(sol, rng):
    d, seq = 16, 12
    q = np.tile(rng.normal(size=d), (seq, 1))  # the same query at every position
    k = np.tile(rng.normal(size=d), (seq, 1))  # the same key at every position
    scores = sol.apply_rotary(q) @ sol.apply_rotary(k).T  # scores[m, n] = q_m . k_n
    expect_close(scores[1:, 1:], scores[:-1, :-1], rtol=1e-9, atol=1e-10, what="q_m.k_n shift")
    expect(
        not np.allclose(scores[0, 1:], scores[0, 0]),
        "q_0 . k_n is the same for every n: the positions are not encoded at all",
    )


@case("correctness", hint="A rotation never changes a vector's length.")
def test_preserves_norm(sol, rng):
    x = rng.normal(size=(3, 20, 10))
    got = sol.apply_rotary(x)
    expect_close(
        np.linalg.norm(got, axis=-1), np.linalg.norm(x, axis=-1), rtol=1e-10, what="row norms"
    )


@case("correctness", hint="Token j sits at positions[j]; use it in place of j.")
def test_positions_argument(sol, rng):
    x = rng.normal(size=(2, 12, 6))
    full = sol.apply_rotary(x)
    got = sol.apply_rotary(x[:, 7:10], positions=np.arange(7, 10))
    expect_close(got, full[:, 7:10], rtol=1e-10, atol=1e-12, what="tokens 7..9 given positions")
    x0 = np.array([[1.0, 0.0]])
    got = sol.apply_rotary(np.repeat(x0, 3, axis=0), positions=np.array([5, 0, 2]))
    want = np.array([[math.cos(5), math.sin(5)], [1.0, 0.0], [math.cos(2), math.sin(2)]])
    expect_close(got, want, rtol=1e-10, atol=1e-12, what="positions [5, 0, 2]")


@case("edge_cases", hint="At position 0 every angle is 0: the rotation is the identity.")
def test_position_zero_is_identity(sol, rng):
    x = rng.normal(size=(4, 1, 8))
    expect_close(sol.apply_rotary(x), x, rtol=1e-12, what="a one-token sequence at position 0")


@case("edge_cases", hint="Check d % 2 first and raise ValueError for an odd feature size.")
def test_odd_d_raises(sol):
    expect_raises("ValueError", sol.apply_rotary, np.ones((3, 5)))


@case("edge_cases")
def test_many_leading_axes(sol, ref, rng):
    x = rng.normal(size=(2, 1, 3, 5, 4))
    got = sol.apply_rotary(x, positions=np.array([0, 3, 1, 4, 2]))
    want = ref.apply_rotary(x, positions=np.array([0, 3, 1, 4, 2]))
    expect_close(got, want, rtol=1e-9, atol=1e-12, what="5-d input with shuffled positions")


@case("numerical_stability", hint="Keep positions and angles in float64.")
def test_large_positions(sol):
    x = np.array([[1.0, 0.0, 0.0, 1.0]] * 3)
    pos = [1_000_003, 54_321_987, 2**31 - 1]
    got = sol.apply_rotary(x, positions=np.array(pos))
    want = []
    for p in pos:
        x0, x2 = _rotate(1.0, 0.0, p)
        x1, x3 = _rotate(0.0, 1.0, p / 100)
        want.append([x0, x1, x2, x3])
    expect_close(got, np.array(want), rtol=0, atol=1e-6, what="rows at very large positions")


@case("efficiency", timeout=10.0, hint="Build the (seq, d/2) cos and sin tables once; broadcast.")
def test_batched_speed(sol, ref, rng):
    x = rng.normal(size=(8, 4, 128, 32))
    expect_fast(sol.apply_rotary, ref.apply_rotary, x, max_ratio=6, floor_ms=10)
