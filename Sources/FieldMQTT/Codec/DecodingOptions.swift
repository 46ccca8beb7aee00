/// How a decoder reads packets: protocol version, direction, strictness and size limit.
///
/// ```swift
/// // A broker reading what clients send, rejecting SHOULD NOT code points, at most 64 KiB:
/// let options = DecodingOptions(version: .v5, sender: .client, strictUTF8: true, maximumPacketSize: 65_536)
/// ```
public struct DecodingOptions: Sendable, Hashable {
    /// The largest packet MQTT can express: 1 type byte, 4 length bytes, 268,435,455 body bytes.
    public static let largestPacketSize = 268_435_460

    /// The protocol version of the connection (CONNECT packets carry their own).
    public var version: ProtocolVersion
    /// Who sent the packets, when known: packet types the other side may not send are rejected.
    public var sender: Sender?
    /// Whether to reject the code points the specification says SHOULD NOT appear in strings
    /// (control characters and non-characters), as mosquitto does.
    public var strictUTF8: Bool
    /// The largest whole packet (fixed header included) accepted.
    public var maximumPacketSize: Int

    /// Creates decoding options.
    ///
    /// - Parameters:
    ///   - version: The protocol version.
    ///   - sender: Who sent the packets (`nil`: either side).
    ///   - strictUTF8: Whether to reject SHOULD NOT code points.
    ///   - maximumPacketSize: The largest packet accepted, fixed header included.
    public init(
        version: ProtocolVersion = .v5,
        sender: Sender? = nil,
        strictUTF8: Bool = false,
        maximumPacketSize: Int = DecodingOptions.largestPacketSize
    ) {
        self.version = version
        self.sender = sender
        self.strictUTF8 = strictUTF8
        self.maximumPacketSize = maximumPacketSize
    }
}
