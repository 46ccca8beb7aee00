/// The byte order of a multi-byte integer on the wire.
public enum Endianness: Sendable, Hashable {
    /// Most significant byte first (network order; MQTT, SHA-256, FlatBuffers lengths are not).
    case big
    /// Least significant byte first (FlatBuffers, most CPUs).
    case little
}
