/// The quality of service of a message: how many times it may be delivered.
///
/// ```swift
/// let qos = QoS(rawValue: 1)   // .atLeastOnce
/// ```
public enum QoS: UInt8, Sendable, Hashable, Comparable, CaseIterable {
    /// Delivered at most once, without acknowledgement.
    case atMostOnce = 0
    /// Delivered at least once (PUBLISH, PUBACK).
    case atLeastOnce = 1
    /// Delivered exactly once (PUBLISH, PUBREC, PUBREL, PUBCOMP).
    case exactlyOnce = 2

    /// Orders levels of service from weakest to strongest.
    public static func < (lhs: QoS, rhs: QoS) -> Bool { lhs.rawValue < rhs.rawValue }
}
