/// The identifier of an MQTT 5.0 property: all 27 the specification defines (its table 2-4).
///
/// ```swift
/// PropertyIdentifier(rawValue: 0x23)   // .topicAlias
/// ```
public enum PropertyIdentifier: UInt8, Sendable, Hashable, CaseIterable {
    /// 0x01, byte: the payload is unspecified bytes (0) or UTF-8 (1).
    case payloadFormatIndicator = 0x01
    /// 0x02, four byte integer: message lifetime in seconds.
    case messageExpiryInterval = 0x02
    /// 0x03, UTF-8 string: the payload's content type.
    case contentType = 0x03
    /// 0x08, UTF-8 string: the topic for a response.
    case responseTopic = 0x08
    /// 0x09, binary data: correlates a response with its request.
    case correlationData = 0x09
    /// 0x0B, variable byte integer: the subscription identifier.
    case subscriptionIdentifier = 0x0B
    /// 0x11, four byte integer: session lifetime in seconds after the connection closes.
    case sessionExpiryInterval = 0x11
    /// 0x12, UTF-8 string: the client identifier the server assigned.
    case assignedClientIdentifier = 0x12
    /// 0x13, two byte integer: the keep alive the server imposes.
    case serverKeepAlive = 0x13
    /// 0x15, UTF-8 string: the extended authentication method.
    case authenticationMethod = 0x15
    /// 0x16, binary data: extended authentication data.
    case authenticationData = 0x16
    /// 0x17, byte: whether the server may send reason strings and user properties on failures.
    case requestProblemInformation = 0x17
    /// 0x18, four byte integer: delay before the will message is published.
    case willDelayInterval = 0x18
    /// 0x19, byte: whether the client asks for response information.
    case requestResponseInformation = 0x19
    /// 0x1A, UTF-8 string: the basis for response topics.
    case responseInformation = 0x1A
    /// 0x1C, UTF-8 string: another server to use.
    case serverReference = 0x1C
    /// 0x1F, UTF-8 string: a human-readable diagnostic.
    case reasonString = 0x1F
    /// 0x21, two byte integer: how many QoS 1 and 2 messages may be in flight.
    case receiveMaximum = 0x21
    /// 0x22, two byte integer: the highest topic alias accepted.
    case topicAliasMaximum = 0x22
    /// 0x23, two byte integer: a topic alias.
    case topicAlias = 0x23
    /// 0x24, byte: the highest QoS the server supports (0 or 1).
    case maximumQoS = 0x24
    /// 0x25, byte: whether the server supports retained messages.
    case retainAvailable = 0x25
    /// 0x26, UTF-8 string pair: a user property (may repeat).
    case userProperty = 0x26
    /// 0x27, four byte integer: the largest packet accepted.
    case maximumPacketSize = 0x27
    /// 0x28, byte: whether the server supports wildcard subscriptions.
    case wildcardSubscriptionAvailable = 0x28
    /// 0x29, byte: whether the server supports subscription identifiers.
    case subscriptionIdentifierAvailable = 0x29
    /// 0x2A, byte: whether the server supports shared subscriptions.
    case sharedSubscriptionAvailable = 0x2A

    /// How a property's value is encoded.
    public enum ValueKind: Sendable, Hashable {
        /// One byte.
        case byte
        /// A big-endian 16-bit integer.
        case twoByteInteger
        /// A big-endian 32-bit integer.
        case fourByteInteger
        /// A variable byte integer.
        case variableByteInteger
        /// A length-prefixed UTF-8 string.
        case string
        /// Length-prefixed binary data.
        case binary
        /// Two length-prefixed UTF-8 strings.
        case stringPair
    }

    /// How this property's value is encoded.
    public var valueKind: ValueKind {
        switch self {
        case .payloadFormatIndicator, .requestProblemInformation, .requestResponseInformation, .maximumQoS,
            .retainAvailable, .wildcardSubscriptionAvailable, .subscriptionIdentifierAvailable,
            .sharedSubscriptionAvailable:
            .byte
        case .serverKeepAlive, .receiveMaximum, .topicAliasMaximum, .topicAlias: .twoByteInteger
        case .messageExpiryInterval, .sessionExpiryInterval, .willDelayInterval, .maximumPacketSize: .fourByteInteger
        case .subscriptionIdentifier: .variableByteInteger
        case .contentType, .responseTopic, .assignedClientIdentifier, .authenticationMethod, .responseInformation,
            .serverReference, .reasonString:
            .string
        case .correlationData, .authenticationData: .binary
        case .userProperty: .stringPair
        }
    }

