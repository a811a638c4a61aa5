import numpy as np

from mldrill.grading.testkit import case, expect, expect_close, expect_fast, expect_raises


def _naive(x, w, b, stride, padding):
    """The definition, one output entry at a time (small inputs only)."""
    n, _, h, wd = x.shape
    c_out, _, kh, kw = w.shape
    xp = np.zeros((n, x.shape[1], h + 2 * padding, wd + 2 * padding))
    xp[:, :, padding : padding + h, padding : padding + wd] = x
    h_out = (h + 2 * padding - kh) // stride + 1
    w_out = (wd + 2 * padding - kw) // stride + 1
    out = np.zeros((n, c_out, h_out, w_out))
    for i in range(n):
        for o in range(c_out):
            for r in range(h_out):
                for c in range(w_out):
                    patch = xp[i, :, r * stride : r * stride + kh, c * stride : c * stride + kw]
                    out[i, o, r, c] = (patch * w[o]).sum() + (0.0 if b is None else b[o])
    return out


@case("correctness", hint="Cross-correlation: do not flip the kernel.")
def test_single_channel_by_hand(sol):
    x = np.arange(9.0).reshape(1, 1, 3, 3)
    w = np.array([[[[1.0, 2.0], [3.0, 4.0]]]])
    expect_close(sol.conv2d(x, w), np.array([[[[27.0, 37.0], [57.0, 67.0]]]]), what="2x2 kernel")
    # out[i, j] = x[i, j] - x[i + 1, j + 1] = -5 for x[r, c] = 4 r + c
    x = np.arange(16.0).reshape(1, 1, 4, 4)
    w = np.array([[[[1.0, 0.0], [0.0, -1.0]]]])
    expect_close(sol.conv2d(x, w), np.full((1, 1, 3, 3), -5.0), what="difference kernel")


@case("correctness", hint="Sum over input channels; one bias per output channel.")
def test_channel_mixing_and_bias_by_hand(sol):
    x = np.stack([np.full((2, 2), 1.0), np.full((2, 2), 10.0)])[None]  # (1, 2, 2, 2)
    w = np.array([[1.0, 2.0], [-1.0, 0.5], [0.0, 0.0]]).reshape(3, 2, 1, 1)
    b = np.array([0.0, 1.0, -7.0])
    got = sol.conv2d(x, w, b)
    want = np.array([21.0, 5.0, -7.0])[None, :, None, None] * np.ones((1, 3, 2, 2))
    expect_close(got, want, what="1x1 kernels over 2 input channels, 3 output channels")


@case("correctness", hint="Zero-pad only H and W, on both sides.")
def test_padding_by_hand(sol):
    got = sol.conv2d(np.ones((1, 1, 3, 3)), np.ones((1, 1, 3, 3)), padding=1)
    want = np.array([[[[4.0, 6.0, 4.0], [6.0, 9.0, 6.0], [4.0, 6.0, 4.0]]]])
    expect_close(got, want, what="3x3 box filter with padding 1")


@case("correctness", hint="Windows start at 0, stride, 2 * stride, ...")
def test_stride_by_hand(sol):
    x = np.arange(25.0).reshape(1, 1, 5, 5)  # x[r, c] = 5 r + c
    got = sol.conv2d(x, np.ones((1, 1, 2, 2)), stride=2)
    # a 2x2 window at (r, c) sums to 20 r + 4 c + 12
    expect_close(got, np.array([[[[12.0, 20.0], [52.0, 60.0]]]]), what="stride 2 on a 5x5 input")


@case("correctness")
def test_matches_definition(sol, rng):
    configs = [
        ((2, 3, 7, 6), (4, 3, 3, 2), 1, 0),
        ((1, 2, 8, 9), (3, 2, 3, 3), 2, 1),
        ((3, 1, 6, 6), (2, 1, 4, 4), 3, 2),
        ((2, 4, 5, 7), (1, 4, 2, 3), 1, 3),
    ]
    for xs, ws, stride, padding in configs:
        x, w, b = rng.normal(size=xs), rng.normal(size=ws), rng.normal(size=ws[0])
        got = sol.conv2d(x, w, b, stride, padding)
        want = _naive(x, w, b, stride, padding)
        what = f"x {xs}, weight {ws}, stride {stride}, padding {padding}"
        expect_close(got, want, rtol=1e-9, atol=1e-12, what=what)


