/// An exponential moving average, with a fixed weight or a time constant for irregular samples.
///
/// `s = s + α (x - s)`; the first sample initialises `s`. With a time constant `τ`, each sample
/// uses `α = 1 - e^(-dt/τ)`, so a device that reports irregularly (or wakes after hours) is
/// smoothed consistently in time rather than per sample.
///
/// ```swift
/// var ema = try ExponentialMovingAverage<Double>(alpha: 0.2)
/// for x in readings { print(ema.update(x)) }
/// var timed = try ExponentialMovingAverage<Double>(timeConstant: 60)
/// timed.update(21.5, dt: 12)
/// ```
@frozen
public struct ExponentialMovingAverage<Scalar: FilterScalar>: Sendable {
    @usableFromInline enum Weighting: Sendable {
        case fixed(Scalar)
        case timeConstant(Scalar)
    }

    @usableFromInline let weighting: Weighting
    @usableFromInline var current: Scalar?

    /// The current average, `nil` before the first sample.
    @inlinable public var value: Scalar? { current }

    /// An average with a fixed weight per sample.
    ///
    /// - Parameter alpha: The weight of the newest sample, in `(0, 1]`.
    /// - Throws: ``FieldFiltersError/invalidParameter(name:reason:)`` when `alpha` is out of range.
    public init(alpha: Scalar) throws(FieldFiltersError) {
        guard alpha > 0, alpha <= 1 else { throw .invalidParameter(name: "alpha", reason: "must be in (0, 1]") }
        weighting = .fixed(alpha)
    }

    /// An average with time constant `timeConstant` seconds (the time to forget ~63 %).
    ///
    /// - Parameter timeConstant: `τ`, positive and finite.
    /// - Throws: ``FieldFiltersError/invalidParameter(name:reason:)`` when `τ` is not positive.
    public init(timeConstant: Scalar) throws(FieldFiltersError) {
        guard timeConstant > 0, timeConstant.isFinite else {
            throw .invalidParameter(name: "timeConstant", reason: "must be positive and finite")
        }
        weighting = .timeConstant(timeConstant)
    }

    /// Adds a sample and returns the new average.
    ///
    /// - Parameters:
    ///   - sample: The new value; a non-finite value is ignored (the average is returned unchanged).
    ///   - dt: Seconds since the previous sample (used only with a time constant; ignored if
    ///     negative).
    /// - Returns: The average, or `sample` for the first finite sample.
    @inlinable
    @discardableResult
    public mutating func update(_ sample: Scalar, dt: Scalar = 1) -> Scalar {
        guard sample.isFinite else { return current ?? sample }
        guard let current else {
            self.current = sample
            return sample
        }
        let alpha: Scalar
        switch weighting {
        case .fixed(let a): alpha = a
        case .timeConstant(let tau): alpha = dt > 0 ? 1 - Scalar.exponential(-dt / tau) : 0
        }
        let next = current + alpha * (sample - current)
        self.current = next
        return next
    }
}
