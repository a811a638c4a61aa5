class KalmanFilter1D:
    """Kalman filter for one constant quantity observed through noisy measurements.

    Model: x_k = x_{k-1} + w (w has variance process_var); z_k = x_k + v (v has variance
    measurement_var). Keep the estimate in ``self.x`` and its variance in ``self.p``.
    """

    def __init__(self, x0: float, p0: float, process_var: float, measurement_var: float):
        raise NotImplementedError("write __init__")

    def predict(self) -> None:
        """Advance one time step (constant-position model)."""
        raise NotImplementedError("write predict")

    def update(self, z: float) -> None:
        """Correct the estimate with the measurement z."""
        raise NotImplementedError("write update")
