/// An MQTT 5.0 reason code, or an MQTT 3.x return code: one byte saying how an operation went.
///
/// Values below 0x80 report success; 0x80 and above report failure. The named constants cover
/// every code the 5.0 specification defines (its table 2-6); which codes a packet may carry is
/// checked by the decoder.
///
/// ```swift
/// let code = ReasonCode.packetTooLarge
/// print(code.rawValue, code.isFailure)   // 149 true
/// ```
public struct ReasonCode: RawRepresentable, Hashable, Sendable {
    /// The code's byte.
    public var rawValue: UInt8

    /// Creates a reason code from its byte.
    ///
    /// - Parameter rawValue: The byte.
    @inlinable
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Whether the code reports a failure (0x80 and above).
    @inlinable
    public var isFailure: Bool { rawValue >= 0x80 }

    /// 0x00: success, normal disconnection, or granted QoS 0.
    public static let success = ReasonCode(rawValue: 0x00)
    /// 0x01: granted QoS 1.
    public static let grantedQoS1 = ReasonCode(rawValue: 0x01)
    /// 0x02: granted QoS 2.
    public static let grantedQoS2 = ReasonCode(rawValue: 0x02)
    /// 0x04: disconnect with will message.
    public static let disconnectWithWillMessage = ReasonCode(rawValue: 0x04)
    /// 0x10: no matching subscribers.
    public static let noMatchingSubscribers = ReasonCode(rawValue: 0x10)
    /// 0x11: no subscription existed.
    public static let noSubscriptionExisted = ReasonCode(rawValue: 0x11)
    /// 0x18: continue authentication.
    public static let continueAuthentication = ReasonCode(rawValue: 0x18)
    /// 0x19: re-authenticate.
    public static let reauthenticate = ReasonCode(rawValue: 0x19)
    /// 0x80: unspecified error.
    public static let unspecifiedError = ReasonCode(rawValue: 0x80)
    /// 0x81: malformed packet.
    public static let malformedPacket = ReasonCode(rawValue: 0x81)
    /// 0x82: protocol error.
    public static let protocolError = ReasonCode(rawValue: 0x82)
    /// 0x83: implementation specific error.
    public static let implementationSpecificError = ReasonCode(rawValue: 0x83)
    /// 0x84: unsupported protocol version.
    public static let unsupportedProtocolVersion = ReasonCode(rawValue: 0x84)
    /// 0x85: client identifier not valid.
    public static let clientIdentifierNotValid = ReasonCode(rawValue: 0x85)
    /// 0x86: bad user name or password.
    public static let badUserNameOrPassword = ReasonCode(rawValue: 0x86)
    /// 0x87: not authorized.
    public static let notAuthorized = ReasonCode(rawValue: 0x87)
    /// 0x88: server unavailable.
    public static let serverUnavailable = ReasonCode(rawValue: 0x88)
    /// 0x89: server busy.
    public static let serverBusy = ReasonCode(rawValue: 0x89)
    /// 0x8A: banned.
    public static let banned = ReasonCode(rawValue: 0x8A)
    /// 0x8B: server shutting down.
    public static let serverShuttingDown = ReasonCode(rawValue: 0x8B)
    /// 0x8C: bad authentication method.
    public static let badAuthenticationMethod = ReasonCode(rawValue: 0x8C)
    /// 0x8D: keep alive timeout.
    public static let keepAliveTimeout = ReasonCode(rawValue: 0x8D)
    /// 0x8E: session taken over.
    public static let sessionTakenOver = ReasonCode(rawValue: 0x8E)
    /// 0x8F: topic filter invalid.
    public static let topicFilterInvalid = ReasonCode(rawValue: 0x8F)
    /// 0x90: topic name invalid.
    public static let topicNameInvalid = ReasonCode(rawValue: 0x90)
    /// 0x91: packet identifier in use.
    public static let packetIdentifierInUse = ReasonCode(rawValue: 0x91)
    /// 0x92: packet identifier not found.
    public static let packetIdentifierNotFound = ReasonCode(rawValue: 0x92)
    /// 0x93: receive maximum exceeded.
    public static let receiveMaximumExceeded = ReasonCode(rawValue: 0x93)
    /// 0x94: topic alias invalid.
    public static let topicAliasInvalid = ReasonCode(rawValue: 0x94)
    /// 0x95: packet too large.
    public static let packetTooLarge = ReasonCode(rawValue: 0x95)
    /// 0x96: message rate too high.
    public static let messageRateTooHigh = ReasonCode(rawValue: 0x96)
    /// 0x97: quota exceeded.
    public static let quotaExceeded = ReasonCode(rawValue: 0x97)
    /// 0x98: administrative action.
    public static let administrativeAction = ReasonCode(rawValue: 0x98)
    /// 0x99: payload format invalid.
    public static let payloadFormatInvalid = ReasonCode(rawValue: 0x99)
    /// 0x9A: retain not supported.
    public static let retainNotSupported = ReasonCode(rawValue: 0x9A)
    /// 0x9B: QoS not supported.
    public static let qosNotSupported = ReasonCode(rawValue: 0x9B)
    /// 0x9C: use another server.
    public static let useAnotherServer = ReasonCode(rawValue: 0x9C)
    /// 0x9D: server moved.
    public static let serverMoved = ReasonCode(rawValue: 0x9D)
    /// 0x9E: shared subscriptions not supported.
    public static let sharedSubscriptionsNotSupported = ReasonCode(rawValue: 0x9E)
    /// 0x9F: connection rate exceeded.
    public static let connectionRateExceeded = ReasonCode(rawValue: 0x9F)
    /// 0xA0: maximum connect time.
    public static let maximumConnectTime = ReasonCode(rawValue: 0xA0)
    /// 0xA1: subscription identifiers not supported.
    public static let subscriptionIdentifiersNotSupported = ReasonCode(rawValue: 0xA1)
    /// 0xA2: wildcard subscriptions not supported.
    public static let wildcardSubscriptionsNotSupported = ReasonCode(rawValue: 0xA2)
}

