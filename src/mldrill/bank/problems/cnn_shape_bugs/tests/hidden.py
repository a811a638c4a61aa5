import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from mldrill.grading.testkit import case, expect, expect_close, expect_equal

MEAN = np.array([0.45, 0.40, 0.35])
STD = np.array([0.25, 0.20, 0.30])


def _conv_brute(x, W, b, padding):
    """Cross-correlation by explicit loops over every output position."""
    n, _, h, w = x.shape
    c_out, _, kh, kw = W.shape
    xp = np.zeros((n, x.shape[1], h + 2 * padding, w + 2 * padding))
    xp[:, :, padding : padding + h, padding : padding + w] = x
    h_out, w_out = h + 2 * padding - kh + 1, w + 2 * padding - kw + 1
    out = np.zeros((n, c_out, h_out, w_out))
    for i in range(h_out):
        for j in range(w_out):
            region = xp[:, :, i : i + kh, j : j + kw]  # (n, c_in, kh, kw)
            out[:, :, i, j] = np.tensordot(region, W, axes=([1, 2, 3], [1, 2, 3])) + b
    return out


def _forward_reference(params, images):
    """The documented network, written with sliding windows instead of the project's code."""
    x = ((images / 255.0 - MEAN) / STD).transpose(0, 3, 1, 2)  # NHWC -> NCHW
    x = np.maximum(_conv_brute(x, params["conv_W"], params["conv_b"], 1), 0.0)
    windows = sliding_window_view(x, (2, 2), axis=(2, 3))[:, :, ::2, ::2]
    x = windows.max(axis=(-2, -1))
    return x.reshape(len(x), -1) @ params["fc_W"] + params["fc_b"]


def _images(rng, n, h=8, w=8):
    return rng.integers(0, 256, size=(n, h, w, 3)).astype(np.uint8)


# ---------------------------------------------------------------- data.py


@case("correctness")
def test_make_images_recorded_values(sol):
    images, labels = sol.data.make_images(seed=0)
    expect(images.shape == (32, 8, 8, 3), f"expected (32, 8, 8, 3) images, got {images.shape}")
    expect(images.dtype == np.uint8, f"expected uint8 pixels, got {images.dtype}")
    expect_equal(labels[:10].tolist(), [2, 1, 1, 0, 0, 0, 0, 0, 0, 2], what="labels[:10]")
    expect_equal(images[0, 0, 0].tolist(), [8, 77, 141], what="images[0, 0, 0]")
    expect_equal(images[-1, -1, -1].tolist(), [176, 10, 44], what="images[-1, -1, -1]")
    means = images.reshape(32, -1, 3).mean(axis=1)
    expect_equal(
        means.argmax(axis=1).tolist(), labels.tolist(), what="each image's dominant channel"
    )


@case("correctness", hint="Reshape keeps the memory order; changing the layout needs a transpose.")
def test_preprocess_layout_and_normalisation(sol, rng):
    images = _images(rng, 2, 3, 5)  # non-square, so swapped axes cannot hide
    got = sol.data.preprocess(images)
    expect(got.shape == (2, 3, 3, 5), f"expected NCHW shape (2, 3, 3, 5), got {got.shape}")
    want = ((images / 255.0 - MEAN) / STD).transpose(0, 3, 1, 2)
    expect_close(got, want, rtol=1e-12, what="the preprocessed images (NCHW)")


@case("edge_cases")
def test_preprocess_single_colour_image(sol):
    image = np.zeros((1, 2, 2, 3), dtype=np.uint8)
    image[..., 0] = 255  # pure red
    got = sol.data.preprocess(image)
    want = np.stack(
        [np.full((2, 2), (1.0 - MEAN[0]) / STD[0])]
        + [np.full((2, 2), -MEAN[c] / STD[c]) for c in (1, 2)]
    )
    expect_close(got[0], want, rtol=1e-12, what="a pure red image, channel by channel")


# ---------------------------------------------------------------- layers.py


@case("correctness")
def test_conv2d_against_brute_force(sol, rng):
    x = rng.normal(size=(2, 2, 4, 5))
    W, b = rng.normal(size=(3, 2, 2, 3)), rng.normal(size=3)
    for padding in (0, 1):
        got = sol.layers.conv2d(x, W, b, padding)
        want = _conv_brute(x, W, b, padding)
        expect_close(got, want, rtol=1e-10, atol=1e-12, what=f"conv2d with padding={padding}")


@case("correctness")
def test_conv2d_identity_kernel(sol, rng):
    x = rng.normal(size=(2, 3, 6, 7))
    W = np.zeros((3, 3, 3, 3))
    for c in range(3):
        W[c, c, 1, 1] = 1.0
    got = sol.layers.conv2d(x, W, np.zeros(3), 1)
    expect_close(got, x, rtol=1e-12, atol=1e-12, what="conv2d with centred one-hot kernels")


@case("correctness", hint="One bias value per output channel, the same at every pixel.")
def test_conv2d_bias_is_per_channel(sol):
    got = sol.layers.conv2d(np.zeros((2, 3, 8, 8)), np.ones((8, 3, 3, 3)), np.arange(8.0), 1)
    expect(got.shape == (2, 8, 8, 8), f"expected shape (2, 8, 8, 8), got {got.shape}")
    want = np.broadcast_to(np.arange(8.0)[None, :, None, None], (2, 8, 8, 8))
    expect_close(got, want, what="conv2d of a zero image: the bias of each channel everywhere")


@case("correctness")
def test_relu(sol):
    expect_close(
        sol.layers.relu(np.array([-2.0, 0.0, 3.5])), np.array([0.0, 0.0, 3.5]), what="relu"
    )


