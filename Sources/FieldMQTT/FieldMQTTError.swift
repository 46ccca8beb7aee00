/// Why FieldMQTT rejected a packet or could not encode one.
///
/// Every rejection names the rule it enforces (the specification's normative statement id such as
/// `MQTT-3.3.2-2`, or a section number where the specification states the rule without an id), the
/// byte offset in the packet where the problem was detected, and the MQTT 5.0 reason code a
/// receiver should send back (in a CONNACK or DISCONNECT) before closing the connection. The
/// ``code`` is a struct over a private enum, so codes added later never break a `switch`; values
/// that describe the problem (bytes needed, the offending property) are named optional fields.
///
/// ```swift
/// do {
///     _ = try PacketDecoder(version: .v5).decode(bytes)
/// } catch {
///     print(error.rule, error.offset, error.reasonCode.rawValue)   // MQTT-3.3.1-4 0 129
///     if error.code == .invalidQoS { reject() }
/// }
/// ```
public struct FieldMQTTError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem an error reports.
    ///
    /// Compare with `==`, or match in a `switch` (`case .invalidQoS:`) with a `default:`, since later
    /// releases may add codes.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        @usableFromInline
        internal enum Backing: String, Hashable, Sendable {
            case truncated, trailingBytes, remainingLengthTooLong, variableByteIntegerNotMinimal, packetTooLarge
            case reservedPacketType, reservedFlags, wrongDirection, invalidQoS, duplicateFlagOnQoS0
            case packetIdentifierZero, invalidUTF8, nullCharacter, discouragedCodePoint, unknownProperty
            case propertyNotAllowed, duplicateProperty, invalidPropertyValue, invalidProtocolName,
                unsupportedProtocolVersion
            case reservedConnectFlag, inconsistentWillFlags, passwordWithoutUserName, invalidClientIdentifier,
                invalidReasonCode
            case reservedAcknowledgeFlags, emptyTopicName, wildcardInTopicName, invalidTopicFilter,
                invalidSharedSubscription
            case reservedSubscriptionOptions, noLocalOnSharedSubscription, emptyPayload, valueTooLarge, bufferFull
        }

        @usableFromInline
        internal let backing: Backing

        @inlinable
        internal init(_ backing: Backing) { self.backing = backing }

        /// A field runs past the end of the packet (its declared lengths disagree with the remaining
        /// length); ``FieldMQTTError/needed`` more bytes would have been required.
        public static let truncated = Code(.truncated)
        /// Bytes are left over after the last field the packet defines.
        /// (``FieldMQTTError/count`` says how many.)
        public static let trailingBytes = Code(.trailingBytes)
        /// The remaining length uses more than four bytes.
        public static let remainingLengthTooLong = Code(.remainingLengthTooLong)
        /// A variable byte integer (remaining length, property length or identifier, subscription
        /// identifier) is not minimally encoded.
        public static let variableByteIntegerNotMinimal = Code(.variableByteIntegerNotMinimal)
        /// The packet is larger than the configured maximum packet size.
        /// (``FieldMQTTError/size`` and ``FieldMQTTError/limit`` give both sizes.)
        public static let packetTooLarge = Code(.packetTooLarge)
        /// The packet type is reserved (0, or 15 before MQTT 5.0).
        /// (``FieldMQTTError/value`` holds the offending value.)
        public static let reservedPacketType = Code(.reservedPacketType)
        /// The low nibble of the first byte differs from the value the packet type requires.
        /// (``FieldMQTTError/value`` holds the offending value.)
        public static let reservedFlags = Code(.reservedFlags)
        /// The packet type may not be sent in this direction (for example CONNACK from a client).
        /// (``FieldMQTTError/packetType`` names the packet type.)
        public static let wrongDirection = Code(.wrongDirection)
        /// A QoS field holds 3.
        public static let invalidQoS = Code(.invalidQoS)
        /// The DUP flag is set on a QoS 0 PUBLISH.
        public static let duplicateFlagOnQoS0 = Code(.duplicateFlagOnQoS0)
        /// A packet identifier is 0 where it must be non-zero.
        public static let packetIdentifierZero = Code(.packetIdentifierZero)
        /// A string is not well-formed UTF-8 (or encodes a surrogate or a code point above U+10FFFF).
        public static let invalidUTF8 = Code(.invalidUTF8)
        /// A string contains U+0000.
        public static let nullCharacter = Code(.nullCharacter)
        /// A string contains a control character or non-character that the specification says
        /// SHOULD NOT appear (rejected only with ``DecodingOptions/strictUTF8``).
        /// (``FieldMQTTError/value`` holds the offending value.)
        public static let discouragedCodePoint = Code(.discouragedCodePoint)
        /// A property identifier is not one of the 27 MQTT 5.0 defines.
        /// (``FieldMQTTError/value`` holds the offending value.)
        public static let unknownProperty = Code(.unknownProperty)
        /// A property is not allowed in this packet (or in this direction).
        /// (``FieldMQTTError/property`` names the property.)
        public static let propertyNotAllowed = Code(.propertyNotAllowed)
        /// A property that may appear once appears again.
        /// (``FieldMQTTError/property`` names the property.)
        public static let duplicateProperty = Code(.duplicateProperty)
        /// A property's value is out of its allowed range (topic alias 0, receive maximum 0,
        /// subscription identifier 0, maximum QoS above 1, a boolean byte above 1...).
        /// (``FieldMQTTError/property`` names the property.)
        public static let invalidPropertyValue = Code(.invalidPropertyValue)
        /// CONNECT's protocol name is not `MQTT` (or `MQIsdp` for level 3).
        public static let invalidProtocolName = Code(.invalidProtocolName)
        /// CONNECT's protocol level is not 3, 4 or 5.
        /// (``FieldMQTTError/value`` holds the offending value.)
        public static let unsupportedProtocolVersion = Code(.unsupportedProtocolVersion)
        /// CONNECT's reserved flag bit is set.
        public static let reservedConnectFlag = Code(.reservedConnectFlag)
        /// CONNECT's will QoS or will retain flag is set without the will flag.
        public static let inconsistentWillFlags = Code(.inconsistentWillFlags)
        /// CONNECT carries a password without a user name (MQTT 3.x).
        public static let passwordWithoutUserName = Code(.passwordWithoutUserName)
        /// CONNECT's client identifier is not acceptable (empty where that is not allowed).
        public static let invalidClientIdentifier = Code(.invalidClientIdentifier)
        /// The reason code or return code is not defined for this packet.
        /// (``FieldMQTTError/value`` holds the offending value.)
        public static let invalidReasonCode = Code(.invalidReasonCode)
        /// Reserved bits of CONNACK's acknowledge flags are set.
        public static let reservedAcknowledgeFlags = Code(.reservedAcknowledgeFlags)
        /// A topic name is empty where it must not be.
        public static let emptyTopicName = Code(.emptyTopicName)
        /// A topic name contains `+` or `#`.
        public static let wildcardInTopicName = Code(.wildcardInTopicName)
        /// A topic filter breaks the wildcard rules (empty, `a+`, `a/#/b`...).
        public static let invalidTopicFilter = Code(.invalidTopicFilter)
        /// A `$share/` filter has an empty or invalid share name, or no filter after it.
        public static let invalidSharedSubscription = Code(.invalidSharedSubscription)
        /// Reserved bits of a subscription options byte are set, or retain handling is 3.
        public static let reservedSubscriptionOptions = Code(.reservedSubscriptionOptions)
        /// The no local option is set on a shared subscription.
        public static let noLocalOnSharedSubscription = Code(.noLocalOnSharedSubscription)
        /// SUBSCRIBE, UNSUBSCRIBE, SUBACK or UNSUBACK carries no entries.
        public static let emptyPayload = Code(.emptyPayload)
        /// A value cannot be encoded (for example a string longer than 65,535 bytes).
        public static let valueTooLarge = Code(.valueTooLarge)
        /// The caller's output buffer is too small; ``FieldMQTTError/needed`` more bytes are required.
        public static let bufferFull = Code(.bufferFull)

        /// The code's name, as written in source (`invalidQoS`).
        public var description: String { backing.rawValue }
    }

    /// What kind of problem this is.
    public var code: Code
    /// The rule broken: a normative statement id like `MQTT-3.3.2-2`, or a section like `§2.1.4`.
    public var rule: String
    /// The offset of the offending byte from the start of the packet (or of the output buffer), or
    /// `nil` when the problem is not tied to a position.
    public var offset: Int?
    /// The MQTT 5.0 reason code the receiver should report (0x81 malformed packet, 0x82 protocol
    /// error, 0x95 packet too large, ...).
    public var reasonCode: ReasonCode
    /// For ``Code/truncated`` and ``Code/bufferFull``: how many more bytes were needed.
    public var needed: Int?
    /// For ``Code/trailingBytes``: how many bytes were left over.
    public var count: Int?
    /// For ``Code/packetTooLarge``: the packet's size in bytes.
    public var size: Int?
    /// For ``Code/packetTooLarge``: the maximum packet size in force.
    public var limit: Int?
    /// The offending value: the packet type nibble, the flags, the code point, the property
    /// identifier, the protocol level or the reason code, for the codes that name one.
    public var value: UInt32?
    /// For ``Code/wrongDirection``: the packet type.
    public var packetType: PacketType?
    /// For the property codes: the property.
    public var property: PropertyIdentifier?

    /// Creates an error.
    ///
    /// - Parameters:
    ///   - code: What was wrong.
    ///   - rule: The rule broken.
    ///   - offset: Where in the packet, or `nil`.
    ///   - reasonCode: The reason code the receiver should report.
    ///   - needed: More bytes needed (``Code/truncated``, ``Code/bufferFull``).
    ///   - count: Bytes left over (``Code/trailingBytes``).
    ///   - size: The packet size (``Code/packetTooLarge``).
    ///   - limit: The size limit (``Code/packetTooLarge``).
    ///   - value: The offending value, for the codes that name one.
    ///   - packetType: The packet type (``Code/wrongDirection``).
    ///   - property: The property, for the property codes.
    @inlinable
    public init(
        _ code: Code, rule: String, at offset: Int?, reasonCode: ReasonCode = .malformedPacket,
        needed: Int? = nil, count: Int? = nil, size: Int? = nil, limit: Int? = nil, value: UInt32? = nil,
        packetType: PacketType? = nil, property: PropertyIdentifier? = nil
    ) {
        self.code = code
        self.rule = rule
        self.offset = offset
        self.reasonCode = reasonCode
        self.needed = needed
        self.count = count
        self.size = size
        self.limit = limit
        self.value = value
        self.packetType = packetType
        self.property = property
    }

    /// A one-line description: what, rule, offset, reason code.
    public var description: String {
        let position = offset.map { " at offset \($0)" } ?? ""
        return "\(codeDescription) [\(rule)]\(position), reason code 0x\(hexByte(reasonCode.rawValue))"
    }

    private var propertyName: String { property.map { text($0.name) } ?? "(unknown)" }

    /// A short description of the problem, with its values.
    public var codeDescription: String {
        switch code {
        case .truncated: "field runs past the end of the packet (\(needed ?? 1) more byte(s) needed)"
        case .trailingBytes: "\(count ?? 1) unexpected byte(s) after the last field"
        case .remainingLengthTooLong: "remaining length longer than 4 bytes"
        case .variableByteIntegerNotMinimal: "variable byte integer not minimally encoded"
        case .packetTooLarge: "packet of \(size ?? 0) bytes exceeds the maximum of \(limit ?? 0)"
        case .reservedPacketType: "reserved packet type \(value ?? 0)"
        case .reservedFlags: "reserved fixed header flags 0x\(hexByte(UInt8(truncatingIfNeeded: value ?? 0)))"
        case .wrongDirection: "\(packetType.map { text($0.name) } ?? "packet") may not be sent in this direction"
        case .invalidQoS: "QoS 3 is not allowed"
        case .duplicateFlagOnQoS0: "DUP flag set on a QoS 0 PUBLISH"
        case .packetIdentifierZero: "packet identifier 0"
        case .invalidUTF8: "malformed UTF-8 string"
        case .nullCharacter: "U+0000 in a UTF-8 string"
        case .discouragedCodePoint:
            "discouraged code point U+\(String(value ?? 0, radix: 16, uppercase: true)) in a UTF-8 string"
        case .unknownProperty: "unknown property identifier 0x\(String(value ?? 0, radix: 16))"
        case .propertyNotAllowed: "property \(propertyName) not allowed in this packet"
        case .duplicateProperty: "property \(propertyName) appears more than once"
        case .invalidPropertyValue: "property \(propertyName) has an invalid value"
        case .invalidProtocolName: "invalid protocol name"
        case .unsupportedProtocolVersion: "unsupported protocol level \(value ?? 0)"
        case .reservedConnectFlag: "reserved CONNECT flag set"
        case .inconsistentWillFlags: "will QoS or will retain set without the will flag"
        case .passwordWithoutUserName: "password without user name"
        case .invalidClientIdentifier: "invalid client identifier"
        case .invalidReasonCode:
            "reason code 0x\(hexByte(UInt8(truncatingIfNeeded: value ?? 0))) not valid in this packet"
        case .reservedAcknowledgeFlags: "reserved CONNACK acknowledge flags set"
        case .emptyTopicName: "empty topic name"
        case .wildcardInTopicName: "wildcard in topic name"
        case .invalidTopicFilter: "invalid topic filter"
        case .invalidSharedSubscription: "invalid shared subscription"
        case .reservedSubscriptionOptions: "reserved subscription option bits set"
        case .noLocalOnSharedSubscription: "no local set on a shared subscription"
        case .emptyPayload: "no entries in the payload"
        case .valueTooLarge: "value too large to encode"
        case .bufferFull: "output buffer full (\(needed ?? 1) more byte(s) needed)"
        default: "\(code)"
        }
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
