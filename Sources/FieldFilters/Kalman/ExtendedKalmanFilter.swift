/// An extended Kalman filter: the Kalman filter linearised around the current estimate, for
/// nonlinear motion or measurement models (range and bearing, pressure to altitude, ...).
///
/// The models are generic parameters conforming to ``DifferentiableProcessModel`` and
/// ``DifferentiableMeasurementModel``, so every call is specialised: no existentials and no heap
/// allocation per step. Missing measurements, chi-square gating and the Joseph form work as in
/// ``KalmanFilter``.
///
/// ```swift
/// var ekf = ExtendedKalmanFilter<4, 2, Double>(
///     state: x0, covariance: p0, measurementNoise: r, gateThreshold: 13.8)
/// ekf.predict(using: motion, dt: 1)
/// let report = ekf.update(Matrix(column: range, bearing), using: radar)
/// ```
@frozen
public struct ExtendedKalmanFilter<let StateSize: Int, let MeasurementSize: Int, Scalar: FilterScalar>: Sendable {
    /// The state estimate `x`.
    public var state: Matrix<StateSize, 1, Scalar>
    /// The state covariance `P`.
    public var covariance: Matrix<StateSize, StateSize, Scalar>
    /// The measurement noise covariance `R`.
    public var measurementNoise: Matrix<MeasurementSize, MeasurementSize, Scalar>
    /// The chi-square gate on `y' S⁻¹ y`; `nil` accepts every finite measurement.
    public var gateThreshold: Scalar?

    /// Creates a filter from its prior.
    ///
    /// ```swift
    /// var ekf = ExtendedKalmanFilter<2, 1, Double>(state: x0, covariance: p0, measurementNoise: r)
    /// ```
    /// - Parameters:
    ///   - state: The prior state.
    ///   - covariance: The prior covariance.
    ///   - measurementNoise: `R`.
    ///   - gateThreshold: The chi-square gate, or `nil`.
    @inlinable
    public init(
        state: Matrix<StateSize, 1, Scalar>,
        covariance: Matrix<StateSize, StateSize, Scalar>,
        measurementNoise: Matrix<MeasurementSize, MeasurementSize, Scalar>,
        gateThreshold: Scalar? = nil
    ) {
        self.state = state
        self.covariance = covariance
        self.measurementNoise = measurementNoise
        self.gateThreshold = gateThreshold
    }

    /// Propagates the estimate: `x = f(x, dt)`, `P = F P F' + Q` with `F = ∂f/∂x` at the old `x`.
    ///
    /// ```swift
    /// ekf.predict(using: motion, dt: 0.5)
    /// ```
    /// - Parameters:
    ///   - model: The process model.
    ///   - dt: The time step in seconds, a model parameter (the unit of the model's rates and noise).
    /// - Returns: The Jacobian used (for ``KalmanStepRecord`` and smoothing).
    /// - Complexity: O(StateSize³) plus the model's cost.
    @inlinable
    @discardableResult
    public mutating func predict<Model: DifferentiableProcessModel>(
        using model: Model, dt: Scalar
    ) -> Matrix<StateSize, StateSize, Scalar>
    where
        Model.Scalar == Scalar, Model.StateVector == Matrix<StateSize, 1, Scalar>,
        Model.StateMatrix == Matrix<StateSize, StateSize, Scalar>
    {
        let f = model.jacobian(at: state, dt: dt)
        state = model.propagate(state, dt: dt)
        covariance = (f * covariance).multipliedByTranspose(of: f) + model.processNoise(dt: dt)
        return f
    }

    /// Corrects the estimate with a measurement through the linearised measurement model.
    ///
    /// `y = z - h(x)`, `H = ∂h/∂x` at `x`, then the Joseph-form update of ``KalmanFilter``.
    ///
    /// ```swift
    /// let report = ekf.update(z, using: radar)
    /// ```
    /// - Parameters:
    ///   - measurement: `z`, or `nil` when missing.
    ///   - model: The measurement model.
    /// - Returns: The status and figures of the step.
    /// - Complexity: O(StateSize³ + MeasurementSize³) plus the model's cost.
    @inlinable
    @discardableResult
    public mutating func update<Model: DifferentiableMeasurementModel>(
        _ measurement: Matrix<MeasurementSize, 1, Scalar>?, using model: Model
    ) -> KalmanUpdateReport<StateSize, MeasurementSize, Scalar>
    where
        Model.Scalar == Scalar, Model.StateVector == Matrix<StateSize, 1, Scalar>,
        Model.MeasurementVector == Matrix<MeasurementSize, 1, Scalar>,
        Model.Jacobian == Matrix<MeasurementSize, StateSize, Scalar>
    {
        guard measurement != nil else { return KalmanUpdateReport(status: .missing) }
        return kalmanCorrect(
            state: &state, covariance: &covariance, measurement: measurement,
            predicted: model.measure(state), h: model.jacobian(at: state), noise: measurementNoise,
            gateThreshold: gateThreshold)
    }
}
