/// The fixed header of an MQTT packet: type, flags and remaining length.
///
/// Parsing it is the first step of decoding, and all a stream decoder needs to know how many bytes
/// the packet has, so it can refuse an oversized packet before buffering its body.
///
/// ```swift
/// switch try FixedHeader.parse(bytes, options: options) {
/// case .complete(let header): print(header.type, header.packetLength)
/// case .incomplete(let needed): print("need \(needed) more byte(s)")
/// }
/// ```
public struct FixedHeader: Sendable, Hashable {
    /// The packet type.
    public var type: PacketType
    /// The low nibble of the first byte.
    public var flags: UInt8
    /// The number of bytes after the fixed header.
    public var remainingLength: Int
    /// The size of the fixed header itself (2 to 5 bytes).
    public var headerLength: Int

    /// Creates a fixed header.
    ///
    /// - Parameters:
    ///   - type: The packet type.
    ///   - flags: The low nibble of the first byte.
    ///   - remainingLength: The number of bytes after the fixed header.
    ///   - headerLength: The size of the fixed header.
    public init(type: PacketType, flags: UInt8, remainingLength: Int, headerLength: Int) {
        self.type = type
        self.flags = flags
        self.remainingLength = remainingLength
        self.headerLength = headerLength
    }

    /// The size of the whole packet.
    public var packetLength: Int { headerLength + remainingLength }

    /// The outcome of parsing a fixed header from a prefix of the input.
    public enum ParseResult: Sendable, Hashable {
        /// The header is complete and valid.
        case complete(FixedHeader)
        /// The input ends inside the header; at least `needed` more bytes are required.
        case incomplete(needed: Int)
    }

    /// Parses and validates a fixed header at the start of `bytes`.
    ///
    /// Checks the packet type (reserved types, AUTH before 5.0, direction), the flags
    /// [MQTT-2.1.3-1] (QoS 3 [MQTT-3.3.1-4], DUP on QoS 0 [MQTT-3.3.1-2]), the remaining length
    /// encoding (at most 4 bytes, minimal [MQTT-1.5.5-1]) and the maximum packet size.
    ///
    /// - Parameters:
    ///   - bytes: The input, starting at a packet boundary.
    ///   - options: The decoding options.
    /// - Returns: The header, or how many more bytes are needed to read it.
    /// - Throws: ``FieldMQTTError`` when the header is invalid or the packet too large.
    public static func parse(
        _ bytes: UnsafeRawBufferPointer, options: DecodingOptions
    ) throws(FieldMQTTError)
        -> ParseResult
    {
        let result = try parseUnchecked(bytes, options: options)
        if case .complete(let header) = result { try header.checkSize(options) }
        return result
    }

    /// Throws `packetTooLarge` when the packet exceeds the configured maximum.
    internal func checkSize(_ options: DecodingOptions) throws(FieldMQTTError) {
        if packetLength > options.maximumPacketSize {
            throw FieldMQTTError(
                .packetTooLarge, rule: "§3.1.2.11.4",
                at: 0, reasonCode: .packetTooLarge, size: packetLength, limit: options.maximumPacketSize)
        }
    }

    /// Parses a header without the maximum packet size check.
    internal static func parseUnchecked(
        _ bytes: UnsafeRawBufferPointer, options: DecodingOptions
    )
        throws(FieldMQTTError) -> ParseResult
    {
        guard bytes.count >= 2 else { return .incomplete(needed: 2 - bytes.count) }
        let first = bytes[0]
        let typeNibble = first >> 4
        let flags = first & 0x0F
        guard let type = PacketType(rawValue: typeNibble), type != .auth || options.version == .v5 else {
            throw FieldMQTTError(.reservedPacketType, rule: "§2.1.2", at: 0, value: UInt32(typeNibble))
        }
        if type == .publish {
            if flags & 0x06 == 0x06 { throw FieldMQTTError(.invalidQoS, rule: "MQTT-3.3.1-4", at: 0) }
            if flags & 0x0E == 0x08 { throw FieldMQTTError(.duplicateFlagOnQoS0, rule: "MQTT-3.3.1-2", at: 0) }
        } else if flags != type.fixedFlags {
            throw FieldMQTTError(.reservedFlags, rule: "MQTT-2.1.3-1", at: 0, value: UInt32(flags))
        }
        if let sender = options.sender {
            let allowed = sender == .client ? type.isSentByClient : type.isSentByServer
            if !allowed {
                throw FieldMQTTError(
                    .wrongDirection, rule: "§2.1.2", at: 0, reasonCode: .protocolError, packetType: type)
            }
        }
        var value = 0
        var index = 1
        while true {
            guard index < bytes.count else { return .incomplete(needed: 1) }
            let byte = bytes[index]
            value |= Int(byte & 0x7F) << (7 * (index - 1))
            if byte & 0x80 == 0 {
                if byte == 0 && index > 1 {
                    throw FieldMQTTError(.variableByteIntegerNotMinimal, rule: "MQTT-1.5.5-1", at: 1)
                }
                break
            }
            if index == 4 { throw FieldMQTTError(.remainingLengthTooLong, rule: "§1.5.5", at: 1) }
            index += 1
        }
        return .complete(FixedHeader(type: type, flags: flags, remainingLength: value, headerLength: index + 1))
    }
}
