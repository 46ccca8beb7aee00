/// The alpha-beta (g-h) filter: a steady-state position/velocity tracker with two gains.
///
/// Predict `x += v dt`, then correct with the residual `r = z - x`: `x += α r`, `v += β r / dt`.
/// It is the Kalman filter's constant-gain cousin: a few multiplications per sample, no matrices,
/// fine for a level or a distance on the smallest microcontroller.
///
/// ```swift
/// var tracker = try AlphaBetaFilter<Float>(alpha: 0.5, beta: 0.1, position: 0)
/// tracker.update(1.2, dt: 0.1)
/// ```
@frozen
public struct AlphaBetaFilter<Scalar: FilterScalar>: Sendable {
    /// The position gain.
    public let alpha: Scalar
    /// The velocity gain.
    public let beta: Scalar
    /// The position estimate.
    public var position: Scalar
    /// The velocity estimate (units per second).
    public var velocity: Scalar

    /// Creates a tracker.
    ///
    /// - Parameters:
    ///   - alpha: Position gain in `(0, 1]`.
    ///   - beta: Velocity gain in `[0, 2)` (stability needs `0 < β < 4 - 2α`).
    ///   - position: Initial position.
    ///   - velocity: Initial velocity.
    /// - Throws: ``FieldFiltersError/invalidParameter(name:reason:)`` for gains outside the stable region.
    public init(alpha: Scalar, beta: Scalar, position: Scalar, velocity: Scalar = 0) throws(FieldFiltersError) {
        guard alpha > 0, alpha <= 1 else { throw .invalidParameter(name: "alpha", reason: "must be in (0, 1]") }
        guard beta >= 0, beta < 4 - 2 * alpha else {
            throw .invalidParameter(name: "beta", reason: "must be in [0, 4 - 2 alpha)")
        }
        self.alpha = alpha
        self.beta = beta
        self.position = position
        self.velocity = velocity
    }

    /// Advances by `dt` and corrects with a measurement.
    ///
    /// - Parameters:
    ///   - measurement: The measured position, or `nil` to only predict. Non-finite values are
    ///     treated as missing.
    ///   - dt: Seconds since the previous update (> 0 for the velocity correction).
    /// - Returns: The position estimate.
    @inlinable
    @discardableResult
    public mutating func update(_ measurement: Scalar?, dt: Scalar) -> Scalar {
        let step = dt.isFinite && dt > 0 ? dt : 0
        position += velocity * step
        guard let z = measurement, z.isFinite else { return position }
        let residual = z - position
        position += alpha * residual
        if step > 0 { velocity += beta * residual / step }
        return position
    }
}
