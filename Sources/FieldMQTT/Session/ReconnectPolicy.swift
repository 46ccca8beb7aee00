public import FieldCore

/// When to try again after a connection ends: exponential backoff with full jitter, bounded, and
/// no retry at all for refusals that will not change by themselves.
///
/// A fleet that lost its broker at the same moment must not come back at the same moment: each
/// delay is drawn uniformly from `0...min(cap, base * 2^attempt)`. A successful CONNACK resets it.
///
/// ```swift
/// var policy = ReconnectPolicy(base: .seconds(1), cap: .seconds(300))
/// case .disconnected(let reason):
///     if let wait = policy.delay(after: reason, using: &rng) { schedule(reconnectIn: wait) }
///     else { report("giving up: \(reason)") }
/// case .connected:
///     policy.reset()
/// ```
public struct ReconnectPolicy: Sendable, Hashable {
    /// The backoff schedule.
    public private(set) var backoff: Backoff
    /// Gives up after this many consecutive failures (`nil`: never).
    public var maximumAttempts: Int?

    /// Creates a policy.
    ///
    /// - Parameters:
    ///   - base: Upper bound of the first delay.
    ///   - cap: Upper bound of every delay.
    ///   - maximumAttempts: Consecutive failures before giving up, or `nil` to retry forever.
    public init(base: Duration = .seconds(1), cap: Duration = .seconds(300), maximumAttempts: Int? = nil) {
        backoff = Backoff(base: base, cap: cap)
        self.maximumAttempts = maximumAttempts
    }

    /// The delay before the next attempt, or `nil` when the session should not reconnect.
    ///
    /// - Parameters:
    ///   - reason: Why the connection ended.
    ///   - generator: The randomness for the jitter.
    /// - Returns: How long to wait, or `nil` (a refusal that will not change, the application's
    ///   own request, or too many attempts).
    public mutating func delay<G: RandomNumberGenerator>(
        after reason: DisconnectReason, using generator: inout G
    ) -> Duration? {
        guard reason.isRetryable else { return nil }
        if let maximumAttempts, backoff.attempt >= maximumAttempts { return nil }
        return backoff.nextDelay(using: &generator)
    }

    /// Starts the schedule again (call on every successful connection).
    public mutating func reset() { backoff.reset() }
}
