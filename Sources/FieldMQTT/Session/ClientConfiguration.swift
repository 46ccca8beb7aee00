import FieldCore

/// What a ``ClientSession`` asks of the server and how it behaves: identity, keep-alive, limits.
///
/// Times are `Duration`s; the session never reads a clock (the driver passes `now` to it).
///
/// ```swift
/// var configuration = ClientConfiguration(clientIdentifier: "meter-0042")
/// configuration.keepAlive = .seconds(30)
/// configuration.sessionExpiryInterval = 7 * 24 * 3600   // keep the session for a week offline
/// configuration.cleanStart = false
/// ```
public struct ClientConfiguration: Sendable {
    /// The protocol version to speak.
    public var version: ProtocolVersion
    /// The client identifier (UTF-8). Empty asks a 5.0 server to assign one.
    public var clientIdentifier: [UInt8]
    /// Start a new session (`true`) or resume the server's stored one (`false`).
    ///
    /// Only the first connection uses this value; reconnections always ask to resume, so in-flight
    /// messages are not lost to a reconnect.
    public var cleanStart: Bool
    /// The keep alive (zero disables pings). A 5.0 server may impose another.
    ///
    /// CONNECT carries it in whole seconds: it is rounded down and clamped to 65,535 s.
    public var keepAlive: Duration
    /// ``keepAlive`` as CONNECT's Keep Alive field (whole seconds, clamped to `UInt16`).
    public var keepAliveSeconds: UInt16 {
        let seconds = keepAlive.components.seconds
        return UInt16(clamping: max(0, seconds))
    }
    /// How long the server keeps the session after the connection closes (5.0): the Session
    /// Expiry Interval property exactly as it goes on the wire, in seconds (`0xFFFF_FFFF`: never
    /// expires), because its largest value means something other than a length of time.
    public var sessionExpiryInterval: UInt32
    /// How many QoS 1 and 2 messages the server may have in flight to us at once (5.0).
    public var receiveMaximum: UInt16
    /// The largest packet we accept; the decoder rejects larger ones before buffering them.
    public var maximumPacketSize: UInt32
    /// How many topic aliases the server may use towards us (5.0; 0 disables them).
    public var topicAliasMaximum: UInt16
    /// The will message, if any.
    public var will: Will?
    /// The user name, if any.
    public var userName: [UInt8]?
    /// The password, if any.
    public var password: [UInt8]?
    /// The enhanced authentication method (5.0), if any: AUTH challenges then reach the
    /// application as ``ClientEvent/authenticationChallenge(method:data:)``.
    public var authenticationMethod: [UInt8]?
    /// Initial authentication data sent with CONNECT (5.0), if any.
    public var authenticationData: [UInt8]?
    /// How long to wait for CONNACK after sending CONNECT.
    public var connectTimeout: Duration
    /// How long to wait for PINGRESP after sending PINGREQ.
    public var pingTimeout: Duration
    /// The most messages (QoS 0, 1 and 2) waiting to be sent; publishing beyond it is an error.
    public var maximumQueuedMessages: Int

    /// Creates a configuration with conservative defaults.
    ///
    /// - Parameters:
    ///   - clientIdentifier: The client identifier (UTF-8).
    ///   - version: The protocol version (default 5.0).
    public init(clientIdentifier: String, version: ProtocolVersion = .v5) {
        self.version = version
        self.clientIdentifier = Array(clientIdentifier.utf8)
        cleanStart = true
        keepAlive = .seconds(60)
        sessionExpiryInterval = 0
        receiveMaximum = 65_535
        maximumPacketSize = 1 << 20
        topicAliasMaximum = 0
        will = nil
        userName = nil
        password = nil
        authenticationMethod = nil
        authenticationData = nil
        connectTimeout = .seconds(10)
        pingTimeout = .seconds(10)
        maximumQueuedMessages = 10_000
    }
}
