public import FieldCore

/// A hybrid logical clock timestamp: physical milliseconds, a logical counter and the node id.
///
/// Timestamps are totally ordered: first by physical milliseconds (`l` in the HLC paper), then by
/// the logical counter (`c`), then by node id, so two events from different nodes never compare
/// equal. The physical part counts milliseconds since the Unix epoch in 48 bits (through the year
/// 10889) and the counter is 16 bits, which is what the ``packed`` form stores.
///
/// ```swift
/// let t = HybridTimestamp(physical: 1_700_000_000_000, logical: 3, node: 7)
/// t.packed                     // 0x018B_CFE5_6800_0003
/// t.text                       // "001700000000000-00003-0000000000000007"
/// t < HybridTimestamp(physical: 1_700_000_000_000, logical: 4, node: 0)  // true
/// ```
@frozen
public struct HybridTimestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The largest physical time a timestamp can hold: 2^48 - 1 milliseconds since the Unix epoch.
    public static let maxPhysical: UInt64 = (1 << 48) - 1

    /// The 48-bit physical milliseconds in the high bits and the 16-bit counter in the low bits.
    ///
    /// The unsigned order of `packed` is the order of (physical, logical).
    public var packed: UInt64
    /// The id of the node that issued the timestamp; it breaks ties between equal packed values.
    public var node: UInt64

    /// Creates a timestamp from its packed 64-bit form and a node id.
    ///
    /// Every 64-bit value is a valid packed form, so this never fails.
    ///
    /// ```swift
    /// let t = HybridTimestamp(packed: 0x018B_CFE5_6800_0003, node: 7)
    /// t.physical  // 1_700_000_000_000
    /// ```
    ///
    /// - Parameters:
    ///   - packed: 48-bit milliseconds in the high bits, the counter in the low 16 bits.
    ///   - node: The issuing node's id.
    @inlinable
    public init(packed: UInt64, node: UInt64) {
        self.packed = packed
        self.node = node
    }

    /// Creates a timestamp from its parts.
    ///
    /// The physical time must fit in 48 bits (see ``maxPhysical``); this is a programming
    /// error otherwise, not an input error. To build a timestamp from untrusted values use
    /// ``init(validatingPhysical:logical:node:)``.
    ///
    /// ```swift
    /// let t = HybridTimestamp(physical: 1_700_000_000_000, logical: 0, node: 1)
    /// ```
    ///
    /// - Parameters:
    ///   - physical: Milliseconds since the Unix epoch, at most ``maxPhysical``.
    ///   - logical: The logical counter.
    ///   - node: The issuing node's id.
    @inlinable
    public init(physical: UInt64, logical: UInt16, node: UInt64) {
        precondition(physical <= HybridTimestamp.maxPhysical, "physical time does not fit in 48 bits")
        self.packed = physical << 16 | UInt64(logical)
        self.node = node
    }

    /// Creates a timestamp from untrusted parts, checking that the physical time fits in 48 bits.
    ///
    /// ```swift
    /// let t = try HybridTimestamp(validatingPhysical: wire.ms, logical: wire.counter, node: wire.node)
    /// ```
    ///
    /// - Parameters:
    ///   - physical: Milliseconds since the Unix epoch.
    ///   - logical: The logical counter.
    ///   - node: The issuing node's id.
    /// - Throws: ``FieldClockError/physicalTimeOutOfRange(_:)`` when `physical` exceeds
    ///   ``maxPhysical``.
    @inlinable
    public init(validatingPhysical physical: UInt64, logical: UInt16, node: UInt64) throws(FieldClockError) {
        guard physical <= HybridTimestamp.maxPhysical else {
            throw .physicalTimeOutOfRange(Instant(physical: physical))
        }
        self.packed = physical << 16 | UInt64(logical)
        self.node = node
    }

    /// The physical component (`l` in the HLC paper): milliseconds since the Unix epoch.
    @inlinable
    public var physical: UInt64 { packed >> 16 }

    /// The logical counter (`c` in the HLC paper) that orders events within one millisecond.
    @inlinable
    public var logical: UInt16 { UInt16(truncatingIfNeeded: packed) }

    /// Orders timestamps by physical time, then logical counter, then node id.
    ///
    /// - Parameters:
    ///   - lhs: A timestamp.
    ///   - rhs: Another timestamp.
    /// - Returns: Whether `lhs` comes strictly before `rhs`.
    @inlinable
    public static func < (lhs: HybridTimestamp, rhs: HybridTimestamp) -> Bool {
        lhs.packed < rhs.packed || (lhs.packed == rhs.packed && lhs.node < rhs.node)
    }
}
