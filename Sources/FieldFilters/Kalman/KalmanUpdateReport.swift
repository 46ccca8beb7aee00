/// Everything a Kalman measurement step computed: what happened, and the figures behind it.
///
/// The innovation `y = z - Hx`, its covariance `S = H P H' + R`, the squared Mahalanobis distance
/// `y' S⁻¹ y`, the gain and the Gaussian log-likelihood of the measurement. For a missing
/// measurement the figures are zero; for a rejected one the gain and log-likelihood are zero.
///
/// ```swift
/// let report = filter.update(z)
/// if case .rejected(.outsideGate) = report.status {
///     print("jump: d² = \(report.mahalanobisSquared) > \(report.gateThreshold!)")
/// }
/// ```
@frozen
public struct KalmanUpdateReport<let StateSize: Int, let MeasurementSize: Int, Scalar: FilterScalar>: Sendable {
    /// What the filter did with the measurement.
    public var status: MeasurementStatus
    /// The innovation (residual) `y = z - H x⁻`.
    public var innovation: Matrix<MeasurementSize, 1, Scalar>
    /// The innovation covariance `S = H P⁻ H' + R`.
    public var innovationCovariance: Matrix<MeasurementSize, MeasurementSize, Scalar>
    /// The squared Mahalanobis distance `y' S⁻¹ y`.
    public var mahalanobisSquared: Scalar
    /// The gate the distance was compared with, when gating is on.
    public var gateThreshold: Scalar?
    /// The Kalman gain `K = P⁻ H' S⁻¹` (zero unless the status is ``MeasurementStatus/updated``).
    public var gain: Matrix<StateSize, MeasurementSize, Scalar>

    /// `ln N(y; 0, S)`: `-(m ln 2π + ln det S + y' S⁻¹ y) / 2` (zero unless updated).
    ///
    /// Computed on demand (a Cholesky factorisation of `S` and a logarithm), so filters that do not
    /// read it do not pay for it.
    ///
    /// - Complexity: O(MeasurementSize³).
    @inlinable
    public var logLikelihood: Scalar {
        guard status == .updated, let factor = try? CholeskyFactor(innovationCovariance) else { return 0 }
        return gaussianLogLikelihood(
            dimension: MeasurementSize, logDeterminant: factor.logDeterminant, distance: mahalanobisSquared)
    }

    /// A report with every figure zero and the given status.
    ///
    /// - Parameter status: The status to record.
    @inlinable
    public init(status: MeasurementStatus) {
        self.status = status
        innovation = .zero
        innovationCovariance = .zero
        mahalanobisSquared = 0
        gateThreshold = nil
        gain = .zero
    }
}
