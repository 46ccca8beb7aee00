/// An error from a FieldClock clock, timestamp decoder or ordering structure.
///
/// Every case names the rule that failed and carries the values involved (and, for decoding, the
/// offset in the input), so a caller can log exactly why a timestamp was refused.
///
/// ```swift
/// do {
///     _ = try clock.receive(remote)
/// } catch {
///     print(error)  // remote timestamp 1700000900000 ms is 900000 ms ahead of local ...
/// }
/// ```
public enum FieldClockError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A remote timestamp is further ahead of the local physical clock than the configured maximum
    /// forward offset. The clock's state is unchanged.
    case remoteTooFarAhead(remotePhysical: UInt64, localPhysical: UInt64, maxForwardOffset: UInt64)
    /// The logical counter would pass 65,535 within one millisecond and the clock's policy is
    /// ``HybridClock/CounterOverflowPolicy/fail``. The clock's state is unchanged.
    case counterOverflow(physical: UInt64)
    /// A physical time (from the time source or a remote timestamp) does not fit the 48-bit
    /// millisecond field, that is, it lies beyond the year 10889.
    case physicalTimeOutOfRange(UInt64)
    /// The high-water-mark store failed to persist a new lease. The clock's state is unchanged and
    /// no timestamp was issued.
    case persistenceFailed(highWaterMark: UInt64)
    /// Binary input ended early: `needed` more bytes were required at `offset`.
    case truncated(offset: Int, needed: Int)
    /// The node id in a binary timestamp is not a valid minimal LEB128 integer.
    case malformedNodeID(offset: Int)
    /// Bytes remain after a complete binary timestamp, starting at `offset`.
    case trailingBytes(offset: Int)
    /// Text input does not follow the fixed-width form; `offset` is the first offending character.
    case malformedText(offset: Int)

    /// A one-line description naming the failed rule and the values involved.
    public var description: String {
        switch self {
        case .remoteTooFarAhead(let remote, let local, let offset):
            "remote timestamp \(remote) ms is more than the maximum forward offset \(offset) ms ahead of local time \(local) ms"
        case .counterOverflow(let physical):
            "logical counter overflow: more than 65536 events in millisecond \(physical)"
        case .physicalTimeOutOfRange(let value):
            "physical time \(value) ms does not fit in 48 bits"
        case .persistenceFailed(let mark):
            "could not persist high-water mark \(mark) ms"
        case .truncated(let offset, let needed):
            "input truncated at offset \(offset): \(needed) more byte(s) needed"
        case .malformedNodeID(let offset):
            "malformed node id at offset \(offset)"
        case .trailingBytes(let offset):
            "unexpected bytes after the timestamp at offset \(offset)"
        case .malformedText(let offset):
            "malformed timestamp text at offset \(offset)"
        }
    }
}
