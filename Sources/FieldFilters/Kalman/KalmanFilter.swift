/// A linear Kalman filter with `StateSize` states and `MeasurementSize` measured quantities,
/// stored inline and stepped without heap allocation.
///
/// Time steps may be irregular: ``predict(transition:processNoise:)`` takes the `F` and `Q` of the
/// current step (``KinematicModel`` builds them from `dt`). ``update(_:)`` uses the Joseph form
/// (which keeps the covariance symmetric positive definite despite rounding), accepts a missing
/// measurement (`nil`), optionally gates the innovation with a chi-square threshold on the squared
/// Mahalanobis distance, and reports why a measurement was refused. Conventions match filterpy's
/// `KalmanFilter` (`predict` then `update`, Joseph form) to 1e-9.
///
/// ```swift
/// let model = try KinematicModel<4, Double>(order: .constantVelocity, noise: .continuous(spectralDensity: 0.5))
/// var filter = KalmanFilter<4, 2, Double>(
///     state: Matrix(column: 500, 0, 200, 0),
///     covariance: .diagonal(Matrix(column: 16, 100, 16, 100)),
///     measurementMatrix: Matrix { r, c in c == 2 * r ? 1 : 0 },
///     measurementNoise: .diagonal(Matrix(column: 16, 16)),
///     gateThreshold: 13.8155)
/// filter.predict(using: model, dt: 1.0)
/// let report = filter.update(Matrix(column: 503, 201))
/// print(report.status, filter.state)
/// ```
@frozen
public struct KalmanFilter<let StateSize: Int, let MeasurementSize: Int, Scalar: FilterScalar>: Sendable {
    /// The state estimate `x`.
    public var state: Matrix<StateSize, 1, Scalar>
    /// The state covariance `P`.
    public var covariance: Matrix<StateSize, StateSize, Scalar>
    /// The measurement matrix `H` (`z = H x + v`).
    ///
    /// When every row is a single 1 among zeros (each measured quantity is one state),
    /// ``update(_:)`` reads rows of `P` instead of multiplying by `H`; the structure is detected
    /// here, each time `H` is set.
    public var measurementMatrix: Matrix<MeasurementSize, StateSize, Scalar> {
        didSet { measurementSelection = MeasurementSelection.detect(in: measurementMatrix) }
    }
    /// The structure of ``measurementMatrix`` when it selects states, else `nil`.
    @usableFromInline var measurementSelection: MeasurementSelection<MeasurementSize>?
    /// The measurement noise covariance `R`.
    public var measurementNoise: Matrix<MeasurementSize, MeasurementSize, Scalar>
    /// The chi-square gate on `y' S⁻¹ y`; `nil` accepts every finite measurement.
    ///
    /// For 2 measured quantities, 13.8155 keeps 99.9 % of good measurements (chi-square, 2 degrees
    /// of freedom); for 1, 10.828.
    public var gateThreshold: Scalar?

    /// Creates a filter from its prior and measurement model.
    ///
    /// ```swift
    /// var filter = KalmanFilter<2, 1, Double>(
    ///     state: Matrix(column: 0, 0), covariance: .diagonal(Matrix(column: 4, 4)),
    ///     measurementMatrix: Matrix { _, c in c == 0 ? 1 : 0 },
    ///     measurementNoise: Matrix(repeating: 4))
    /// ```
    /// - Parameters:
    ///   - state: The prior state `x0`.
    ///   - covariance: The prior covariance `P0` (symmetric positive definite).
    ///   - measurementMatrix: `H`.
    ///   - measurementNoise: `R` (symmetric positive definite).
    ///   - gateThreshold: The chi-square gate, or `nil` for no gating.
    @inlinable
    public init(
        state: Matrix<StateSize, 1, Scalar>,
        covariance: Matrix<StateSize, StateSize, Scalar>,
        measurementMatrix: Matrix<MeasurementSize, StateSize, Scalar>,
        measurementNoise: Matrix<MeasurementSize, MeasurementSize, Scalar>,
        gateThreshold: Scalar? = nil
    ) {
        self.state = state
        self.covariance = covariance
        self.measurementMatrix = measurementMatrix
        self.measurementSelection = MeasurementSelection.detect(in: measurementMatrix)
        self.measurementNoise = measurementNoise
        self.gateThreshold = gateThreshold
    }

