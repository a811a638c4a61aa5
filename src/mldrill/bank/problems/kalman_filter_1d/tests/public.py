from mldrill.grading.testkit import attr, case, expect_close


@case("correctness")
def test_one_update(sol):
    kf = sol.KalmanFilter1D(0.0, 1.0, 0.0, 1.0)
    kf.update(2.0)
    expect_close(attr(kf.x), 1.0, what="x after update(2)")
    expect_close(attr(kf.p), 0.5, what="p after update(2)")


@case("correctness")
def test_predict_then_update(sol):
    kf = sol.KalmanFilter1D(3.0, 2.0, 0.5, 1.0)
    kf.predict()
    expect_close(attr(kf.p), 2.5, what="p after predict")
    kf.update(6.5)  # k = 2.5 / 3.5
    expect_close(attr(kf.x), 5.5, what="x after update")
    expect_close(attr(kf.p), 2.5 / 3.5, what="p after update")
