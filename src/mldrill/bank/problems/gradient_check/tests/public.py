import numpy as np

from mldrill.grading.testkit import case, expect_close


@case("correctness", hint="Use (f(x + h e_i) - f(x - h e_i)) / (2 h) for each entry i.")
def test_cubes(sol):
    got = sol.numerical_gradient_of("sum_of_cubes", np.array([1.0, -2.0]), h=0.1)
    expect_close(got, np.array([3.01, 12.01]), rtol=1e-9)


@case("correctness")
def test_relative_error(sol):
    got = sol.relative_error(np.array([1.0, 2.0, 0.0]), np.array([1.0, 2.2, 0.0]))
    expect_close(got, 0.2 / 2.2, rtol=1e-9)
