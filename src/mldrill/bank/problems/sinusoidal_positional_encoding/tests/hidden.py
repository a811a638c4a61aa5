import math

import numpy as np

from mldrill.grading.testkit import case, expect, expect_close, expect_fast, expect_raises

ORDER_HINT = (
    "Columns alternate sin, cos, sin, cos, ...; pair i (columns 2i and 2i+1) uses one "
    "frequency, base ** (-2i / d_model)."
)
ODD_HINT = (
    "For odd d_model the last column is a lone sine. Divide the exponent by the real "
    "d_model, not by d_model + 1."
)


def _by_hand(seq_len, d_model, base=10000.0):
    """The table entry by entry, straight from the formula."""
    rows = [_row(pos, d_model, base) for pos in range(seq_len)]
    return np.array(rows, dtype=float).reshape(seq_len, d_model)


def _row(pos, d_model, base=10000.0):
    omega = [base ** (-(j - j % 2) / d_model) for j in range(d_model)]
    return [math.sin(pos * w) if j % 2 == 0 else math.cos(pos * w) for j, w in enumerate(omega)]


@case("correctness", hint=ORDER_HINT)
def test_known_values_d4(sol):
    got = sol.sinusoidal_positional_encoding(4, 4)
    # d_model = 4: omega_0 = 1 and omega_1 = 10000^(-1/2) = 1/100.
    want = np.array(
        [[math.sin(p), math.cos(p), math.sin(p / 100), math.cos(p / 100)] for p in range(4)]
    )
    expect_close(got, want, rtol=1e-10, atol=1e-12, what="the (4, 4) table")


@case("correctness", hint=ORDER_HINT)
def test_matches_reference(sol, ref):
    for seq_len, d_model in [(50, 64), (17, 6), (9, 128)]:
        got = sol.sinusoidal_positional_encoding(seq_len, d_model)
        want = ref.sinusoidal_positional_encoding(seq_len, d_model)
        expect_close(got, want, rtol=1e-9, atol=1e-11, what=f"the ({seq_len}, {d_model}) table")


@case("correctness", hint=ODD_HINT)
def test_odd_d_model_by_hand(sol):
    got = sol.sinusoidal_positional_encoding(3, 5)
    # omega = [1, 10^(-8/5), 10^(-16/5)]; the fifth column is a sine with no cosine.
    w1, w2 = 10.0**-1.6, 10.0**-3.2
    want = np.array(
        [
            [math.sin(p), math.cos(p), math.sin(p * w1), math.cos(p * w1), math.sin(p * w2)]
            for p in range(3)
        ]
    )
    expect_close(got, want, rtol=1e-10, atol=1e-12, what="the (3, 5) table")
    got = sol.sinusoidal_positional_encoding(6, 7)
    expect_close(got, _by_hand(6, 7), rtol=1e-9, atol=1e-12, what="the (6, 7) table")


@case("correctness", hint="omega_i = base ** (-2i / d_model): use the base you are given.")
def test_custom_base(sol):
    got = sol.sinusoidal_positional_encoding(3, 4, base=100.0)
    # base 100, d_model 4: omega_1 = 100^(-1/2) = 0.1
    want = np.array(
        [[math.sin(p), math.cos(p), math.sin(0.1 * p), math.cos(0.1 * p)] for p in range(3)]
    )
    expect_close(got, want, rtol=1e-10, atol=1e-12, what="the table with base=100")


@case("correctness", hint=ORDER_HINT)
def test_shift_is_a_rotation(sol):
    # For every pair, (sin, cos) at pos + k is (sin, cos) at pos rotated by k * omega_i:
    # that is what lets attention read relative positions off this table.
    d_model, k = 8, 5
    pe = sol.sinusoidal_positional_encoding(40, d_model)
    omega = 10000.0 ** (-np.arange(0, d_model, 2) / d_model)
    s, c = pe[:30, 0::2], pe[:30, 1::2]
    want_s = s * np.cos(k * omega) + c * np.sin(k * omega)
    want_c = c * np.cos(k * omega) - s * np.sin(k * omega)
    expect_close(pe[k : 30 + k, 0::2], want_s, atol=1e-10, what="the sines shifted by 5")
    expect_close(pe[k : 30 + k, 1::2], want_c, atol=1e-10, what="the cosines shifted by 5")


@case("correctness", hint="Return a float64 array of shape (seq_len, d_model).")
def test_returns_float64(sol):
    got = sol.sinusoidal_positional_encoding(5, 6)
    expect(type(got) is np.ndarray, f"expected an np.ndarray, got {type(got).__name__}")
    expect(got.shape == (5, 6), f"expected shape (5, 6), got {got.shape}")
    expect(got.dtype == np.float64, f"expected dtype float64, got {got.dtype}")


@case("edge_cases", hint=ODD_HINT)
def test_d_model_one(sol):
    got = sol.sinusoidal_positional_encoding(4, 1)
    want = np.sin(np.arange(4.0))[:, None]
    expect_close(got, want, rtol=1e-12, atol=1e-15, what="the (4, 1) table: only sin(pos)")


@case("edge_cases")
def test_position_zero(sol):
    got = sol.sinusoidal_positional_encoding(1, 6)
    expect_close(got, np.array([[0.0, 1.0, 0.0, 1.0, 0.0, 1.0]]), what="row 0 (sin 0, cos 0)")


@case("edge_cases")
def test_empty_sequence(sol):
    got = sol.sinusoidal_positional_encoding(0, 7)
    expect_close(got, np.zeros((0, 7)), what="a table with no positions")


@case("edge_cases", hint="Check the sizes first: seq_len >= 0 and d_model >= 1.")
def test_invalid_sizes_raise(sol):
    expect_raises("ValueError", sol.sinusoidal_positional_encoding, 4, 0)
    expect_raises("ValueError", sol.sinusoidal_positional_encoding, -1, 4)


@case("numerical_stability", hint="Keep positions, frequencies and angles in float64.")
def test_large_positions_precise(sol):
    seq_len, d_model = 100_000, 6
    got = sol.sinusoidal_positional_encoding(seq_len, d_model)
    rows = [0, 12_345, 65_537, 99_999]
    want = np.array([_row(p, d_model) for p in rows])
    expect_close(got[rows], want, rtol=0, atol=1e-8, what=f"rows {rows}")


@case("efficiency", timeout=10.0, hint="Broadcast positions against frequencies: no loops.")
def test_table_speed(sol, ref):
    expect_fast(
        sol.sinusoidal_positional_encoding,
        ref.sinusoidal_positional_encoding,
        2048,
        128,
        max_ratio=5,
        floor_ms=10,
    )
