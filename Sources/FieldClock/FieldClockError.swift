public import FieldCore

/// An error from a FieldClock clock, timestamp decoder or ordering structure.
///
/// Every FieldKit error has the same shape: a ``code`` that says what kind of problem it is (a
/// struct over a private enum, so a new code in a later release never breaks a `switch`), the
/// ``offset`` in the input for decoding errors, the normative ``rule`` broken when a specification
/// has one, named optional fields for the values involved, and a one-line ``description``, so a
/// caller can log exactly why a timestamp was refused.
///
/// ```swift
/// do {
///     _ = try clock.receive(remote)
/// } catch {
///     print(error)  // remote timestamp 1700000900000 ms is more than the maximum forward offset ...
///     if error.code == .remoteTooFarAhead { print(error.remotePhysical!) }
/// }
/// ```
public struct FieldClockError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem an error reports.
    ///
    /// Compare with `==` or match in a `switch` with `case .truncated:`; always add a `default:`,
    /// since later releases may add codes.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Backing: String, Hashable, Sendable {
            case remoteTooFarAhead, counterOverflow, physicalTimeOutOfRange, persistenceFailed
            case truncated, malformedNodeID, trailingBytes, malformedText
        }

        private let backing: Backing

        private init(_ backing: Backing) { self.backing = backing }

        /// A remote timestamp is further ahead of the local physical clock than the configured
        /// maximum forward offset (``FieldClockError/remotePhysical``,
        /// ``FieldClockError/localPhysical``, ``FieldClockError/maxForwardOffset``). The clock's
        /// state is unchanged.
        public static let remoteTooFarAhead = Code(.remoteTooFarAhead)
        /// The logical counter would pass 65,535 within one millisecond
        /// (``FieldClockError/physical``) and the clock's policy is
        /// ``HybridClock/CounterOverflowPolicy/fail``. The clock's state is unchanged.
        public static let counterOverflow = Code(.counterOverflow)
        /// A physical time (``FieldClockError/physical``, from the clock source or a remote
        /// timestamp) does not fit the 48-bit millisecond field: it lies before the Unix epoch or
        /// beyond the year 10889.
        public static let physicalTimeOutOfRange = Code(.physicalTimeOutOfRange)
        /// The high-water-mark store failed to persist a new lease (``FieldClockError/highWaterMark``).
        /// The clock's state is unchanged and no timestamp was issued.
        public static let persistenceFailed = Code(.persistenceFailed)
        /// Binary input ended early: ``FieldClockError/needed`` more bytes were required at
        /// ``FieldClockError/offset``.
        public static let truncated = Code(.truncated)
        /// The node id in a binary timestamp is not a valid minimal LEB128 integer.
        public static let malformedNodeID = Code(.malformedNodeID)
        /// Bytes remain after a complete binary timestamp, starting at ``FieldClockError/offset``.
        public static let trailingBytes = Code(.trailingBytes)
        /// Text input does not follow the fixed-width form; ``FieldClockError/offset`` is the first
        /// offending character.
        public static let malformedText = Code(.malformedText)

        /// The code's name, as written in source (`remoteTooFarAhead`).
        public var description: String { backing.rawValue }
    }

    /// What kind of problem this is.
    public var code: Code
    /// For decoding errors: the offset in the input where the problem was detected; otherwise `nil`.
    public var offset: Int?
    /// The specification rule the input broke, when there is one.
    public var rule: String?
    /// For ``Code/truncated``: how many more bytes were needed.
    public var needed: Int?
    /// For ``Code/remoteTooFarAhead``: the remote timestamp's physical time.
    public var remotePhysical: Instant?
    /// For ``Code/remoteTooFarAhead``: the local physical time it was compared with.
    public var localPhysical: Instant?
    /// For ``Code/remoteTooFarAhead``: the configured maximum forward offset.
    public var maxForwardOffset: Duration?
    /// For ``Code/counterOverflow``: the millisecond whose counter is full. For
    /// ``Code/physicalTimeOutOfRange``: the time that does not fit (saturated at `Int64.max`).
    public var physical: Instant?
    /// For ``Code/persistenceFailed``: the mark that could not be stored.
    public var highWaterMark: Instant?

    /// Creates an error with a code and, for decoding errors, where it was found; set the other
    /// fields as the code needs (or use a factory function such as ``counterOverflow(physical:)``).
    ///
    /// - Parameters:
    ///   - code: What kind of problem it is.
    ///   - offset: Where in the input it was detected, or `nil`.
    ///   - needed: For ``Code/truncated``, the bytes missing, or `nil`.
    ///   - rule: The specification rule broken, or `nil`.
    public init(_ code: Code, at offset: Int? = nil, needed: Int? = nil, rule: String? = nil) {
        self.code = code
        self.offset = offset
        self.needed = needed
        self.rule = rule
    }

    /// A one-line description naming the failed rule and the values involved.
    public var description: String {
        var text: String
        switch code {
        case .remoteTooFarAhead:
            text =
                "remote timestamp \(Self.text(remotePhysical)) ms is more than the maximum forward offset "
                + "\(maxForwardOffset?.wholeMilliseconds ?? 0) ms ahead of local time \(Self.text(localPhysical)) ms"
        case .counterOverflow:
            text = "logical counter overflow: more than 65536 events in millisecond \(Self.text(physical))"
        case .physicalTimeOutOfRange:
            text = "physical time \(Self.text(physical)) ms does not fit in 48 bits"
        case .persistenceFailed:
            text = "could not persist high-water mark \(Self.text(highWaterMark)) ms"
        case .truncated: text = "input truncated"
        case .malformedNodeID: text = "malformed node id"
        case .trailingBytes: text = "unexpected bytes after the timestamp"
        case .malformedText: text = "malformed timestamp text"
        default: text = code.description
        }
        if let offset { text += " at offset \(offset)" }
        if let needed, code == .truncated { text += ": \(needed) more byte(s) needed" }
        if let rule { text += " (\(rule))" }
        return text
    }

    /// The milliseconds of an instant, or `?`.
    private static func text(_ instant: Instant?) -> String {
        instant.map { String($0.millisecondsSinceEpoch) } ?? "?"
    }
}

