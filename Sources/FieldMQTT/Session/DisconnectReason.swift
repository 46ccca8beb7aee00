import FieldCore

/// Why a connection ended, in terms a person can read and a program can switch on.
///
/// ```swift
/// case .disconnected(let reason):
///     log("connection lost: \(reason)")           // "keep-alive timeout: no PINGRESP within 10000 ms"
///     if reason.isRetryable { scheduleReconnect() }
/// ```
public enum DisconnectReason: Hashable, Sendable, CustomStringConvertible {
    /// The transport closed or failed (peer reset, network down).
    case transportClosed
    /// No CONNACK arrived within the connect timeout.
    case connectTimeout(Duration)
    /// No PINGRESP arrived within the ping timeout.
    case keepAliveTimeout(Duration)
    /// The server refused the connection in CONNACK.
    case refused(ReasonCode)
    /// The server sent DISCONNECT (5.0), with its reason code and reason string.
    case serverDisconnected(ReasonCode, reasonString: String?)
    /// The server broke the protocol; the client closed the connection with this reason code.
    case protocolViolation(ReasonCode, detail: String)
    /// The application asked to disconnect.
    case requested

    /// Whether reconnecting later makes sense (false for refusals that will not change by
    /// themselves: bad credentials, banned, unsupported protocol version, not authorized).
    public var isRetryable: Bool {
        switch self {
        case .refused(let code):
            return ![0x84, 0x85, 0x86, 0x87, 0x8A, 0x8C, 0x01, 0x02, 0x04, 0x05].contains(code.rawValue)
        case .requested:
            return false
        default:
            return true
        }
    }

    /// A sentence naming the reason.
    public var description: String {
        switch self {
        case .transportClosed:
            "the connection closed"
        case .connectTimeout(let wait):
            "connect timeout: no CONNACK within \(wait.wholeMilliseconds) ms"
        case .keepAliveTimeout(let wait):
            "keep-alive timeout: no PINGRESP within \(wait.wholeMilliseconds) ms"
        case .refused(let code):
            "the server refused the connection: \(ReasonCode.describeConnectRefusal(code))"
        case .serverDisconnected(let code, let text):
            "the server disconnected with reason 0x\(String(code.rawValue, radix: 16))"
                + (text.map { ": \($0)" } ?? "")
        case .protocolViolation(let code, let detail):
            "protocol violation by the server (reason 0x\(String(code.rawValue, radix: 16))): \(detail)"
        case .requested:
            "disconnected at the application's request"
        }
    }
}

extension ReasonCode {
    /// Names a CONNACK refusal (5.0 reason code, or a 3.1.1 return code 1 to 5).
    static func describeConnectRefusal(_ code: ReasonCode) -> String {
        switch code.rawValue {
        case 0x01: "unacceptable protocol version (3.1.1 return code 1)"
        case 0x02: "identifier rejected (3.1.1 return code 2)"
        case 0x03: "server unavailable (3.1.1 return code 3)"
        case 0x04: "bad user name or password (3.1.1 return code 4)"
        case 0x05: "not authorized (3.1.1 return code 5)"
        case 0x80: "unspecified error (0x80)"
        case 0x81: "malformed packet (0x81)"
        case 0x82: "protocol error (0x82)"
        case 0x83: "implementation specific error (0x83)"
        case 0x84: "unsupported protocol version (0x84)"
        case 0x85: "client identifier not valid (0x85)"
        case 0x86: "bad user name or password (0x86)"
        case 0x87: "not authorized (0x87)"
        case 0x88: "server unavailable (0x88)"
        case 0x89: "server busy (0x89)"
        case 0x8A: "banned (0x8A)"
        case 0x8C: "bad authentication method (0x8C)"
        case 0x90: "topic name invalid (0x90)"
        case 0x95: "packet too large (0x95)"
        case 0x97: "quota exceeded (0x97)"
        case 0x99: "payload format invalid (0x99)"
        case 0x9A: "retain not supported (0x9A)"
        case 0x9B: "QoS not supported (0x9B)"
        case 0x9C: "use another server (0x9C)"
        case 0x9D: "server moved (0x9D)"
        case 0x9F: "connection rate exceeded (0x9F)"
        default: "reason 0x\(String(code.rawValue, radix: 16))"
        }
    }
}
