public import FieldCore

/// A clock source whose time is set by hand, held by value: for tests, simulations and replays.
///
/// ``HybridClock`` reads its physical time from any FieldCore `ClockSource` (the system clock, a
/// device's RTC, FieldCore's `ManualClock`); this one is a `Sendable` value, so a clock that holds
/// it stays a value too and is set through the clock itself.
///
/// ```swift
/// var clock = HybridClock(node: 1, source: ManualTimeSource(start: .milliseconds(1_000)))
/// clock.source.instant = .milliseconds(5_000)   // the wall clock jumps forward
/// ```
@frozen
public struct ManualTimeSource: ClockSource, Hashable, Sendable {
    /// The time that ``now()`` returns: milliseconds since the Unix epoch, as the device believes.
    public var instant: Instant

    /// Creates a source that reports a fixed time until changed.
    ///
    /// - Parameter start: The first reading; the Unix epoch by default.
    @inlinable
    public init(start: Instant = .epoch) { self.instant = start }

    /// Returns ``instant``.
    ///
    /// - Returns: The time last set.
    @inlinable
    public func now() -> Instant { instant }

    /// Moves the time forward (or back, for a negative duration: clocks in the field do jump).
    ///
    /// - Parameter duration: How far to move.
    @inlinable
    public mutating func advance(by duration: Duration) { instant += duration }
}
