/// Any MQTT control packet: one case per packet type.
///
/// ```swift
/// switch try decoder.decode(buffer) {
/// case .publish(let publish): handle(publish)
/// case .pingreq: reply(.pingresp)
/// default: break
/// }
/// ```
public enum Packet: Equatable, Sendable {
    /// CONNECT.
    indirect case connect(Connect)
    /// CONNACK.
    case connack(Connack)
    /// PUBLISH.
    case publish(Publish)
    /// PUBACK.
    case puback(PublishAcknowledgement)
    /// PUBREC.
    case pubrec(PublishAcknowledgement)
    /// PUBREL.
    case pubrel(PublishAcknowledgement)
    /// PUBCOMP.
    case pubcomp(PublishAcknowledgement)
    /// SUBSCRIBE.
    case subscribe(Subscribe)
    /// SUBACK.
    case suback(Suback)
    /// UNSUBSCRIBE.
    case unsubscribe(Unsubscribe)
    /// UNSUBACK.
    case unsuback(Unsuback)
    /// PINGREQ.
    case pingreq
    /// PINGRESP.
    case pingresp
    /// DISCONNECT.
    case disconnect(Disconnect)
    /// AUTH (5.0 only).
    case auth(Auth)

    /// The packet's type.
    public var type: PacketType {
        switch self {
        case .connect: .connect
        case .connack: .connack
        case .publish: .publish
        case .puback: .puback
        case .pubrec: .pubrec
        case .pubrel: .pubrel
        case .pubcomp: .pubcomp
        case .subscribe: .subscribe
        case .suback: .suback
        case .unsubscribe: .unsubscribe
        case .unsuback: .unsuback
        case .pingreq: .pingreq
        case .pingresp: .pingresp
        case .disconnect: .disconnect
        case .auth: .auth
        }
    }
}
