/// The body shared by PUBACK, PUBREC, PUBREL and PUBCOMP: a packet identifier, and in 5.0 a
/// reason code and properties.
///
/// ```swift
/// let ack = Packet.puback(PublishAcknowledgement(packetIdentifier: 7))
/// ```
public struct PublishAcknowledgement: Equatable, Sendable {
    /// The identifier of the PUBLISH being acknowledged (non-zero).
    public var packetIdentifier: UInt16
    /// The reason code (5.0; always success in 3.x).
    public var reasonCode: ReasonCode
    /// The properties (5.0 only).
    public var properties: Properties

    /// Creates an acknowledgement.
    ///
    /// - Parameters:
    ///   - packetIdentifier: The packet identifier.
    ///   - reasonCode: The reason code (5.0).
    ///   - properties: The properties (5.0).
    public init(packetIdentifier: UInt16, reasonCode: ReasonCode = .success, properties: Properties = Properties()) {
        self.packetIdentifier = packetIdentifier
        self.reasonCode = reasonCode
        self.properties = properties
    }
}
