/// The measurement correction shared by the linear and extended filters: innovation, gating,
/// gain and Joseph-form covariance update against a (linearised) measurement matrix.
///
/// - Parameters:
///   - state: The prior state, replaced by the posterior when the measurement is used.
///   - covariance: The prior covariance, replaced likewise.
///   - measurement: `z`, or `nil` when missing.
///   - predicted: `h(x)` (`H x` for the linear filter).
///   - h: The measurement matrix or Jacobian.
///   - noise: `R`.
///   - gateThreshold: The chi-square gate or `nil`.
/// - Returns: The report.
@inlinable
func kalmanCorrect<let N: Int, let M: Int, Scalar: FilterScalar>(
    state: inout Matrix<N, 1, Scalar>,
    covariance: inout Matrix<N, N, Scalar>,
    measurement: Matrix<M, 1, Scalar>?,
    predicted: Matrix<M, 1, Scalar>,
    h: Matrix<M, N, Scalar>,
    noise: Matrix<M, M, Scalar>,
    gateThreshold: Scalar?
) -> KalmanUpdateReport<N, M, Scalar> {
    guard let z = measurement else { return KalmanUpdateReport(status: .missing) }
    guard z.isFinite else { return KalmanUpdateReport(status: .rejected(.nonFiniteMeasurement)) }
    let hp = h * covariance
    let s = hp.multipliedByTranspose(of: h) + noise
    let y = z - predicted
    var report = KalmanUpdateReport<N, M, Scalar>(status: .updated)
    guard let factor = screenInnovation(y, covariance: s, gateThreshold: gateThreshold, report: &report) else {
        return report
    }
    // K' = S⁻¹ H P, because P is symmetric.
    let gain = factor.solve(hp).transposed
    state += gain * y
    // Joseph form (I - K H) P (I - K H)' + K R K', associated to reuse H P and to share the K'
    // product: with B = (I - K H) P = P - K (H P),
    //   B (I - K H)' + K R K' = B - (B H' - K R) K'.
    let b = covariance - gain * hp
    let c = b.multipliedByTranspose(of: h) - gain * noise
    covariance = b - c.multipliedByTranspose(of: gain)
    report.gain = gain
    return report
}

/// Records the innovation `y` and its covariance `S` in the report, factors `S` and applies the
/// gate: the checks every filter's update makes before it uses a measurement.
///
/// - Parameters:
///   - y: The innovation.
///   - s: Its covariance.
///   - gateThreshold: The chi-square gate or `nil`.
///   - report: The report, whose status becomes the rejection when there is one.
/// - Returns: The Cholesky factor of `S`, or `nil` when the measurement is rejected.
@inlinable
func screenInnovation<let N: Int, let M: Int, Scalar: FilterScalar>(
    _ y: Matrix<M, 1, Scalar>, covariance s: Matrix<M, M, Scalar>, gateThreshold: Scalar?,
    report: inout KalmanUpdateReport<N, M, Scalar>
) -> CholeskyFactor<M, Scalar>? {
    report.innovation = y
    report.innovationCovariance = s
    report.gateThreshold = gateThreshold
    let factor: CholeskyFactor<M, Scalar>
    do {
        factor = try CholeskyFactor(s)
    } catch {
        report.status = .rejected(.innovationCovarianceNotPositiveDefinite)
        return nil
    }
    let distance = factor.inverseQuadraticForm(y)
    report.mahalanobisSquared = distance
    if let gate = gateThreshold, !(distance <= gate) {
        report.status = .rejected(.outsideGate)
        return nil
    }
    return factor
}

/// `-(m ln 2π + ln det S + d²) / 2`.
@inlinable
func gaussianLogLikelihood<Scalar: FilterScalar>(dimension: Int, logDeterminant: Scalar, distance: Scalar) -> Scalar {
    let logTwoPi = Scalar(1.8378770664093454835606594728112)
    return -(Scalar(dimension) * logTwoPi + logDeterminant + distance) / 2
}
