/// Exponential backoff with full jitter, bounded, for retrying after a failure.
///
/// The delay before retry `n` (starting at 0) is drawn uniformly from `0...min(cap, base * 2^n)`
/// ("full jitter"), so a fleet that lost its broker at the same moment does not come back at the
/// same moment. Delays are whole milliseconds (as `Duration`s): the caller owns the clock.
///
/// ```swift
/// var backoff = Backoff(base: .milliseconds(500), cap: .seconds(60))
/// var rng = SplitMix64(seed: deviceID)
/// let wait = backoff.nextDelay(using: &rng)   // 0...500 ms, then 0...1000 ms, ...
/// backoff.reset()                             // after a success
/// ```
public struct Backoff: Sendable, Hashable {
    /// The upper bound of the first delay (whole milliseconds).
    public var base: Duration { .milliseconds(baseMilliseconds) }
    /// The largest upper bound any delay can have (whole milliseconds).
    public var cap: Duration { .milliseconds(capMilliseconds) }
    private var baseMilliseconds: Int64
    private var capMilliseconds: Int64
    /// How many delays have been drawn since the last ``reset()``.
    public private(set) var attempt: Int = 0

    /// Creates a backoff policy.
    ///
    /// - Parameters:
    ///   - base: Upper bound of the first delay (whole milliseconds, at least 1 ms).
    ///   - cap: Upper bound of every delay (clamped to at least the base).
    public init(base: Duration, cap: Duration) {
        self.baseMilliseconds = max(1, base.wholeMilliseconds)
        self.capMilliseconds = max(self.baseMilliseconds, cap.wholeMilliseconds)
    }

    /// The upper bound of the delay for a given attempt, without drawing one.
    ///
    /// - Parameter attempt: The retry number, from 0.
    /// - Returns: `min(cap, base * 2^attempt)`, computed without overflow.
    public func ceiling(forAttempt attempt: Int) -> Duration {
        .milliseconds(ceilingMilliseconds(forAttempt: attempt))
    }

    private func ceilingMilliseconds(forAttempt attempt: Int) -> Int64 {
        let shift = min(max(attempt, 0), 62)
        let (scaled, overflow) = baseMilliseconds.multipliedReportingOverflow(by: Int64(1) << shift)
        return overflow ? capMilliseconds : min(capMilliseconds, scaled)
    }

    /// Draws the next delay and advances the attempt counter.
    ///
    /// - Parameter generator: The source of randomness (seed it for reproducible runs).
    /// - Returns: A delay of whole milliseconds, uniform in `0...ceiling(forAttempt: attempt)`.
    public mutating func nextDelay<G: RandomNumberGenerator>(using generator: inout G) -> Duration {
        let upper = ceilingMilliseconds(forAttempt: attempt)
        attempt += 1
        return .milliseconds(Int64.random(in: 0...upper, using: &generator))
    }

    /// Starts again from the first delay (call after a success).
    public mutating func reset() { attempt = 0 }
}
