/// The type of an MQTT control packet (the high nibble of the first byte).
///
/// ```swift
/// PacketType(rawValue: 3)?.name   // "PUBLISH"
/// ```
public enum PacketType: UInt8, Sendable, Hashable, CaseIterable {
    /// Client request to connect.
    case connect = 1
    /// Connect acknowledgement.
    case connack = 2
    /// Publish message.
    case publish = 3
    /// Publish acknowledgement (QoS 1).
    case puback = 4
    /// Publish received (QoS 2, part 1).
    case pubrec = 5
    /// Publish release (QoS 2, part 2).
    case pubrel = 6
    /// Publish complete (QoS 2, part 3).
    case pubcomp = 7
    /// Subscribe request.
    case subscribe = 8
    /// Subscribe acknowledgement.
    case suback = 9
    /// Unsubscribe request.
    case unsubscribe = 10
    /// Unsubscribe acknowledgement.
    case unsuback = 11
    /// Ping request.
    case pingreq = 12
    /// Ping response.
    case pingresp = 13
    /// Disconnect notification.
    case disconnect = 14
    /// Authentication exchange (MQTT 5.0 only).
    case auth = 15

    /// The name used by the specification, for example `"PUBLISH"`.
    public var name: StaticString {
        switch self {
        case .connect: "CONNECT"
        case .connack: "CONNACK"
        case .publish: "PUBLISH"
        case .puback: "PUBACK"
        case .pubrec: "PUBREC"
        case .pubrel: "PUBREL"
        case .pubcomp: "PUBCOMP"
        case .subscribe: "SUBSCRIBE"
        case .suback: "SUBACK"
        case .unsubscribe: "UNSUBSCRIBE"
        case .unsuback: "UNSUBACK"
        case .pingreq: "PINGREQ"
        case .pingresp: "PINGRESP"
        case .disconnect: "DISCONNECT"
        case .auth: "AUTH"
        }
    }

    /// The fixed value of the low nibble of the first byte; PUBLISH's flags vary and are not fixed.
    @inlinable
    public var fixedFlags: UInt8 {
        switch self {
        case .pubrel, .subscribe, .unsubscribe: 0x02
        default: 0x00
        }
    }

    /// Whether a client may send this packet type.
    @inlinable
    public var isSentByClient: Bool {
        switch self {
        case .connack, .suback, .unsuback, .pingresp: false
        default: true
        }
    }

    /// Whether a server may send this packet type.
    @inlinable
    public var isSentByServer: Bool {
        switch self {
        case .connect, .subscribe, .unsubscribe, .pingreq: false
        default: true
        }
    }
}
