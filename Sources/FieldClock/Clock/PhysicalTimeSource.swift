/// A source of physical time in milliseconds since the Unix epoch, injected into a clock.
///
/// The hybrid clock reads its source once per event. Conforming types may be anything: the
/// system's real-time clock, a microcontroller's RTC, or a manual source that a test or
/// simulation advances by hand. The source is allowed to be wrong: jump backward, jump forward,
/// run fast or slow. ``HybridClock`` stays monotonic regardless.
///
/// ```swift
/// struct RTCSource: PhysicalTimeSource {
///     mutating func milliseconds() -> UInt64 { rtc_read_ms() }
/// }
/// ```
public protocol PhysicalTimeSource {
    /// Reads the current physical time.
    ///
    /// - Returns: Milliseconds since the Unix epoch, as this device believes it to be.
    mutating func milliseconds() -> UInt64
}

/// A physical time source whose time is set by hand: for tests, simulations and replays.
///
/// ```swift
/// var clock = HybridClock(node: 1, source: ManualTimeSource(milliseconds: 1_000))
/// clock.source.time = 5_000   // the wall clock jumps forward
/// ```
@frozen
public struct ManualTimeSource: PhysicalTimeSource, Hashable, Sendable {
    /// The time that ``milliseconds()`` returns.
    public var time: UInt64

    /// Creates a source that reports a fixed time until changed.
    ///
    /// - Parameter time: Milliseconds since the Unix epoch.
    @inlinable
    public init(milliseconds time: UInt64) { self.time = time }

    /// Returns ``time``.
    ///
    /// - Returns: The time last set.
    @inlinable
    public mutating func milliseconds() -> UInt64 { time }
}
