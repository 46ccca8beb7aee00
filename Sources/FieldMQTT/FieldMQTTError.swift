/// Why FieldMQTT rejected a packet or could not encode one.
///
/// Every rejection names the rule it enforces (the specification's normative statement id such as
/// `MQTT-3.3.2-2`, or a section number where the specification states the rule without an id), the
/// byte offset in the packet where the problem was detected, and the MQTT 5.0 reason code a
/// receiver should send back (in a CONNACK or DISCONNECT) before closing the connection.
///
/// ```swift
/// do {
///     _ = try PacketDecoder(version: .v5).decode(bytes)
/// } catch {
///     print(error.rule, error.offset, error.reasonCode.rawValue)   // MQTT-3.3.1-4 0 129
/// }
/// ```
public struct FieldMQTTError: Error, Sendable, CustomStringConvertible {
    /// What was wrong.
    public enum Kind: Hashable, Sendable {
        /// A field runs past the end of the packet (its declared lengths disagree with the remaining
        /// length); `needed` more bytes would have been required.
        case truncated(needed: Int)
        /// Bytes are left over after the last field the packet defines.
        case trailingBytes(count: Int)
        /// The remaining length uses more than four bytes.
        case remainingLengthTooLong
        /// A variable byte integer (remaining length, property length or identifier, subscription
        /// identifier) is not minimally encoded.
        case variableByteIntegerNotMinimal
        /// The packet is larger than the configured maximum packet size.
        case packetTooLarge(size: Int, limit: Int)
        /// The packet type is reserved (0, or 15 before MQTT 5.0).
        case reservedPacketType(UInt8)
        /// The low nibble of the first byte differs from the value the packet type requires.
        case reservedFlags(UInt8)
        /// The packet type may not be sent in this direction (for example CONNACK from a client).
        case wrongDirection(PacketType)
        /// A QoS field holds 3.
        case invalidQoS
        /// The DUP flag is set on a QoS 0 PUBLISH.
        case duplicateFlagOnQoS0
        /// A packet identifier is 0 where it must be non-zero.
        case packetIdentifierZero
        /// A string is not well-formed UTF-8 (or encodes a surrogate or a code point above U+10FFFF).
        case invalidUTF8
        /// A string contains U+0000.
        case nullCharacter
        /// A string contains a control character or non-character that the specification says
        /// SHOULD NOT appear (rejected only with ``DecodingOptions/strictUTF8``).
        case discouragedCodePoint(UInt32)
        /// A property identifier is not one of the 27 MQTT 5.0 defines.
        case unknownProperty(UInt32)
        /// A property is not allowed in this packet (or in this direction).
        case propertyNotAllowed(PropertyIdentifier)
        /// A property that may appear once appears again.
        case duplicateProperty(PropertyIdentifier)
        /// A property's value is out of its allowed range (topic alias 0, receive maximum 0,
        /// subscription identifier 0, maximum QoS above 1, a boolean byte above 1...).
        case invalidPropertyValue(PropertyIdentifier)
        /// CONNECT's protocol name is not `MQTT` (or `MQIsdp` for level 3).
        case invalidProtocolName
        /// CONNECT's protocol level is not 3, 4 or 5.
        case unsupportedProtocolVersion(UInt8)
        /// CONNECT's reserved flag bit is set.
        case reservedConnectFlag
        /// CONNECT's will QoS or will retain flag is set without the will flag.
        case inconsistentWillFlags
        /// CONNECT carries a password without a user name (MQTT 3.x).
        case passwordWithoutUserName
        /// CONNECT's client identifier is not acceptable (empty where that is not allowed).
        case invalidClientIdentifier
        /// The reason code or return code is not defined for this packet.
        case invalidReasonCode(UInt8)
        /// Reserved bits of CONNACK's acknowledge flags are set.
        case reservedAcknowledgeFlags
        /// A topic name is empty where it must not be.
        case emptyTopicName
        /// A topic name contains `+` or `#`.
        case wildcardInTopicName
        /// A topic filter breaks the wildcard rules (empty, `a+`, `a/#/b`...).
        case invalidTopicFilter
        /// A `$share/` filter has an empty or invalid share name, or no filter after it.
        case invalidSharedSubscription
        /// Reserved bits of a subscription options byte are set, or retain handling is 3.
        case reservedSubscriptionOptions
        /// The no local option is set on a shared subscription.
        case noLocalOnSharedSubscription
        /// SUBSCRIBE, UNSUBSCRIBE, SUBACK or UNSUBACK carries no entries.
        case emptyPayload
        /// A value cannot be encoded (for example a string longer than 65,535 bytes).
        case valueTooLarge
        /// The caller's output buffer is too small; `needed` more bytes are required.
        case bufferFull(needed: Int)
    }