    /// Propagates the estimate one step: `x = F x`, `P = F P F' + Q`.
    ///
    /// ```swift
    /// filter.predict(transition: f, processNoise: q)
    /// ```
    /// - Parameters:
    ///   - transition: `F` for this step.
    ///   - processNoise: `Q` for this step.
    /// - Complexity: O(StateSize³).
    @inlinable
    public mutating func predict(
        transition: Matrix<StateSize, StateSize, Scalar>,
        processNoise: Matrix<StateSize, StateSize, Scalar>
    ) {
        state = transition * state
        covariance = (transition * covariance).multipliedByTranspose(of: transition) + processNoise
    }

    /// Propagates the estimate by `dt` seconds with a kinematic model.
    ///
    /// Uses the sparsity of the kinematic `F` (O(StateSize²) instead of O(StateSize³)); the result
    /// equals ``predict(transition:processNoise:)`` with `model.transition(dt:)` and
    /// `model.processNoise(dt:)` up to rounding.
    ///
    /// ```swift
    /// filter.predict(using: model, dt: t - lastTime)
    /// ```
    /// - Parameters:
    ///   - model: The constant-velocity or constant-acceleration model.
    ///   - dt: The elapsed time in seconds (a model parameter); 0 leaves the estimate unchanged.
    ///     A negative, NaN or infinite `dt` (an out-of-order or corrupt timestamp) is treated as 0
    ///     rather than poisoning the estimate: reorder late data before filtering, or smooth it
    ///     offline.
    /// - Complexity: O(StateSize²).
    @inlinable
    public mutating func predict(using model: KinematicModel<StateSize, Scalar>, dt: Scalar) {
        let step = dt.isFinite && dt > 0 ? dt : 0
        model.transform(state: &state, covariance: &covariance, dt: step)
        model.addProcessNoise(to: &covariance, dt: step)
    }

    /// Corrects the estimate with a measurement, or records that there was none.
    ///
    /// With a measurement: `y = z - H x`, `S = H P H' + R`, `K = P H' S⁻¹`, `x += K y` and the
    /// Joseph form `P = (I - K H) P (I - K H)' + K R K'`. The measurement is refused, leaving the
    /// estimate unchanged, when it is not finite, when `S` is not positive definite, or when
    /// `y' S⁻¹ y` exceeds ``gateThreshold``.
    ///
    /// When ``measurementMatrix`` selects states, the products by `H` are skipped and, for one or
    /// two measured quantities, `S⁻¹` is formed in closed form; the results agree with the dense
    /// computation to rounding (relative 1e-12 for a well-conditioned `S`), with the same refusals.
    ///
    /// ```swift
    /// let report = filter.update(fix)          // fix: Matrix<2, 1, Double>?
    /// if report.status != .updated { log(report.status) }
    /// ```
    /// - Parameter measurement: `z`, or `nil` when the measurement is missing.
    /// - Returns: The status and the figures computed on the way.
    /// - Complexity: O(StateSize³ + MeasurementSize³).
    @inlinable @inline(__always)
    @discardableResult
    public mutating func update(
        _ measurement: Matrix<MeasurementSize, 1, Scalar>?
    ) -> KalmanUpdateReport<StateSize, MeasurementSize, Scalar> {
        if let selection = measurementSelection {
            return kalmanCorrect(
                state: &state, covariance: &covariance, measurement: measurement, selection: selection,
                h: measurementMatrix, noise: measurementNoise, gateThreshold: gateThreshold)
        }
        return kalmanCorrect(
            state: &state, covariance: &covariance, measurement: measurement,
            predicted: measurementMatrix * state, h: measurementMatrix, noise: measurementNoise,
            gateThreshold: gateThreshold)
    }
}
