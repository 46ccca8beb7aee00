/// The 1€ filter (Casiez, Roussel, Vogel 2012): an adaptive low-pass filter that smooths jitter
/// when the signal is still and follows it quickly when it moves.
///
/// The cutoff frequency grows with the (smoothed) speed: `fc = minCutoff + β |dx̂|`. Conventions
/// follow the official `OneEuroFilter` Python package 0.2.1: the sampling frequency comes from
/// the timestamps once two are known (falling back to `frequency`), the derivative uses the
/// previous filtered value, and the first sample passes through with a derivative of 0.
///
/// ```swift
/// var filter = try OneEuroFilter<Double>(frequency: 60, minCutoff: 1, beta: 0.05)
/// for (t, x) in samples { print(filter.update(x, at: t)) }
/// ```
@frozen
public struct OneEuroFilter<Scalar: FilterScalar>: Sendable {
    @usableFromInline var frequency: Scalar
    /// The cutoff at zero speed, in Hz.
    public let minCutoff: Scalar
    /// The speed coefficient.
    public let beta: Scalar
    /// The cutoff of the derivative's low-pass, in Hz.
    public let derivativeCutoff: Scalar
    @usableFromInline var lastTime: Scalar?
    @usableFromInline var filtered: Scalar?
    @usableFromInline var filteredDerivative: Scalar?

    /// Creates a filter.
    ///
    /// - Parameters:
    ///   - frequency: The sampling rate in Hz used until two timestamps are known (> 0).
    ///   - minCutoff: Minimum cutoff in Hz (> 0): lower removes more jitter.
    ///   - beta: Speed coefficient (≥ 0): higher reduces lag when moving.
    ///   - derivativeCutoff: Cutoff for the derivative in Hz (> 0), usually 1.
    /// - Throws: ``FieldFiltersError/invalidParameter(name:reason:)`` for out-of-range parameters.
    public init(
        frequency: Scalar, minCutoff: Scalar = 1, beta: Scalar = 0, derivativeCutoff: Scalar = 1
    )
        throws(FieldFiltersError)
    {
        guard frequency > 0, frequency.isFinite else {
            throw .invalidParameter(name: "frequency", reason: "must be > 0")
        }
        guard minCutoff > 0, minCutoff.isFinite else {
            throw .invalidParameter(name: "minCutoff", reason: "must be > 0")
        }
        guard beta >= 0, beta.isFinite else { throw .invalidParameter(name: "beta", reason: "must be >= 0") }
        guard derivativeCutoff > 0, derivativeCutoff.isFinite else {
            throw .invalidParameter(name: "derivativeCutoff", reason: "must be > 0")
        }
        self.frequency = frequency
        self.minCutoff = minCutoff
        self.beta = beta
        self.derivativeCutoff = derivativeCutoff
    }

    /// The smoothing factor of a first-order low-pass with cutoff `cutoff` at the current rate.
    @inlinable
    func alpha(_ cutoff: Scalar) -> Scalar {
        let te = 1 / frequency
        let tau = 1 / (2 * Scalar.pi * cutoff)
        return 1 / (1 + tau / te)
    }

    /// Filters a sample taken at time `time` (seconds).
    ///
    /// - Parameters:
    ///   - sample: The raw value; a non-finite value is ignored.
    ///   - time: Its timestamp in seconds (the unit of `frequency` and the cutoffs, a model
    ///     parameter); a timestamp not after the previous one keeps the last rate.
    /// - Returns: The filtered value.
    @inlinable
    @discardableResult
    public mutating func update(_ sample: Scalar, at time: Scalar) -> Scalar {
        guard sample.isFinite else { return filtered ?? sample }
        if let last = lastTime, time > last {
            frequency = 1 / (time - last)
        }
        lastTime = time
        let derivative = filtered.map { (sample - $0) * frequency } ?? 0
        let smoothedDerivative = lowPass(&filteredDerivative, derivative, alpha(derivativeCutoff))
        let cutoff = minCutoff + beta * smoothedDerivative.magnitude
        return lowPass(&filtered, sample, alpha(cutoff))
    }

    @inlinable
    func lowPass(_ memory: inout Scalar?, _ x: Scalar, _ a: Scalar) -> Scalar {
        let result = memory.map { a * x + (1 - a) * $0 } ?? x
        memory = result
        return result
    }
}
