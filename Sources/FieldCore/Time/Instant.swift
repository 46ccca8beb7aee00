/// A reading of a clock, in whole milliseconds since that clock's epoch.
///
/// FieldKit's components never take a bare integer that means a time: they take an `Instant` for
/// "when" and the standard library's `Duration` for "how long". An instant carries its unit in its
/// name, so a caller cannot pass seconds where milliseconds are meant.
///
/// Which epoch an instant counts from is the clock's business: a ``SystemClock`` counts from the
/// Unix epoch (wall-clock time, which can jump), a ``MonotonicClock`` from an arbitrary point such
/// as boot (never jumps back). Compare and subtract instants only when they come from the same kind
/// of clock.
///
/// ```swift
/// let start = Instant(millisecondsSinceEpoch: 1_700_000_000_000)
/// let deadline = start + .seconds(30)
/// print(deadline.duration(since: start))  // 30.0 seconds
/// ```
@frozen
public struct Instant: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Milliseconds since the clock's epoch (negative before it).
    public var millisecondsSinceEpoch: Int64

    /// Creates an instant a number of milliseconds after the clock's epoch.
    ///
    /// - Parameter millisecondsSinceEpoch: Milliseconds since the epoch of the clock that read it.
    @inlinable
    public init(millisecondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
    }

    /// The clock's epoch itself.
    public static let epoch = Instant(millisecondsSinceEpoch: 0)

    /// The instant a number of milliseconds after the epoch.
    ///
    /// - Parameter value: Milliseconds since the epoch.
    /// - Returns: The instant.
    @inlinable
    public static func milliseconds(_ value: Int64) -> Instant {
        Instant(millisecondsSinceEpoch: value)
    }

    /// The instant a number of whole seconds after the epoch.
    ///
    /// - Parameter value: Seconds since the epoch.
    /// - Returns: The instant; saturates at the representable range.
    @inlinable
    public static func seconds(_ value: Int64) -> Instant {
        let (product, overflow) = value.multipliedReportingOverflow(by: 1000)
        return Instant(millisecondsSinceEpoch: overflow ? (value < 0 ? .min : .max) : product)
    }

    /// The instant moved by a duration, rounded toward zero to whole milliseconds.
    ///
    /// - Parameter duration: How far to move (negative moves back).
    /// - Returns: The moved instant; saturates at the representable range instead of trapping.
    @inlinable
    public func advanced(by duration: Duration) -> Instant {
        let (sum, overflow) = millisecondsSinceEpoch.addingReportingOverflow(duration.wholeMilliseconds)
        if overflow { return Instant(millisecondsSinceEpoch: duration < .zero ? .min : .max) }
        return Instant(millisecondsSinceEpoch: sum)
    }

    /// The duration from an earlier instant to this one (negative if `other` is later).
    ///
    /// - Parameter other: The instant to measure from.
    /// - Returns: `self - other`, exact to the millisecond.
    @inlinable
    public func duration(since other: Instant) -> Duration {
        let (difference, overflow) = millisecondsSinceEpoch.subtractingReportingOverflow(
            other.millisecondsSinceEpoch)
        if overflow {
            return .milliseconds(millisecondsSinceEpoch > other.millisecondsSinceEpoch ? Int64.max : Int64.min)
        }
        return .milliseconds(difference)
    }

    /// Whether `lhs` is earlier than `rhs`.
    @inlinable
    public static func < (lhs: Instant, rhs: Instant) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }

    /// The instant moved forward by a duration (see ``advanced(by:)``).
    @inlinable
    public static func + (lhs: Instant, rhs: Duration) -> Instant { lhs.advanced(by: rhs) }

    /// The instant moved back by a duration (see ``advanced(by:)``).
    @inlinable
    public static func - (lhs: Instant, rhs: Duration) -> Instant { lhs.advanced(by: .zero - rhs) }

    /// The duration between two instants (see ``duration(since:)``).
    @inlinable
    public static func - (lhs: Instant, rhs: Instant) -> Duration { lhs.duration(since: rhs) }

    /// Moves the instant forward by a duration.
    @inlinable
    public static func += (lhs: inout Instant, rhs: Duration) { lhs = lhs.advanced(by: rhs) }

    /// The milliseconds since the epoch followed by `ms`, for example `1700000000000ms`.
    public var description: String { "\(millisecondsSinceEpoch)ms" }
}
