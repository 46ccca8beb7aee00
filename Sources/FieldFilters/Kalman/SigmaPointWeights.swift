/// The weights of Van der Merwe's scaled sigma points for an `n`-dimensional state.
///
/// `λ = α² (n + κ) - n`; the centre point has mean weight `λ / (n + λ)` and covariance weight
/// `λ / (n + λ) + 1 - α² + β`; the `2n` others have `1 / (2 (n + λ))` for both. The spread of the
/// points is `√(n + λ)` standard deviations. Same as filterpy's `MerweScaledSigmaPoints`.
///
/// ```swift
/// let weights = try SigmaPointWeights<Double>(dimension: 4, alpha: 0.1, beta: 2, kappa: -1)
/// ```
@frozen
public struct SigmaPointWeights<Scalar: FilterScalar>: Sendable {
    /// `λ`.
    public let lambda: Scalar
    /// The mean weight of the centre point.
    public let centerMean: Scalar
    /// The covariance weight of the centre point.
    public let centerCovariance: Scalar
    /// The weight (mean and covariance) of each of the other `2n` points.
    public let other: Scalar

    /// Computes the weights.
    ///
    /// - Parameters:
    ///   - dimension: The state dimension `n`.
    ///   - alpha: The spread, in `(0, 1]` (typically 1e-3 ... 1).
    ///   - beta: Prior knowledge of the distribution (2 is optimal for Gaussians).
    ///   - kappa: The secondary scaling (often `3 - n` or 0).
    /// - Throws: ``FieldFiltersError/invalidParameter(name:reason:)`` when `alpha` is out of range or
    ///   `n + λ` is not positive.
    public init(dimension: Int, alpha: Scalar, beta: Scalar, kappa: Scalar) throws(FieldFiltersError) {
        guard alpha > 0, alpha <= 1 else { throw .invalidParameter(name: "alpha", reason: "must be in (0, 1]") }
        guard beta.isFinite, kappa.isFinite else {
            throw .invalidParameter(name: "beta/kappa", reason: "must be finite")
        }
        let n = Scalar(dimension)
        let lambda = alpha * alpha * (n + kappa) - n
        guard n + lambda > 0 else { throw .invalidParameter(name: "kappa", reason: "n + lambda must be positive") }
        self.lambda = lambda
        centerMean = lambda / (n + lambda)
        centerCovariance = lambda / (n + lambda) + (1 - alpha * alpha + beta)
        other = 1 / (2 * (n + lambda))
    }
}
