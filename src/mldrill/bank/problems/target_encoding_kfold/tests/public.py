import numpy as np

from mldrill.grading.testkit import box_rng, case, expect_close


@case("correctness")
def test_leave_one_out_example(sol):
    cats = np.array([0, 0, 0, 1, 1])
    y = np.array([1.0, 0.0, 1.0, 1.0, 0.0])
    got = sol.target_encode_oof(cats, y, 5, 1.0, box_rng(sol, 0))
    expect_close(got, np.array([0.5, 11 / 12, 0.5, 0.25, 0.875]), what="encodings")


@case("correctness")
def test_unique_categories_get_the_prior(sol):
    cats = np.array([10, 20, 30, 40])
    y = np.array([1.0, 2.0, 3.0, 6.0])
    got = sol.target_encode_oof(cats, y, 4, 5.0, box_rng(sol, 1))
    # every category is seen once, so each row gets the mean of the other three labels
    expect_close(got, np.array([11 / 3, 10 / 3, 3.0, 2.0]), what="encodings")