    /// The specification's name, for example `"Topic Alias"`.
    public var name: StaticString {
        switch self {
        case .payloadFormatIndicator: "Payload Format Indicator"
        case .messageExpiryInterval: "Message Expiry Interval"
        case .contentType: "Content Type"
        case .responseTopic: "Response Topic"
        case .correlationData: "Correlation Data"
        case .subscriptionIdentifier: "Subscription Identifier"
        case .sessionExpiryInterval: "Session Expiry Interval"
        case .assignedClientIdentifier: "Assigned Client Identifier"
        case .serverKeepAlive: "Server Keep Alive"
        case .authenticationMethod: "Authentication Method"
        case .authenticationData: "Authentication Data"
        case .requestProblemInformation: "Request Problem Information"
        case .willDelayInterval: "Will Delay Interval"
        case .requestResponseInformation: "Request Response Information"
        case .responseInformation: "Response Information"
        case .serverReference: "Server Reference"
        case .reasonString: "Reason String"
        case .receiveMaximum: "Receive Maximum"
        case .topicAliasMaximum: "Topic Alias Maximum"
        case .topicAlias: "Topic Alias"
        case .maximumQoS: "Maximum QoS"
        case .retainAvailable: "Retain Available"
        case .userProperty: "User Property"
        case .maximumPacketSize: "Maximum Packet Size"
        case .wildcardSubscriptionAvailable: "Wildcard Subscription Available"
        case .subscriptionIdentifierAvailable: "Subscription Identifier Available"
        case .sharedSubscriptionAvailable: "Shared Subscription Available"
        }
    }
}

/// Where a property block sits: a packet type, or the will properties inside CONNECT.
///
/// Each place allows its own set of properties (MQTT 5.0 table 2-4).
public enum PropertyContext: Sendable, Hashable {
    /// CONNECT's own properties.
    case connect
    /// The will properties in CONNECT's payload.
    case will
    /// CONNACK.
    case connack
    /// PUBLISH.
    case publish
    /// PUBACK, PUBREC, PUBREL or PUBCOMP.
    case acknowledgement
    /// SUBSCRIBE.
    case subscribe
    /// SUBACK.
    case suback
    /// UNSUBSCRIBE.
    case unsubscribe
    /// UNSUBACK.
    case unsuback
    /// DISCONNECT.
    case disconnect
    /// AUTH.
    case auth

    /// Whether `identifier` may appear in this place.
    ///
    /// - Parameter identifier: The property.
    /// - Returns: Whether table 2-4 allows it here.
    @inlinable
    public func allows(_ identifier: PropertyIdentifier) -> Bool {
        (allowedMask >> UInt64(identifier.rawValue)) & 1 == 1
    }

    /// One bit per allowed identifier (MQTT 5.0 table 2-4; User Property everywhere).
    @usableFromInline
    internal var allowedMask: UInt64 {
        switch self {
        case .connect: 0xC602E20000  // 0x11 0x15 0x16 0x17 0x19 0x21 0x22 0x27
        case .will: 0x400100030E  // 0x01 0x02 0x03 0x08 0x09 0x18
        case .connack: 0x7F6946E0000  // 0x11 0x12 0x13 0x15 0x16 0x1A 0x1C 0x1F 0x21 0x22 0x24 0x25 0x27-0x2A
        case .publish: 0x4800000B0E  // 0x01 0x02 0x03 0x08 0x09 0x0B 0x23
        case .acknowledgement, .suback, .unsuback: 0x4080000000  // 0x1F
        case .subscribe: 0x4000000800  // 0x0B
        case .unsubscribe: 0x4000000000  // User Property only
        case .disconnect: 0x4090020000  // 0x11 0x1C 0x1F
        case .auth: 0x4080600000  // 0x15 0x16 0x1F
        }
    }
}
