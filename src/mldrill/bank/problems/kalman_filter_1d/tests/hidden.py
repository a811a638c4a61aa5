import math

import numpy as np

from mldrill.grading.testkit import attr, case, expect, expect_close


def _state(kf):
    return attr(kf.x), attr(kf.p)


@case("correctness", hint="update: k = p / (p + r); x += k (z - x); p = (1 - k) p.")
def test_updates_by_hand(sol):
    kf = sol.KalmanFilter1D(0.0, 1.0, 0.0, 1.0)
    expect_close(attr(kf.x), 0.0, what="x before any step")
    expect_close(attr(kf.p), 1.0, what="p before any step")
    kf.update(2.0)  # k = 1/2
    x, p = _state(kf)
    expect_close(x, 1.0, rtol=1e-12, what="x after update(2)")
    expect_close(p, 0.5, rtol=1e-12, what="p after update(2)")
    kf.update(2.0)  # k = 0.5 / 1.5 = 1/3
    x, p = _state(kf)
    expect_close(x, 4 / 3, rtol=1e-12, what="x after a second update(2)")
    expect_close(p, 1 / 3, rtol=1e-12, what="p after a second update(2)")


@case("correctness", hint="predict keeps x and adds process_var to p.")
def test_predict_adds_process_variance(sol):
    kf = sol.KalmanFilter1D(3.0, 2.0, 0.5, 1.0)
    kf.predict()
    x, p = _state(kf)
    expect_close(x, 3.0, what="x after predict (constant-position model)")
    expect_close(p, 2.5, rtol=1e-12, what="p after one predict")
    kf.predict()
    kf.predict()
    expect_close(attr(kf.p), 3.5, rtol=1e-12, what="p after three predicts")


@case("correctness")
def test_static_state_is_bayesian_average(sol, rng):
    x0, p0, r = 1.0, 4.0, 0.25
    zs = rng.normal(loc=3.0, scale=0.5, size=20)
    kf = sol.KalmanFilter1D(x0, p0, 0.0, r)
    for z in zs:
        kf.predict()
        kf.update(float(z))
    # With no process noise the filter is the precision-weighted mean of prior and data.
    precision = 1 / p0 + len(zs) / r
    x, p = _state(kf)
    expect_close(p, 1 / precision, rtol=1e-10, what="p after 20 updates with q = 0")
    expect_close(x, (x0 / p0 + zs.sum() / r) / precision, rtol=1e-10, what="x after 20 updates")


@case("correctness")
def test_matches_reference_sequence(sol, ref, rng):
    zs = np.cumsum(rng.normal(scale=0.3, size=40)) + rng.normal(scale=1.0, size=40)
    kf = sol.KalmanFilter1D(0.5, 10.0, 0.09, 1.0)
    want = ref.KalmanFilter1D(0.5, 10.0, 0.09, 1.0)
    for i, z in enumerate(zs):
        kf.predict()
        want.predict()
        kf.update(float(z))
        want.update(float(z))
        if i % 10 == 9:
            x, p = _state(kf)
            expect_close(x, want.x, rtol=1e-10, what=f"x after step {i + 1}")
            expect_close(p, want.p, rtol=1e-10, what=f"p after step {i + 1}")


@case("correctness", hint="Predict must add process_var, or p shrinks towards 0 for ever.")
def test_steady_state_variance(sol):
    q, r = 1.0, 4.0
    kf = sol.KalmanFilter1D(0.0, 100.0, q, r)
    for _ in range(40):
        kf.predict()
        kf.update(0.0)
    kf.predict()
    # The predicted variance settles where P = P r / (P + r) + q: P = q/2 + sqrt(q^2/4 + q r).
    steady = q / 2 + math.sqrt(q * q / 4 + q * r)
    expect_close(attr(kf.p), steady, rtol=1e-9, what="predicted variance in the steady state")


@case("correctness")
def test_update_shrinks_variance(sol, rng):
    for _ in range(5):
        p0, r = rng.uniform(0.1, 10.0, size=2)
        kf = sol.KalmanFilter1D(0.0, float(p0), 0.0, float(r))
        kf.update(float(rng.normal()))
        p = attr(kf.p)
        ok = 0 < p < min(p0, r)
        expect(ok, f"after an update p should be below both p0={p0:.3g} and r={r:.3g}, got {p}")