@case("correctness", hint="How many windows fit? (H - size) // stride + 1.")
def test_max_pool_known_values(sol):
    x = np.arange(24.0).reshape(1, 1, 4, 6)
    want = np.array([[[[7.0, 9.0, 11.0], [19.0, 21.0, 23.0]]]])
    expect_close(sol.layers.max_pool2d(x, 2, 2), want, what="2x2 pooling of arange(24)")
    expect_close(sol.layers.max_pool2d(-x, 2, 2), -want + 7.0, what="2x2 pooling of -arange(24)")
    y = np.array([[[[1.0, 5, 2, 0], [3, 4, 8, 1], [0, 9, 2, 6], [7, 1, 3, 2]]]])
    want = np.array([[[[9.0, 9.0], [9.0, 9.0]]]])
    expect_close(sol.layers.max_pool2d(y, 3, 1), want, what="3x3 pooling with stride 1")
    want = np.array([[[[5.0, 8.0], [9.0, 6.0]]]])
    expect_close(sol.layers.max_pool2d(y, 2, 2), want, what="2x2 pooling of a 4x4 map")


@case("edge_cases")
def test_max_pool_output_shapes(sol):
    cases = [((2, 8, 8, 8), 2, 2, (2, 8, 4, 4)), ((1, 1, 5, 5), 2, 2, (1, 1, 2, 2)),
             ((1, 2, 7, 9), 3, 2, (1, 2, 3, 4)), ((1, 1, 2, 2), 2, 2, (1, 1, 1, 1))]  # fmt: skip
    for shape, size, stride, want in cases:
        got = sol.layers.max_pool2d(np.ones(shape), size, stride).shape
        expect(
            got == want,
            f"max_pool2d({shape}, size={size}, stride={stride}) -> {got}, expected {want}",
        )


@case("correctness", hint="The dense weights were laid out for channel, then row, then column.")
def test_flatten_order(sol):
    x = np.arange(24.0).reshape(2, 2, 3, 2)
    expect_close(
        sol.layers.flatten(x), np.arange(24.0).reshape(2, 12), what="flatten (C, H, W order)"
    )


@case("correctness")
def test_dense(sol):
    x, W, b = (
        np.array([[1.0, 2.0]]),
        np.array([[1.0, 0.0, -1.0], [0.5, 2.0, 1.0]]),
        np.array([0.0, 1.0, 2.0]),
    )
    expect_close(sol.layers.dense(x, W, b), np.array([[2.0, 5.0, 3.0]]), what="dense")


# ---------------------------------------------------------------- model.py


@case("correctness", hint="Test each layer on its own first.")
def test_forward_matches_a_reference_implementation(sol, rng):
    params = sol.model.init_params(seed=1)
    images = _images(rng, 5)
    got = sol.model.forward(params, images)
    expect_close(got, _forward_reference(params, images), rtol=1e-9, atol=1e-12, what="the logits")


@case("correctness")
def test_forward_is_independent_of_the_batch(sol, rng):
    params = sol.model.init_params(seed=2)
    images = _images(rng, 4)
    batch = sol.model.forward(params, images)
    for i in range(4):
        alone = sol.model.forward(params, images[i : i + 1])
        expect_close(alone[0], batch[i], rtol=1e-12, atol=1e-12, what=f"logits of image {i} alone")


@case("correctness")
def test_init_params_shapes(sol):
    params = sol.model.init_params(seed=0)
    shapes = {k: params[k].shape for k in ("conv_W", "conv_b", "fc_W", "fc_b")}
    want = {"conv_W": (8, 3, 3, 3), "conv_b": (8,), "fc_W": (128, 3), "fc_b": (3,)}
    expect_equal(shapes, want, what="the parameter shapes")


@case("correctness")
def test_colour_classifier_params_layout(sol):
    p = sol.model.colour_classifier_params()
    conv_W = np.zeros((8, 3, 3, 3))
    fc_W = np.zeros((128, 3))
    for k in range(3):
        conv_W[k, k] = 1.0 / 9.0
        fc_W[16 * k : 16 * k + 16, k] = 1.0
    expect_close(p["conv_W"], conv_W, what="conv_W")
    expect_close(p["fc_W"], fc_W, what="fc_W")
    expect_close(p["conv_b"], np.array([0.5] * 3 + [-1.0] * 5), what="conv_b")
    expect_close(p["fc_b"], np.zeros(3), what="fc_b")


@case("correctness")
def test_predict_is_argmax_of_forward(sol, rng):
    params = sol.model.init_params(seed=3)
    images = _images(rng, 6)
    want = _forward_reference(params, images).argmax(axis=1)
    expect_equal(sol.model.predict(params, images).tolist(), want.tolist(), what="predictions")


# ---------------------------------------------------------------- evaluate.py


@case("correctness")
def test_accuracy_known_values(sol):
    got = sol.evaluate.accuracy(np.array([0, 1, 2, 2]), np.array([0, 2, 2, 1]))
    expect_close(got, 0.5, what="accuracy")


@case("correctness", hint="A colour classifier that cannot tell colours apart: check the layouts.")
def test_end_to_end_colour_classifier(sol):
    for seed in (0, 1):
        result = sol.evaluate.run_inference(64, seed=seed)
        _, labels = sol.data.make_images(64, seed=seed)
        expect_equal(
            result["predictions"].tolist(), labels.tolist(), what=f"seed {seed}: predictions"
        )
        expect_close(result["accuracy"], 1.0, what=f"seed {seed}: accuracy")
