/// An MQTT protocol version, as carried by the protocol level byte of CONNECT.
///
/// MQTT 3.1 calls its protocol `MQIsdp` (level 3), 3.1.1 and 5.0 call it `MQTT` (levels 4 and 5).
/// Versions 3.1 and 3.1.1 share every packet layout except CONNECT's protocol name; 5.0 adds
/// properties, reason codes and AUTH.
///
/// ```swift
/// let version = ProtocolVersion(rawValue: 5)   // .v5
/// ```
public enum ProtocolVersion: UInt8, Sendable, Hashable, CaseIterable {
    /// MQTT 3.1 (`MQIsdp`, level 3).
    case v3_1 = 3
    /// MQTT 3.1.1 (level 4).
    case v3_1_1 = 4
    /// MQTT 5.0 (level 5).
    case v5 = 5

    /// Whether packets carry properties and reason codes (version 5.0).
    @inlinable
    public var hasProperties: Bool { self == .v5 }

    /// The protocol name that CONNECT carries for this version.
    public var protocolName: StaticString { self == .v3_1 ? "MQIsdp" : "MQTT" }
}

/// Who sent a packet: used for direction-aware decoding.
///
/// A server decodes packets sent by clients (`.client`), a client decodes packets sent by the
/// server (`.server`); each rejects the packet types only the other side may send.
///
/// ```swift
/// let options = DecodingOptions(version: .v5, sender: .client)
/// ```
public enum Sender: Sendable, Hashable {
    /// A client sent it (we are the server).
    case client
    /// A server sent it (we are the client).
    case server
}
