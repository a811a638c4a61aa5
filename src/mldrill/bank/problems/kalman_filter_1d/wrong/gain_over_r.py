class KalmanFilter1D:
    """Kalman filter for one constant quantity observed through noisy measurements.

    Model: x_k = x_{k-1} + w (w has variance process_var); z_k = x_k + v (v has variance
    measurement_var). ``x`` is the current estimate and ``p`` its variance.
    """

    def __init__(self, x0: float, p0: float, process_var: float, measurement_var: float):
        self.x = float(x0)
        self.p = float(p0)
        self.q = float(process_var)
        self.r = float(measurement_var)

    def predict(self) -> None:
        """Step forward in time: the estimate stays, its uncertainty grows by q."""
        self.p = self.p + self.q

    def update(self, z: float) -> None:
        """Blend in measurement z, weighting it by the gain k = p / (p + r)."""
        k = self.p / self.r  # forgets p in the denominator: should be p / (p + r)
        self.x = self.x + k * (float(z) - self.x)
        self.p = (1.0 - k) * self.p
