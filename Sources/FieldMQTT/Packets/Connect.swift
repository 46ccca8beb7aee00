/// A CONNECT packet: the first packet a client sends.
///
/// ```swift
/// let connect = Connect(clientIdentifier: "meter-0042", keepAlive: 60)
/// var bytes: [UInt8] = []
/// try Packet.connect(connect).encode(appendingTo: &bytes, version: .v5)
/// ```
public struct Connect: Equatable, Sendable {
    /// The protocol version the client speaks (and the encoding of the whole connection).
    public var protocolVersion: ProtocolVersion
    /// Clean Start (5.0) or Clean Session (3.x).
    public var cleanStart: Bool
    /// The keep alive in seconds (0 disables it).
    public var keepAlive: UInt16
    /// The client identifier (UTF-8; may be empty when the server assigns one).
    public var clientIdentifier: MQTTBytes
    /// The will message, if any.
    public var will: Will?
    /// The user name, if any.
    public var userName: MQTTBytes?
    /// The password, if any.
    public var password: MQTTBytes?
    /// The CONNECT properties (5.0 only; empty otherwise).
    public var properties: Properties

    /// Creates a CONNECT packet.
    ///
    /// - Parameters:
    ///   - protocolVersion: The protocol version.
    ///   - clientIdentifier: The client identifier.
    ///   - cleanStart: Clean Start / Clean Session.
    ///   - keepAlive: The keep alive in seconds.
    ///   - will: The will message.
    ///   - userName: The user name.
    ///   - password: The password.
    ///   - properties: The CONNECT properties (5.0).
    public init(
        protocolVersion: ProtocolVersion = .v5,
        clientIdentifier: MQTTBytes,
        cleanStart: Bool = true,
        keepAlive: UInt16 = 60,
        will: Will? = nil,
        userName: MQTTBytes? = nil,
        password: MQTTBytes? = nil,
        properties: Properties = Properties()
    ) {
        self.protocolVersion = protocolVersion
        self.clientIdentifier = clientIdentifier
        self.cleanStart = cleanStart
        self.keepAlive = keepAlive
        self.will = will
        self.userName = userName
        self.password = password
        self.properties = properties
    }
}

/// The will message in a CONNECT packet: published by the server if the client vanishes.
///
/// ```swift
/// let will = Will(topic: "meters/0042/status", payload: "offline", qos: .atLeastOnce, retain: true)
/// ```
public struct Will: Equatable, Sendable {
    /// The topic the will is published to.
    public var topic: MQTTBytes
    /// The will payload.
    public var payload: MQTTBytes
    /// The will QoS.
    public var qos: QoS
    /// Whether the will is retained.
    public var retain: Bool
    /// The will properties (5.0 only).
    public var properties: Properties

    /// Creates a will message.
    ///
    /// - Parameters:
    ///   - topic: The topic.
    ///   - payload: The payload.
    ///   - qos: The QoS.
    ///   - retain: Whether it is retained.
    ///   - properties: The will properties (5.0).
    public init(
        topic: MQTTBytes,
        payload: MQTTBytes,
        qos: QoS = .atMostOnce,
        retain: Bool = false,
        properties: Properties = Properties()
    ) {
        self.topic = topic
        self.payload = payload
        self.qos = qos
        self.retain = retain
        self.properties = properties
    }
}