extension ReasonCode {
    /// Whether `self` may appear in a packet of `type` sent by `sender` (MQTT 5.0, section 2.4
    /// and each packet's reason code table). `sender == nil` accepts a code either side may send.
    ///
    /// - Parameters:
    ///   - type: The packet type carrying the code.
    ///   - sender: Who sent the packet, when known.
    /// - Returns: Whether the code is defined for that packet.
    public func isValid(in type: PacketType, sentBy sender: Sender?) -> Bool {
        let v = rawValue
        switch type {
        case .connack:
            switch v {
            case 0x00, 0x80...0x8A, 0x8C, 0x90, 0x95, 0x97, 0x99...0x9D, 0x9F: return true
            default: return false
            }
        case .puback, .pubrec:
            switch v {
            case 0x00, 0x10, 0x80, 0x83, 0x87, 0x90, 0x91, 0x97, 0x99: return true
            default: return false
            }
        case .pubrel, .pubcomp:
            return v == 0x00 || v == 0x92
        case .suback:
            switch v {
            case 0x00, 0x01, 0x02, 0x80, 0x83, 0x87, 0x8F, 0x91, 0x97, 0x9E, 0xA1, 0xA2: return true
            default: return false
            }
        case .unsuback:
            switch v {
            case 0x00, 0x11, 0x80, 0x83, 0x87, 0x8F, 0x91: return true
            default: return false
            }
        case .auth:
            return v == 0x00 || v == 0x18 || v == 0x19
        case .disconnect:
            let either: Bool
            let serverOnly: Bool
            switch v {
            case 0x00, 0x80...0x83, 0x90, 0x93...0x99: either = true; serverOnly = false
            case 0x04: return sender != .server
            case 0x87, 0x89, 0x8B, 0x8D...0x8F, 0x9A...0xA2: either = false; serverOnly = true
            default: return false
            }
            if either { return true }
            return serverOnly && sender != .client
        default:
            return false
        }
    }
}
