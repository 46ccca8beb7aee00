import FieldCore

/// Something that happened in a ``ClientSession`` that the application should know about.
public enum ClientEvent: Equatable, Sendable {
    /// CONNACK accepted the connection.
    case connected(ConnectionInfo)
    /// A message arrived (delivered exactly once for QoS 2, at least once for QoS 1).
    case message(InboundMessage)
    /// A QoS 1 message was acknowledged (PUBACK) or a QoS 2 message completed (PUBCOMP), or a
    /// QoS 0 message was written to the transport.
    case delivered(MessageID)
    /// The server refused a message (5.0 PUBACK or PUBREC with a failure reason code).
    case rejected(MessageID, ReasonCode)
    /// SUBACK: one reason code (granted QoS or failure) per requested filter.
    case subscribed(packetIdentifier: UInt16, reasonCodes: [ReasonCode])
    /// UNSUBACK.
    case unsubscribed(packetIdentifier: UInt16, reasonCodes: [ReasonCode])
    /// The server sent an AUTH challenge (5.0 enhanced authentication); answer it with
    /// ``ClientSession/continueAuthentication(data:reauthenticate:now:)``.
    case authenticationChallenge(method: [UInt8], data: [UInt8])
    /// The server asked the client to use another server (5.0 reason 0x9C or 0x9D with a Server
    /// Reference).
    case redirect(serverReference: String, permanent: Bool)
    /// The connection ended; the reason says why in words a person can read.
    case disconnected(DisconnectReason)
}

/// What the server told the client in CONNACK.
public struct ConnectionInfo: Equatable, Sendable {
    /// Whether the server resumed a stored session.
    public var sessionPresent: Bool
    /// The client identifier the server assigned, when the client sent an empty one (5.0).
    public var assignedClientIdentifier: String?
    /// How many QoS 1 and 2 messages the client may have in flight (5.0 Receive Maximum).
    public var receiveMaximum: UInt16
    /// The highest topic alias the server accepts from the client (5.0; 0 means none).
    public var topicAliasMaximum: UInt16
    /// The largest packet the server accepts, if it set a limit (5.0).
    public var maximumPacketSize: UInt32?
    /// The highest QoS the server supports (5.0).
    public var maximumQoS: QoS
    /// The keep alive in force (the server's if it imposed one), as CONNACK or CONNECT carried it in
    /// whole seconds.
    public var keepAliveSeconds: UInt16
    /// ``keepAliveSeconds`` as a duration (zero: no pings).
    public var keepAlive: Duration { .seconds(Int64(keepAliveSeconds)) }
}

/// A message received from the server, owning its bytes.
public struct InboundMessage: Equatable, Sendable {
    /// The topic name (after resolving a topic alias).
    public var topic: String
    /// The payload.
    public var payload: [UInt8]
    /// The QoS it was delivered with.
    public var qos: QoS
    /// The retain flag.
    public var retain: Bool
    /// Whether the server flagged it as a redelivery.
    public var duplicate: Bool

    /// Creates an inbound message.
    ///
    /// - Parameters:
    ///   - topic: The topic name.
    ///   - payload: The payload.
    ///   - qos: The QoS.
    ///   - retain: The retain flag.
    ///   - duplicate: The DUP flag.
    public init(topic: String, payload: [UInt8], qos: QoS, retain: Bool = false, duplicate: Bool = false) {
        self.topic = topic
        self.payload = payload
        self.qos = qos
        self.retain = retain
        self.duplicate = duplicate
    }
}

/// The session's own identifier for an outbound message, stable across reconnects and restarts.
public struct MessageID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// A sequence number that increases with every message published.
    public var rawValue: UInt64

    /// Wraps a raw identifier.
    ///
    /// - Parameter rawValue: The sequence number.
    public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// Orders messages by when they were published.
    public static func < (lhs: MessageID, rhs: MessageID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The sequence number in decimal.
    public var description: String { "\(rawValue)" }
}
