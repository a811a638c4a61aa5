import numpy as np

from mldrill.grading.testkit import case, expect, expect_close, expect_fast

X = np.array(
    [[1.0, 5.0, 2.0, 0.0], [3.0, 4.0, 8.0, 8.0], [7.0, -1.0, 6.0, 2.0], [0.0, 9.0, 1.0, 3.0]]
).reshape(1, 1, 4, 4)


def _naive(x, k, s):
    """Forward and the winner of each window, one window at a time (small inputs only)."""
    n, c, h, w = x.shape
    ho, wo = (h - k) // s + 1, (w - k) // s + 1
    out = np.zeros((n, c, ho, wo))
    winners = {}
    for a in range(n):
        for b in range(c):
            for i in range(ho):
                for j in range(wo):
                    window = x[a, b, i * s : i * s + k, j * s : j * s + k]
                    r, q = divmod(int(np.argmax(window)), k)
                    out[a, b, i, j] = window[r, q]
                    winners[a, b, i, j] = (a, b, i * s + r, j * s + q)
    return out, winners


def _naive_backward(dout, x, k, s):
    dx = np.zeros(x.shape)
    for pos, at in _naive(x, k, s)[1].items():
        dx[at] += dout[pos]
    return dx


@case("correctness")
def test_forward_by_hand(sol):
    expect_close(sol.max_pool2d(X, 2), np.array([[[[5.0, 8.0], [9.0, 6.0]]]]), what="2x2 pooling")
    expect_close(sol.max_pool2d(X, 3, 1), np.array([[[[8.0, 8.0], [9.0, 9.0]]]]), what="3x3, s=1")
    expect_close(sol.max_pool2d(X, 4), np.array([[[[9.0]]]]), what="one 4x4 window")


@case("correctness", hint="Each window sends its gradient to its maximum; the rest get 0.")
def test_backward_by_hand(sol):
    dx = sol.max_pool2d_backward(np.array([[[[1.0, 2.0], [3.0, 4.0]]]]), X, 2)
    want = np.array([[0, 1, 0, 0], [0, 0, 2, 0], [0, 0, 4, 0], [0, 3, 0, 0]], dtype=float)
    expect_close(dx, want.reshape(1, 1, 4, 4), what="dx for 2x2 pooling")


@case("correctness", hint="With stride < kernel, an input that wins several windows sums them.")
def test_overlapping_windows_accumulate(sol):
    x = np.array([[1.0, 2.0, 1.0], [2.0, 9.0, 2.0], [1.0, 2.0, 1.0]]).reshape(1, 1, 3, 3)
    expect_close(sol.max_pool2d(x, 2, 1), np.full((1, 1, 2, 2), 9.0), what="forward")
    dx = sol.max_pool2d_backward(np.array([[[[1.0, 2.0], [3.0, 4.0]]]]), x, 2, 1)
    want = np.zeros((1, 1, 3, 3))
    want[0, 0, 1, 1] = 10.0  # the centre wins all four windows: 1 + 2 + 3 + 4
    expect_close(dx, want, what="dx when the centre wins four overlapping windows")
    dx = sol.max_pool2d_backward(np.array([[[[5.0]], [[-1.0]]]]), np.ones((1, 2, 2, 2)), 2)
    expect_close(dx, np.array([[[[5, 0], [0, 0]], [[-1, 0], [0, 0]]]], dtype=float),
                 what="dx for two channels of ones")  # fmt: skip


@case("correctness")
def test_matches_definition(sol, rng):
    for shape, k, s in [((2, 3, 6, 6), 2, None), ((1, 2, 7, 5), 3, 1), ((2, 1, 9, 8), 3, 2)]:
        x = rng.normal(size=shape)
        want, _ = _naive(x, k, k if s is None else s)
        got = sol.max_pool2d(x, k, s)
        expect_close(got, want, what=f"forward, x {shape}, k={k}, stride={s}")
        dout = rng.normal(size=want.shape)
        dx = sol.max_pool2d_backward(dout, x, k, s)
        dx_want = _naive_backward(dout, x, k, k if s is None else s)
        expect_close(dx, dx_want, rtol=1e-12, what=f"dx, x {shape}, k={k}, stride={s}")


@case("correctness", hint="dx must be the gradient of sum(dout * max_pool2d(x)).")
def test_finite_differences(sol, rng):
    x = rng.permutation(50).reshape(1, 2, 5, 5) * 0.1  # distinct values: no ties, no kinks
    dout = rng.normal(size=(1, 2, 2, 2))
    dx = sol.max_pool2d_backward(dout, x, 2, 2)
    h, numeric = 1e-3, np.zeros(x.shape)
    for idx in np.ndindex(x.shape):
        up, down = x.copy(), x.copy()
        up[idx] += h
        down[idx] -= h
        numeric[idx] = ((_naive(up, 2, 2)[0] - _naive(down, 2, 2)[0]) * dout).sum() / (2 * h)
    expect_close(dx, numeric, rtol=1e-6, atol=1e-8, what="dx against central differences")


