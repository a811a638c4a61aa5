import numpy as np

from mldrill.grading.testkit import case, expect_close


@case("correctness", hint="Slide the kernel without flipping it and sum the products.")
def test_example(sol):
    x = np.arange(9.0).reshape(1, 1, 3, 3)
    w = np.array([[[[1.0, 2.0], [3.0, 4.0]]]])
    expect_close(sol.conv2d(x, w), np.array([[[[27.0, 37.0], [57.0, 67.0]]]]))


@case("correctness", hint="Pad H and W with zeros on both sides; add one bias per channel.")
def test_padding_and_bias(sol):
    got = sol.conv2d(np.ones((1, 1, 3, 3)), np.ones((1, 1, 3, 3)), np.array([0.5]), padding=1)
    want = np.array([[[[4.5, 6.5, 4.5], [6.5, 9.5, 6.5], [4.5, 6.5, 4.5]]]])
    expect_close(got, want)
