/// Readable one-line renderings of packets and their parts, for logs and test failures.
///
/// ```swift
/// print(Packet.publish(Publish(topic: "a/b", payload: [1, 2], qos: .atLeastOnce, packetIdentifier: 7)))
/// // PUBLISH id=7 qos=1 topic="a/b" payload=2 bytes
/// ```
extension Packet: CustomStringConvertible {
    /// The packet type, its identifier and the fields that tell packets apart.
    public var description: String {
        switch self {
        case .connect(let p):
            let will = p.will.map { " will=\($0.topic)" } ?? ""
            return "CONNECT \(p.protocolVersion) client=\(p.clientIdentifier) keepAlive=\(p.keepAlive)s"
                + (p.cleanStart ? " cleanStart" : "") + will
        case .connack(let p):
            return "CONNACK reason=\(p.reasonCode)" + (p.sessionPresent ? " sessionPresent" : "")
        case .publish(let p): return p.description
        case .puback(let p): return "PUBACK \(p)"
        case .pubrec(let p): return "PUBREC \(p)"
        case .pubrel(let p): return "PUBREL \(p)"
        case .pubcomp(let p): return "PUBCOMP \(p)"
        case .subscribe(let p):
            let filters = p.subscriptions.map { "\($0.filter)@\($0.options.qos.rawValue)" }
            return "SUBSCRIBE id=\(p.packetIdentifier) [\(filters.joined(separator: ", "))]"
        case .suback(let p):
            return "SUBACK id=\(p.packetIdentifier) [\(p.reasonCodes.map { "\($0)" }.joined(separator: ", "))]"
        case .unsubscribe(let p):
            return "UNSUBSCRIBE id=\(p.packetIdentifier) [\(p.filters.map { "\($0)" }.joined(separator: ", "))]"
        case .unsuback(let p):
            return "UNSUBACK id=\(p.packetIdentifier) [\(p.reasonCodes.map { "\($0)" }.joined(separator: ", "))]"
        case .pingreq: return "PINGREQ"
        case .pingresp: return "PINGRESP"
        case .disconnect(let p): return "DISCONNECT reason=\(p.reasonCode)"
        case .auth(let p): return "AUTH reason=\(p.reasonCode)"
        }
    }
}

extension Publish: CustomStringConvertible {
    /// `PUBLISH id=7 qos=1 topic="meters/42" payload=12 bytes`, with `retain` and `dup` when set.
    public var description: String {
        let id = packetIdentifier.map { " id=\($0)" } ?? ""
        let flags = (retain ? " retain" : "") + (duplicate ? " dup" : "")
        return "PUBLISH\(id) qos=\(qos.rawValue) topic=\(topic) payload=\(payload.count) bytes\(flags)"
    }
}

extension PublishAcknowledgement: CustomStringConvertible {
    /// `id=7 reason=0x00`.
    public var description: String { "id=\(packetIdentifier) reason=\(reasonCode)" }
}

extension ReasonCode: CustomStringConvertible {
    /// The code in hexadecimal, as the specification writes it: `0x87`.
    public var description: String { "0x\(hexByte(rawValue))" }
}

extension MQTTBytes: CustomStringConvertible {
    /// The bytes as a quoted string when they are printable UTF-8, else their count and the first
    /// bytes in hexadecimal.
    public var description: String {
        var printable = true
        for index in 0..<count where self[index] < 0x20 || self[index] == 0x7F {
            printable = false
            break
        }
        if printable, let text = String(validating: (0..<count).map { self[$0] }, as: UTF8.self) {
            return "\"\(text)\""
        }
        let prefix = (0..<min(count, 8)).map { hexByte(self[$0]) }.joined()
        return "<\(count) bytes \(prefix)\(count > 8 ? "..." : "")>"
    }
}