@case("edge_cases", hint="Ties go to the first maximum in row-major order (np.argmax).")
def test_ties_go_to_first(sol):
    x = np.array([[0.0, 3.0, 7.0, 7.0], [3.0, 1.0, 7.0, 7.0]]).reshape(1, 1, 2, 4)
    dx = sol.max_pool2d_backward(np.array([[[[2.0, 5.0]]]]), x, 2)
    want = np.array([[0.0, 2.0, 5.0, 0.0], [0.0, 0.0, 0.0, 0.0]]).reshape(1, 1, 2, 4)
    expect_close(dx, want, what="dx with tied maxima")


@case("edge_cases", hint="Do not start the running max at 0: inputs may all be negative.")
def test_negative_and_infinite_inputs(sol):
    x = np.array([[-5.0, -2.0, -np.inf, -np.inf], [-3.0, -4.0, -np.inf, -np.inf]])
    x = x.reshape(1, 1, 2, 4)
    expect_close(sol.max_pool2d(x, 2), np.array([[[[-2.0, -np.inf]]]]), what="forward")
    dx = sol.max_pool2d_backward(np.array([[[[1.0, 1.0]]]]), x, 2)
    want = np.array([[0.0, 1.0, 1.0, 0.0], [0.0, 0.0, 0.0, 0.0]]).reshape(1, 1, 2, 4)
    expect_close(dx, want, what="dx for negative and -inf inputs")


@case("edge_cases", hint="Rows and columns that fit no window are dropped and get 0 gradient.")
def test_leftover_rows_and_columns(sol, rng):
    x = rng.normal(size=(2, 2, 5, 7))
    out = sol.max_pool2d(x, 2)
    expect(out.shape == (2, 2, 2, 3), f"expected shape (2, 2, 2, 3), got {out.shape}")
    dx = sol.max_pool2d_backward(np.ones((2, 2, 2, 3)), x, 2)
    expect_close(dx[:, :, 4, :], np.zeros((2, 2, 7)), what="dx in the leftover last row")
    expect_close(dx[:, :, :, 6], np.zeros((2, 2, 5)), what="dx in the leftover last column")
    expect_close(dx, _naive_backward(np.ones((2, 2, 2, 3)), x, 2, 2), what="dx")


@case("edge_cases", hint="stride > kernel_size leaves gaps that get 0 gradient.")
def test_stride_larger_than_kernel(sol, rng):
    x = rng.normal(size=(1, 3, 8, 8))
    expect_close(sol.max_pool2d(x, 2, 3), _naive(x, 2, 3)[0], what="forward, k=2, stride=3")
    dout = rng.normal(size=(1, 3, 3, 3))
    dx = sol.max_pool2d_backward(dout, x, 2, 3)
    expect_close(dx, _naive_backward(dout, x, 2, 3), what="dx, k=2, stride=3")


@case("edge_cases", hint="kernel_size=1 is the identity, forward and backward.")
def test_kernel_size_one(sol, rng):
    x, dout = rng.normal(size=(2, 2, 3, 4)), rng.normal(size=(2, 2, 3, 4))
    expect_close(sol.max_pool2d(x, 1), x, what="forward with kernel_size 1")
    expect_close(sol.max_pool2d_backward(dout, x, 1), dout, what="dx with kernel_size 1")


@case("efficiency", timeout=10.0, hint="Reduce all windows at once (sliding_window_view).")
def test_forward_speed(sol, ref, rng):
    # stride 1: 25281 overlapping windows from only 25600 inputs, so a loop over output
    # positions is slow while the data to transfer stays small
    x = rng.normal(size=(1, 1, 160, 160))
    expect_fast(sol.max_pool2d, ref.max_pool2d, x, 2, 1, max_ratio=10, floor_ms=10)


@case("efficiency", timeout=10.0, hint="Scatter all gradients at once (np.add.at or bincount).")
def test_backward_speed(sol, ref, rng):
    x = rng.normal(size=(1, 1, 128, 128))
    dout = rng.normal(size=(1, 1, 127, 127))
    args = (dout, x, 2, 1)
    expect_fast(sol.max_pool2d_backward, ref.max_pool2d_backward, *args, max_ratio=10, floor_ms=10)