@case("correctness")
def test_matches_reference(sol, ref, rng):
    x, w, b = rng.normal(size=(4, 3, 12, 10)), rng.normal(size=(5, 3, 3, 3)), rng.normal(size=5)
    for stride, padding in [(1, 1), (2, 0), (2, 2)]:
        got = sol.conv2d(x, w, b, stride=stride, padding=padding)
        want = ref.conv2d(x, w, b, stride=stride, padding=padding)
        expect_close(got, want, rtol=1e-9, atol=1e-12, what=f"stride {stride}, padding {padding}")


@case("edge_cases", hint="bias=None means no bias term.")
def test_no_bias(sol, rng):
    x, w = rng.normal(size=(2, 2, 5, 5)), rng.normal(size=(3, 2, 3, 3))
    expect_close(sol.conv2d(x, w), _naive(x, w, None, 1, 0), rtol=1e-9, what="bias=None")


@case("edge_cases", hint="A kernel as large as the padded input gives a 1x1 output.")
def test_kernel_covers_input(sol, rng):
    x, w = rng.normal(size=(2, 3, 4, 5)), rng.normal(size=(2, 3, 4, 5))
    got = sol.conv2d(x, w)
    expect(got.shape == (2, 2, 1, 1), f"expected shape (2, 2, 1, 1), got {got.shape}")
    expect_close(got, _naive(x, w, None, 1, 0), rtol=1e-9, what="full-size kernel")
    w = rng.normal(size=(1, 3, 6, 7))
    expect_close(sol.conv2d(x, w, padding=1), _naive(x, w, None, 1, 1), rtol=1e-9,
                 what="kernel as large as the padded input")  # fmt: skip


@case("edge_cases", hint="Use KH for the height and KW for the width; they may differ.")
def test_tall_and_wide(sol, rng):
    for xs, ws in [((1, 1, 5, 2), (2, 1, 4, 1)), ((1, 1, 2, 5), (2, 1, 1, 4))]:
        x, w = rng.normal(size=xs), rng.normal(size=ws)
        got = sol.conv2d(x, w)
        expect_close(got, _naive(x, w, None, 1, 0), rtol=1e-9, what=f"x {xs}, weight {ws}")


@case("edge_cases", hint="H_out = (H + 2 padding - KH) // stride + 1: leftover rows are dropped.")
def test_stride_leaves_remainder(sol, rng):
    x, w = rng.normal(size=(1, 2, 8, 7)), rng.normal(size=(2, 2, 3, 3))
    got = sol.conv2d(x, w, stride=3)
    expect(got.shape == (1, 2, 2, 2), f"expected shape (1, 2, 2, 2), got {got.shape}")
    expect_close(got, _naive(x, w, None, 3, 0), rtol=1e-9, what="stride 3 on 8x7")


@case("edge_cases", hint="Each sample is convolved on its own.")
def test_batch_items_are_independent(sol, rng):
    x, w = rng.normal(size=(3, 2, 6, 6)), rng.normal(size=(2, 2, 3, 3))
    whole = sol.conv2d(x, w, padding=1)
    for i in range(3):
        alone = sol.conv2d(x[i : i + 1], w, padding=1)
        expect_close(whole[i : i + 1], alone, rtol=1e-12, what=f"sample {i} in a batch vs alone")


@case("edge_cases", hint="Check channel counts and kernel size; raise ValueError.")
def test_invalid_shapes_raise(sol, rng):
    x = rng.normal(size=(1, 3, 4, 4))
    expect_raises("ValueError", sol.conv2d, x, rng.normal(size=(2, 2, 3, 3)))
    expect_raises("ValueError", sol.conv2d, x, rng.normal(size=(2, 3, 5, 3)))
    expect_raises("ValueError", sol.conv2d, x, rng.normal(size=(2, 3, 7, 2)), None, 1, 1)


@case("efficiency", timeout=10.0, hint="Build all windows at once (im2col), then one tensordot.")
def test_speed(sol, ref, rng):
    # 9604 output positions and few channels: a loop over positions pays ~10k iterations.
    x, w, b = rng.normal(size=(1, 2, 100, 100)), rng.normal(size=(4, 2, 3, 3)), rng.normal(size=4)
    expect_fast(sol.conv2d, ref.conv2d, x, w, b, 1, 1, max_ratio=10, floor_ms=10)
