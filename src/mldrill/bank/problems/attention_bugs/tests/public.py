import numpy as np

from mldrill.grading.testkit import case, expect, expect_close


def _inputs():
    return np.sin(np.arange(96.0) * 0.7).reshape(6, 16)


@case("correctness")
def test_stack_keeps_shape(sol):
    params = sol.params.init_stack_params(2, 16, 32, seed=0)
    out = sol.block.run_stack(_inputs(), params, 4)
    expect(out.shape == (6, 16), f"expected output shape (6, 16), got {out.shape}")
    expect(bool(np.all(np.isfinite(out))), "the stack returned nan or inf")


@case("correctness", hint="These values were recorded from a correct implementation.")
def test_stack_matches_recorded_output(sol):
    params = sol.params.init_stack_params(2, 16, 32, seed=0)
    out = sol.block.run_stack(_inputs(), params, 4)
    recorded_row_2 = np.array(
        [-1.555942631319, -1.141384923664, -2.081139301242, -1.222640334912, 3.296472056229,
         1.736217542687]
    )  # fmt: skip
    recorded_row_5 = np.array(
        [-0.599608257342, -1.82028899479, 0.020381805782, 1.997543388844, 0.302604823655,
         1.529301527234]
    )  # fmt: skip
    expect_close(out[2, :6], recorded_row_2, rtol=1e-8, atol=1e-10, what="out[2, :6]")
    expect_close(out[5, :6], recorded_row_5, rtol=1e-8, atol=1e-10, what="out[5, :6]")
