import FieldKit

/// A JSON object built field by field (keys in insertion order).
struct JSONObject {
    private var fields: [String] = []

    mutating func add(_ key: String, _ value: String) {
        fields.append(JSONObject.quote(key) + ":" + JSONObject.quote(value))
    }
    mutating func add(_ key: String, _ value: Int) { fields.append(JSONObject.quote(key) + ":" + String(value)) }
    mutating func add(_ key: String, _ value: Bool) {
        fields.append(JSONObject.quote(key) + ":" + (value ? "true" : "false"))
    }
    mutating func add(_ key: String, raw value: String) { fields.append(JSONObject.quote(key) + ":" + value) }
    mutating func add(_ key: String, _ value: JSONObject) { add(key, raw: value.text) }
    mutating func add(_ key: String, _ values: [JSONObject]) {
        add(key, raw: "[" + values.map(\.text).joined(separator: ",") + "]")
    }

    var text: String { "{" + fields.joined(separator: ",") + "}" }

    static func quote(_ string: String) -> String {
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value <= 0x9F) {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// Describes decoded packets as JSON fields.
enum PacketJSON {
    static func name(_ value: StaticString) -> String {
        value.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
    }

    static func describe(_ packet: Packet, into json: inout JSONObject) {
        json.add("type", name(packet.type.name))
        switch packet {
        case .connect(let connect):
            json.add("protocol_version", Int(connect.protocolVersion.rawValue))
            json.add("client_id", connect.clientIdentifier.string)
            json.add("clean_start", connect.cleanStart)
            json.add("keep_alive", Int(connect.keepAlive))
            if let will = connect.will {
                var w = JSONObject()
                w.add("topic", will.topic.string)
                w.add("payload_hex", Hex.encode(will.payload.array))
                w.add("qos", Int(will.qos.rawValue))
                w.add("retain", will.retain)
                w.add("properties", properties(will.properties))
                json.add("will", w)
            }
            if let userName = connect.userName { json.add("username", userName.string) }
            if let password = connect.password { json.add("password_hex", Hex.encode(password.array)) }
            json.add("properties", properties(connect.properties))
        case .connack(let connack):
            json.add("session_present", connack.sessionPresent)
            json.add("reason_code", Int(connack.reasonCode.rawValue))
            json.add("properties", properties(connack.properties))
        case .publish(let publish):
            json.add("topic", publish.topic.string)
            json.add("qos", Int(publish.qos.rawValue))
            json.add("retain", publish.retain)
            json.add("dup", publish.duplicate)
            if let id = publish.packetIdentifier { json.add("packet_id", Int(id)) }
            json.add("payload_hex", Hex.encode(publish.payload.array))
            json.add("properties", properties(publish.properties))
        case .puback(let ack), .pubrec(let ack), .pubrel(let ack), .pubcomp(let ack):
            json.add("packet_id", Int(ack.packetIdentifier))
            json.add("reason_code", Int(ack.reasonCode.rawValue))
            json.add("properties", properties(ack.properties))
        case .subscribe(let subscribe):
            json.add("packet_id", Int(subscribe.packetIdentifier))
            json.add(
                "subscriptions",
                subscribe.subscriptions.map { subscription -> JSONObject in
                    var s = JSONObject()
                    s.add("filter", subscription.filter.string)
                    s.add("qos", Int(subscription.options.qos.rawValue))
                    s.add("no_local", subscription.options.noLocal)
                    s.add("retain_as_published", subscription.options.retainAsPublished)
                    s.add("retain_handling", Int(subscription.options.retainHandling.rawValue))
                    return s
                })
            json.add("properties", properties(subscribe.properties))
        case .suback(let suback):
            json.add("packet_id", Int(suback.packetIdentifier))
            json.add(
                "reason_codes", raw: "[" + suback.reasonCodes.map { String($0.rawValue) }.joined(separator: ",") + "]")
            json.add("properties", properties(suback.properties))
        case .unsubscribe(let unsubscribe):
            json.add("packet_id", Int(unsubscribe.packetIdentifier))
            json.add(
                "filters",
                raw: "[" + unsubscribe.filters.map { JSONObject.quote($0.string) }.joined(separator: ",") + "]")
            json.add("properties", properties(unsubscribe.properties))
        case .unsuback(let unsuback):
            json.add("packet_id", Int(unsuback.packetIdentifier))
            json.add(
                "reason_codes", raw: "[" + unsuback.reasonCodes.map { String($0.rawValue) }.joined(separator: ",") + "]"
            )
            json.add("properties", properties(unsuback.properties))
        case .pingreq, .pingresp:
            break
        case .disconnect(let disconnect):
            json.add("reason_code", Int(disconnect.reasonCode.rawValue))
            json.add("properties", properties(disconnect.properties))
        case .auth(let auth):
            json.add("reason_code", Int(auth.reasonCode.rawValue))
            json.add("properties", properties(auth.properties))
        }
    }

    /// Properties in wire order: `[{"id":35,"name":"Topic Alias","value":7}, ...]`.
    static func properties(_ properties: Properties) -> [JSONObject] {
        properties.map { property in
            var p = JSONObject()
            p.add("id", Int(property.identifier.rawValue))
            p.add("name", name(property.identifier.name))
            switch property {
            case .payloadFormatIndicator(let v), .requestProblemInformation(let v), .requestResponseInformation(let v),
                .maximumQoS(let v), .retainAvailable(let v), .wildcardSubscriptionAvailable(let v),
                .subscriptionIdentifierAvailable(let v), .sharedSubscriptionAvailable(let v):
                p.add("value", Int(v))
            case .serverKeepAlive(let v), .receiveMaximum(let v), .topicAliasMaximum(let v), .topicAlias(let v):
                p.add("value", Int(v))
            case .messageExpiryInterval(let v), .sessionExpiryInterval(let v), .willDelayInterval(let v),
                .maximumPacketSize(let v), .subscriptionIdentifier(let v):
                p.add("value", Int(v))
            case .contentType(let s), .responseTopic(let s), .assignedClientIdentifier(let s),
                .authenticationMethod(let s),
                .responseInformation(let s), .serverReference(let s), .reasonString(let s):
                p.add("value", s.string)
            case .correlationData(let d), .authenticationData(let d):
                p.add("value_hex", Hex.encode(d.array))
            case .userProperty(let key, let value):
                p.add("key", key.string)
                p.add("value", value.string)
            }
            return p
        }
    }
}
