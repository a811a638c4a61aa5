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
        pass  # the variance never grows, so the filter soon stops listening

    def update(self, z: float) -> None:
        """Blend in measurement z, weighting it by the gain k = p / (p + r)."""
        s = self.p + self.r  # variance of the innovation z - x
        k = self.p / s
        self.x = self.x + k * (float(z) - self.x)
        # (1 - k) p, with 1 - k written as r / s: when r << p, k rounds to 1 and (1 - k) p
        # would collapse to 0; p * r / s would overflow or underflow for extreme p and r.
        self.p = self.p * (self.r / s)
