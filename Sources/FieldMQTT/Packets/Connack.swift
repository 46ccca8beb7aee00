/// A CONNACK packet: the server's answer to CONNECT.
///
/// In MQTT 3.x ``reasonCode`` holds the return code (0 accepted, 1 to 5 refused).
///
/// ```swift
/// let connack = Connack(sessionPresent: false, reasonCode: .success)
/// ```
public struct Connack: Equatable, Sendable {
    /// Whether the server resumed an existing session.
    public var sessionPresent: Bool
    /// The reason code (5.0) or return code (3.x).
    public var reasonCode: ReasonCode
    /// The CONNACK properties (5.0 only).
    public var properties: Properties

    /// Creates a CONNACK packet.
    ///
    /// - Parameters:
    ///   - sessionPresent: Whether a session was resumed.
    ///   - reasonCode: The reason or return code.
    ///   - properties: The properties (5.0).
    public init(sessionPresent: Bool = false, reasonCode: ReasonCode = .success, properties: Properties = Properties())
    {
        self.sessionPresent = sessionPresent
        self.reasonCode = reasonCode
        self.properties = properties
    }
}