@case("edge_cases", hint="With an enormous measurement variance the gain is ~0.")
def test_huge_measurement_variance_is_ignored(sol):
    kf = sol.KalmanFilter1D(5.0, 2.0, 0.0, 1e300)
    kf.update(1e6)
    x, p = _state(kf)
    expect_close(x, 5.0, rtol=1e-12, what="x after a measurement with variance 1e300")
    expect_close(p, 2.0, rtol=1e-12, what="p after a measurement with variance 1e300")


@case("edge_cases", hint="measurement_var = 0 is a perfect sensor: k = 1, x = z, p = 0.")
def test_zero_measurement_variance_adopts_measurement(sol):
    kf = sol.KalmanFilter1D(0.1, 3.0, 0.5, 0.0)
    kf.update(7.25)
    x, p = _state(kf)
    expect_close(x, 7.25, rtol=1e-12, what="x after a perfect measurement")
    expect_close(p, 0.0, atol=0.0, what="p after a perfect measurement")
    kf.predict()
    expect_close(attr(kf.p), 0.5, rtol=1e-12, what="p after predict")
    kf.update(-1.0)
    expect_close(attr(kf.x), -1.0, rtol=1e-12, what="x after a second perfect measurement")


@case("edge_cases", hint="p0 = 0 means the start is known exactly: the gain is 0.")
def test_zero_initial_variance_ignores_measurement(sol):
    kf = sol.KalmanFilter1D(2.0, 0.0, 0.0, 1.0)
    kf.update(10.0)
    x, p = _state(kf)
    expect_close(x, 2.0, what="x when p0 = 0")
    expect_close(p, 0.0, what="p when p0 = 0")


@case("edge_cases", hint="Store floats: integer arguments must not change the arithmetic.")
def test_integer_arguments(sol):
    kf = sol.KalmanFilter1D(0, 1, 1, 3)
    kf.predict()  # p = 2
    kf.update(5)  # k = 2 / 5
    x, p = _state(kf)
    expect_close(x, 2.0, rtol=1e-12, what="x with integer arguments")
    expect_close(p, 1.2, rtol=1e-12, what="p with integer arguments")


@case("numerical_stability", hint="When r << p, 1 - k rounds to 0: compute 1 - k as r / (p + r).")
def test_precise_sensor_keeps_its_variance(sol):
    r = 1e-20
    kf = sol.KalmanFilter1D(0.0, 1.0, 0.0, r)
    kf.update(1.0)
    # p = p0 r / (p0 + r), which is r to 20 digits, not 0.
    expect_close(attr(kf.p), r, rtol=1e-9, atol=0.0, what="p after a very precise measurement")
    kf.update(1.0 + 2e-10)
    # Two equally precise measurements: the estimate is their average.
    expect_close(attr(kf.x), 1.0 + 1e-10, rtol=1e-14, what="x after a second precise measurement")
    expect_close(attr(kf.p), r / 2, rtol=1e-9, atol=0.0, what="p after a second measurement")


@case("numerical_stability", hint="p * r overflows for p, r ~ 1e200: avoid forming the product.")
def test_huge_variances_stay_finite(sol):
    kf = sol.KalmanFilter1D(1.0, 1e200, 1e199, 1e200)
    kf.update(3.0)  # k = 1/2
    x, p = _state(kf)
    expect_close(x, 2.0, rtol=1e-12, what="x with p and r ~ 1e200")
    expect_close(p, 5e199, rtol=1e-12, what="p with p and r ~ 1e200")
    kf.predict()
    expect_close(attr(kf.p), 6e199, rtol=1e-12, what="p after predict")


@case("numerical_stability", hint="p * r underflows to 0 for p, r ~ 1e-200.")
def test_tiny_variances_stay_accurate(sol):
    kf = sol.KalmanFilter1D(1.0, 1e-200, 0.0, 1e-200)
    kf.update(3.0)
    x, p = _state(kf)
    expect_close(x, 2.0, rtol=1e-12, what="x with p and r ~ 1e-200")
    expect_close(p, 5e-201, rtol=1e-12, atol=0.0, what="p with p and r ~ 1e-200")
