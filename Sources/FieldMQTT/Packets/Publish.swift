/// A PUBLISH packet: an application message.
///
/// A decoded PUBLISH borrows its topic, payload and properties from the input buffer.
///
/// ```swift
/// let publish = Publish(topic: "meters/0042/energy", payload: [0x01, 0x02], qos: .atLeastOnce, packetIdentifier: 7)
/// ```
public struct Publish: Equatable, Sendable {
    /// The topic name (UTF-8, no wildcards; may be empty in 5.0 when a topic alias is used).
    public var topic: MQTTBytes
    /// The application payload.
    public var payload: MQTTBytes
    /// The QoS.
    public var qos: QoS
    /// Whether the server should retain the message.
    public var retain: Bool
    /// Whether this is a redelivery (QoS 1 and 2 only).
    public var duplicate: Bool
    /// The packet identifier: non-zero for QoS 1 and 2, `nil` for QoS 0.
    public var packetIdentifier: UInt16?
    /// The PUBLISH properties (5.0 only).
    public var properties: Properties

    /// Creates a PUBLISH packet.
    ///
    /// - Parameters:
    ///   - topic: The topic name.
    ///   - payload: The payload.
    ///   - qos: The QoS.
    ///   - retain: The retain flag.
    ///   - duplicate: The DUP flag.
    ///   - packetIdentifier: The packet identifier (required for QoS 1 and 2).
    ///   - properties: The properties (5.0).
    @inlinable
    public init(
        topic: MQTTBytes,
        payload: MQTTBytes,
        qos: QoS = .atMostOnce,
        retain: Bool = false,
        duplicate: Bool = false,
        packetIdentifier: UInt16? = nil,
        properties: Properties = Properties()
    ) {
        self.topic = topic
        self.payload = payload
        self.qos = qos
        self.retain = retain
        self.duplicate = duplicate
        self.packetIdentifier = packetIdentifier
        self.properties = properties
    }
}
