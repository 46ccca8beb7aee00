/// Exponential backoff with full jitter, bounded, for retrying after a failure.
///
/// The delay before retry `n` (starting at 0) is drawn uniformly from `0...min(cap, base * 2^n)`
/// ("full jitter"), so a fleet that lost its broker at the same moment does not come back at the
/// same moment. Times are plain milliseconds: the caller owns the clock.
///
/// ```swift
/// var backoff = Backoff(baseMilliseconds: 500, capMilliseconds: 60_000)
/// var rng = SplitMix64(seed: deviceID)
/// let wait = backoff.nextDelay(using: &rng)   // 0...500 ms, then 0...1000 ms, ...
/// backoff.reset()                             // after a success
/// ```
public struct Backoff: Sendable, Hashable {
    /// The upper bound of the first delay, in milliseconds.
    public var baseMilliseconds: Int64
    /// The largest upper bound any delay can have, in milliseconds.
    public var capMilliseconds: Int64
    /// How many delays have been drawn since the last ``reset()``.
    public private(set) var attempt: Int = 0

    /// Creates a backoff policy.
    ///
    /// - Parameters:
    ///   - baseMilliseconds: Upper bound of the first delay (clamped to at least 1).
    ///   - capMilliseconds: Upper bound of every delay (clamped to at least the base).
    public init(baseMilliseconds: Int64, capMilliseconds: Int64) {
        self.baseMilliseconds = max(1, baseMilliseconds)
        self.capMilliseconds = max(self.baseMilliseconds, capMilliseconds)
    }

    /// The upper bound of the delay for a given attempt, without drawing one.
    ///
    /// - Parameter attempt: The retry number, from 0.
    /// - Returns: `min(cap, base * 2^attempt)`, computed without overflow.
    public func ceiling(forAttempt attempt: Int) -> Int64 {
        let shift = min(max(attempt, 0), 62)
        let (scaled, overflow) = baseMilliseconds.multipliedReportingOverflow(by: Int64(1) << shift)
        return overflow ? capMilliseconds : min(capMilliseconds, scaled)
    }

    /// Draws the next delay and advances the attempt counter.
    ///
    /// - Parameter generator: The source of randomness (seed it for reproducible runs).
    /// - Returns: A delay in milliseconds, uniform in `0...ceiling(forAttempt: attempt)`.
    public mutating func nextDelay<G: RandomNumberGenerator>(using generator: inout G) -> Int64 {
        let upper = ceiling(forAttempt: attempt)
        attempt += 1
        return Int64.random(in: 0...upper, using: &generator)
    }

    /// Starts again from the first delay (call after a success).
    public mutating func reset() { attempt = 0 }
}