    /// What was wrong.
    public var kind: Kind
    /// The rule broken: a normative statement id like `MQTT-3.3.2-2`, or a section like `§2.1.4`.
    public var rule: StaticString
    /// The offset of the offending byte from the start of the packet (or of the output buffer).
    public var offset: Int
    /// The MQTT 5.0 reason code the receiver should report (0x81 malformed packet, 0x82 protocol
    /// error, 0x95 packet too large, ...).
    public var reasonCode: ReasonCode

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - kind: What was wrong.
    ///   - rule: The rule broken.
    ///   - offset: Where in the packet.
    ///   - reasonCode: The reason code the receiver should report.
    @inlinable
    public init(_ kind: Kind, rule: StaticString, at offset: Int, reasonCode: ReasonCode = .malformedPacket) {
        self.kind = kind
        self.rule = rule
        self.offset = offset
        self.reasonCode = reasonCode
    }

    /// The rule as a `String`.
    public var ruleIdentifier: String {
        rule.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
    }

    /// A one-line description: what, rule, offset, reason code.
    public var description: String {
        "\(kindDescription) [\(ruleIdentifier)] at offset \(offset), reason code 0x\(hexByte(reasonCode.rawValue))"
    }

    /// A short description of ``kind``.
    public var kindDescription: String {
        switch kind {
        case .truncated(let needed): "field runs past the end of the packet (\(needed) more byte(s) needed)"
        case .trailingBytes(let count): "\(count) unexpected byte(s) after the last field"
        case .remainingLengthTooLong: "remaining length longer than 4 bytes"
        case .variableByteIntegerNotMinimal: "variable byte integer not minimally encoded"
        case .packetTooLarge(let size, let limit): "packet of \(size) bytes exceeds the maximum of \(limit)"
        case .reservedPacketType(let type): "reserved packet type \(type)"
        case .reservedFlags(let flags): "reserved fixed header flags 0x\(hexByte(flags))"
        case .wrongDirection(let type): "\(text(type.name)) may not be sent in this direction"
        case .invalidQoS: "QoS 3 is not allowed"
        case .duplicateFlagOnQoS0: "DUP flag set on a QoS 0 PUBLISH"
        case .packetIdentifierZero: "packet identifier 0"
        case .invalidUTF8: "malformed UTF-8 string"
        case .nullCharacter: "U+0000 in a UTF-8 string"
        case .discouragedCodePoint(let scalar):
            "discouraged code point U+\(String(scalar, radix: 16, uppercase: true)) in a UTF-8 string"
        case .unknownProperty(let id): "unknown property identifier 0x\(String(id, radix: 16))"
        case .propertyNotAllowed(let id): "property \(text(id.name)) not allowed in this packet"
        case .duplicateProperty(let id): "property \(text(id.name)) appears more than once"
        case .invalidPropertyValue(let id): "property \(text(id.name)) has an invalid value"
        case .invalidProtocolName: "invalid protocol name"
        case .unsupportedProtocolVersion(let level): "unsupported protocol level \(level)"
        case .reservedConnectFlag: "reserved CONNECT flag set"
        case .inconsistentWillFlags: "will QoS or will retain set without the will flag"
        case .passwordWithoutUserName: "password without user name"
        case .invalidClientIdentifier: "invalid client identifier"
        case .invalidReasonCode(let code): "reason code 0x\(hexByte(code)) not valid in this packet"
        case .reservedAcknowledgeFlags: "reserved CONNACK acknowledge flags set"
        case .emptyTopicName: "empty topic name"
        case .wildcardInTopicName: "wildcard in topic name"
        case .invalidTopicFilter: "invalid topic filter"
        case .invalidSharedSubscription: "invalid shared subscription"
        case .reservedSubscriptionOptions: "reserved subscription option bits set"
        case .noLocalOnSharedSubscription: "no local set on a shared subscription"
        case .emptyPayload: "no entries in the payload"
        case .valueTooLarge: "value too large to encode"
        case .bufferFull(let needed): "output buffer full (\(needed) more byte(s) needed)"
        }
    }
}

extension FieldMQTTError: Equatable {
    /// Whether two errors have the same kind, rule, offset and reason code.
    public static func == (lhs: FieldMQTTError, rhs: FieldMQTTError) -> Bool {
        lhs.kind == rhs.kind && lhs.offset == rhs.offset && lhs.reasonCode == rhs.reasonCode
            && lhs.ruleIdentifier == rhs.ruleIdentifier
    }
}

internal func text(_ value: StaticString) -> String {
    value.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
}

@usableFromInline
internal func hexByte(_ byte: UInt8) -> String {
    let digits: [Character] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "B", "C", "D", "E", "F"]
    return String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
}
