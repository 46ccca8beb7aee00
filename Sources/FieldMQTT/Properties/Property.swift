/// One MQTT 5.0 property with its value.
///
/// Decoded properties borrow their strings and binary data from the packet; properties you build
/// own them.
///
/// ```swift
/// var properties = Properties()
/// properties.append(.messageExpiryInterval(3600))
/// properties.append(.userProperty(name: "unit", value: "celsius"))
/// ```
public enum Property: Equatable, Sendable {
    /// 0x01: 0 for unspecified bytes, 1 for UTF-8 text.
    case payloadFormatIndicator(UInt8)
    /// 0x02: the message lifetime in seconds.
    case messageExpiryInterval(UInt32)
    /// 0x03: the payload's content type (UTF-8).
    case contentType(MQTTBytes)
    /// 0x08: the topic for a response (UTF-8, no wildcards).
    case responseTopic(MQTTBytes)
    /// 0x09: binary data correlating a response with its request.
    case correlationData(MQTTBytes)
    /// 0x0B: a subscription identifier, 1...268,435,455.
    case subscriptionIdentifier(UInt32)
    /// 0x11: the session lifetime in seconds after the connection closes.
    case sessionExpiryInterval(UInt32)
    /// 0x12: the client identifier the server assigned (UTF-8).
    case assignedClientIdentifier(MQTTBytes)
    /// 0x13: the keep alive the server imposes, in seconds.
    case serverKeepAlive(UInt16)
    /// 0x15: the extended authentication method (UTF-8).
    case authenticationMethod(MQTTBytes)
    /// 0x16: extended authentication data.
    case authenticationData(MQTTBytes)
    /// 0x17: 0 or 1.
    case requestProblemInformation(UInt8)
    /// 0x18: seconds before the will message is published.
    case willDelayInterval(UInt32)
    /// 0x19: 0 or 1.
    case requestResponseInformation(UInt8)
    /// 0x1A: the basis for response topics (UTF-8).
    case responseInformation(MQTTBytes)
    /// 0x1C: another server to use (UTF-8).
    case serverReference(MQTTBytes)
    /// 0x1F: a human-readable diagnostic (UTF-8).
    case reasonString(MQTTBytes)
    /// 0x21: in-flight QoS 1 and 2 messages accepted, at least 1.
    case receiveMaximum(UInt16)
    /// 0x22: the highest topic alias accepted.
    case topicAliasMaximum(UInt16)
    /// 0x23: a topic alias, at least 1.
    case topicAlias(UInt16)
    /// 0x24: 0 or 1.
    case maximumQoS(UInt8)
    /// 0x25: 0 or 1.
    case retainAvailable(UInt8)
    /// 0x26: a name and value pair (UTF-8); may repeat.
    case userProperty(name: MQTTBytes, value: MQTTBytes)
    /// 0x27: the largest packet accepted, at least 1.
    case maximumPacketSize(UInt32)
    /// 0x28: 0 or 1.
    case wildcardSubscriptionAvailable(UInt8)
    /// 0x29: 0 or 1.
    case subscriptionIdentifierAvailable(UInt8)
    /// 0x2A: 0 or 1.
    case sharedSubscriptionAvailable(UInt8)

    /// The property's identifier.
    public var identifier: PropertyIdentifier {
        switch self {
        case .payloadFormatIndicator: .payloadFormatIndicator
        case .messageExpiryInterval: .messageExpiryInterval
        case .contentType: .contentType
        case .responseTopic: .responseTopic
        case .correlationData: .correlationData
        case .subscriptionIdentifier: .subscriptionIdentifier
        case .sessionExpiryInterval: .sessionExpiryInterval
        case .assignedClientIdentifier: .assignedClientIdentifier
        case .serverKeepAlive: .serverKeepAlive
        case .authenticationMethod: .authenticationMethod
        case .authenticationData: .authenticationData
        case .requestProblemInformation: .requestProblemInformation
        case .willDelayInterval: .willDelayInterval
        case .requestResponseInformation: .requestResponseInformation
        case .responseInformation: .responseInformation
        case .serverReference: .serverReference
        case .reasonString: .reasonString
        case .receiveMaximum: .receiveMaximum
        case .topicAliasMaximum: .topicAliasMaximum
        case .topicAlias: .topicAlias
        case .maximumQoS: .maximumQoS
        case .retainAvailable: .retainAvailable
        case .userProperty: .userProperty
        case .maximumPacketSize: .maximumPacketSize
        case .wildcardSubscriptionAvailable: .wildcardSubscriptionAvailable
        case .subscriptionIdentifierAvailable: .subscriptionIdentifierAvailable
        case .sharedSubscriptionAvailable: .sharedSubscriptionAvailable
        }
    }
}
