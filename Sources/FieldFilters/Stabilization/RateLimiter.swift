/// A rate-of-change limiter: the output follows the input but never faster than a set slope.
///
/// Useful to tame a setpoint, to reject physically impossible jumps of a slow quantity (a tank
/// cannot fill at 50 %/s), or to smooth a displayed value. Rise and fall limits may differ.
///
/// ```swift
/// var level = try RateLimiter<Double>(maximumRise: 2, maximumFall: 0.5)   // per second
/// let shown = level.update(raw, dt: 1)
/// ```
@frozen
public struct RateLimiter<Scalar: FilterScalar>: Sendable {
    /// The largest increase per second.
    public let maximumRise: Scalar
    /// The largest decrease per second (a positive number).
    public let maximumFall: Scalar
    /// The current output, `nil` before the first sample.
    public private(set) var value: Scalar?

    /// Creates a limiter.
    ///
    /// - Parameters:
    ///   - maximumRise: Largest increase per second (> 0).
    ///   - maximumFall: Largest decrease per second (> 0); defaults to `maximumRise`.
    /// - Throws: ``FieldFiltersError/invalidParameter(name:reason:)`` for a non-positive limit.
    public init(maximumRise: Scalar, maximumFall: Scalar? = nil) throws(FieldFiltersError) {
        let fall = maximumFall ?? maximumRise
        guard maximumRise > 0, fall > 0, !maximumRise.isNaN, !fall.isNaN else {
            throw .invalidParameter(name: "maximumRise/maximumFall", reason: "must be > 0")
        }
        self.maximumRise = maximumRise
        self.maximumFall = fall
    }

    /// Moves the output toward `input` by at most the allowed change over `dt`.
    ///
    /// - Parameters:
    ///   - input: The target; non-finite inputs are ignored.
    ///   - dt: Seconds since the previous sample (negative or NaN counts as 0).
    /// - Returns: The limited output (the first finite input passes through).
    public mutating func update(_ input: Scalar, dt: Scalar) -> Scalar {
        guard input.isFinite else { return value ?? input }
        guard let current = value else {
            value = input
            return input
        }
        let step = dt > 0 ? dt : 0
        let change = input - current
        let limited = min(max(change, -maximumFall * step), maximumRise * step)
        let next = current + limited
        value = next
        return next
    }
}