extension FieldClockError {
    /// A remote timestamp leads local physical time by more than the configured maximum.
    ///
    /// - Parameters:
    ///   - remotePhysical: The remote timestamp's physical time.
    ///   - localPhysical: The local physical time.
    ///   - maxForwardOffset: The configured limit.
    /// - Returns: A ``Code/remoteTooFarAhead`` error.
    public static func remoteTooFarAhead(
        remotePhysical: Instant, localPhysical: Instant, maxForwardOffset: Duration
    ) -> FieldClockError {
        var error = FieldClockError(.remoteTooFarAhead)
        error.remotePhysical = remotePhysical
        error.localPhysical = localPhysical
        error.maxForwardOffset = maxForwardOffset
        return error
    }

    /// The logical counter of a millisecond is full.
    ///
    /// - Parameter physical: The millisecond.
    /// - Returns: A ``Code/counterOverflow`` error.
    public static func counterOverflow(physical: Instant) -> FieldClockError {
        var error = FieldClockError(.counterOverflow)
        error.physical = physical
        return error
    }

    /// A physical time does not fit 48 bits.
    ///
    /// - Parameter physical: The time.
    /// - Returns: A ``Code/physicalTimeOutOfRange`` error.
    public static func physicalTimeOutOfRange(_ physical: Instant) -> FieldClockError {
        var error = FieldClockError(.physicalTimeOutOfRange)
        error.physical = physical
        return error
    }

    /// A new high-water mark could not be stored.
    ///
    /// - Parameter highWaterMark: The mark.
    /// - Returns: A ``Code/persistenceFailed`` error.
    public static func persistenceFailed(highWaterMark: Instant) -> FieldClockError {
        var error = FieldClockError(.persistenceFailed)
        error.highWaterMark = highWaterMark
        return error
    }

    /// Binary input ended early.
    ///
    /// - Parameters:
    ///   - offset: Where the input ended.
    ///   - needed: How many more bytes were needed.
    /// - Returns: A ``Code/truncated`` error.
    public static func truncated(offset: Int, needed: Int) -> FieldClockError {
        FieldClockError(.truncated, at: offset, needed: needed)
    }

    /// A binary node id is not a valid minimal LEB128 integer.
    ///
    /// - Parameter offset: Where the node id starts.
    /// - Returns: A ``Code/malformedNodeID`` error.
    public static func malformedNodeID(offset: Int) -> FieldClockError {
        FieldClockError(.malformedNodeID, at: offset)
    }

    /// Bytes follow a complete binary timestamp.
    ///
    /// - Parameter offset: Where they start.
    /// - Returns: A ``Code/trailingBytes`` error.
    public static func trailingBytes(offset: Int) -> FieldClockError {
        FieldClockError(.trailingBytes, at: offset)
    }

    /// Text does not follow the fixed-width form.
    ///
    /// - Parameter offset: The first offending character.
    /// - Returns: A ``Code/malformedText`` error.
    public static func malformedText(offset: Int) -> FieldClockError {
        FieldClockError(.malformedText, at: offset)
    }
}

extension Instant {
    /// The instant of a physical time in HLC milliseconds, saturated at `Int64.max`.
    @inlinable
    init(physical: UInt64) {
        self.init(millisecondsSinceEpoch: Int64(clamping: physical))
    }
}
