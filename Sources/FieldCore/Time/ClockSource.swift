/// Something that tells the time: the one way a FieldKit component learns "now".
///
/// Sans-IO cores take instants as plain values; the components that read the time themselves (a
/// host adapter, a recorder, a scheduler) take a clock source, so a test can drive years of field
/// time in milliseconds with a ``ManualClock`` and a device can plug in its RTC or tick counter.
///
/// ```swift
/// struct TickClock: ClockSource {
///     func now() -> Instant { .milliseconds(Int64(board.ticks) * 10) }
/// }
/// ```
public protocol ClockSource {
    /// The current reading of the clock.
    ///
    /// - Returns: The instant now, in the clock's own epoch.
    func now() -> Instant
}

/// A clock that only moves when told to: the clock of tests and simulations.
///
/// It is a reference type, so the component that holds it and the test that advances it share one
/// reading. It is not `Sendable`: keep it on one thread, as tests and simulations do.
///
/// ```swift
/// let clock = ManualClock(start: .milliseconds(0))
/// clock.advance(by: .seconds(90))
/// clock.now()  // 90000ms
/// ```
public final class ManualClock: ClockSource {
    /// The clock's current reading.
    public var instant: Instant

    /// Creates a clock reading `start`.
    ///
    /// - Parameter start: The first reading; the epoch by default.
    public init(start: Instant = .epoch) {
        instant = start
    }

    /// The current reading.
    ///
    /// - Returns: ``instant``.
    public func now() -> Instant { instant }

    /// Moves the clock forward (or back, for a negative duration: clocks in the field do jump).
    ///
    /// - Parameter duration: How far to move.
    public func advance(by duration: Duration) {
        instant = instant.advanced(by: duration)
    }
}
