import FieldCore
import FieldMQTT
import Foundation
import Testing

/// Packets captured between paho-mqtt clients and a real mosquitto broker by
/// `Scripts/mqtt-fixtures.py`, with the fields paho encoded (client to server) or decoded
/// (server to client) as the expected values.
@Suite("Captured paho-mqtt / mosquitto traffic (committed fixture)")
struct CapturedFixtureTests {
    @Test("every packet decodes to the reference's fields and re-encodes byte for byte")
    func capture() throws {
        let lines = try Support.jsonLines(Support.fixture("mqtt-capture.jsonl")).dropFirst()
        #expect(lines.count > 150)
        var checkedFields = 0
        for line in lines {
            let hex = line["hex"] as! String
            let bytes = Support.bytes(hex)
            let version = Support.version(line["proto_ver"] as! String)
            let sender: Sender = (line["direction"] as! String) == "c2s" ? .client : .server
            let options = DecodingOptions(version: version, sender: sender, strictUTF8: true)
            guard case .success(let packet) = Support.decode(bytes, options) else {
                Issue.record("\(hex): \(Support.decode(bytes, options))")
                continue
            }
            #expect(text(packet.type.name) == line["packet_type"] as! String)
            #expect(try Support.encode(packet, version).get() == bytes, "\(hex)")
            guard let expect = line["expect"] as? [String: Any] else { continue }
            checkedFields += 1
            switch packet {
            case .publish(let publish):
                #expect(publish.topic.string == expect["topic"] as! String)
                #expect(Hex.encode(publish.payload.array) == expect["payload"] as! String)
                #expect(Int(publish.qos.rawValue) == expect["qos"] as! Int)
                #expect(publish.retain == expect["retain"] as! Bool)
                let properties = expect["properties"] as! [String: Any]
                let p = publish.properties
                #expect(p.messageExpiryInterval.map(Int.init) == properties["MessageExpiryInterval"] as? Int)
                #expect(p.contentType?.string == properties["ContentType"] as? String)
                #expect(p.responseTopic?.string == properties["ResponseTopic"] as? String)
                #expect(p.correlationData.map { Hex.encode($0.array) } == properties["CorrelationData"] as? String)
                #expect(p.payloadFormatIndicator.map(Int.init) == properties["PayloadFormatIndicator"] as? Int)
                let users = p.userProperties.map { [$0.name.string, $0.value.string] }
                #expect(users == (properties["UserProperty"] as? [[String]] ?? []))
                if let ids = properties["SubscriptionIdentifier"] as? [Int] {
                    #expect(p.subscriptionIdentifiers.map(Int.init) == ids)
                }
            case .connect(let connect):
                #expect(connect.clientIdentifier.string == expect["client_id"] as! String)
                #expect(Int(connect.keepAlive) == expect["keepalive"] as! Int)
                #expect(connect.userName?.string == expect["username"] as? String)
                #expect(connect.will?.topic.string == expect["will_topic"] as? String)
            case .subscribe(let subscribe):
                #expect(subscribe.subscriptions.map(\.filter.string) == expect["filters"] as! [String])
                #expect(subscribe.subscriptions.map { Int($0.options.qos.rawValue) } == expect["qos"] as! [Int])
            case .unsubscribe(let unsubscribe):
                #expect(unsubscribe.filters.map(\.string) == expect["filters"] as! [String])
            default:
                Issue.record("unexpected expectation on \(packet.type)")
            }
        }
        #expect(checkedFields > 80)
    }

    @Test("the whole capture, streamed connection by connection in random chunks, yields the same packets")
    func streamed() throws {
        let lines = Array(try Support.jsonLines(Support.fixture("mqtt-capture.jsonl")).dropFirst())
        for version in ["3.1", "3.1.1", "5.0"] {
            for direction in ["c2s", "s2c"] {
                let selected = lines.filter {
                    $0["proto_ver"] as! String == version && $0["direction"] as! String == direction
                }
                let stream = selected.flatMap { Support.bytes($0["hex"] as! String) }
                let options = DecodingOptions(
                    version: Support.version(version), sender: direction == "c2s" ? .client : .server)
                let result = StreamDecoderTests.run(
                    stream, options: options, chunk: { Int.random(in: 1...97, using: &$0) })
                #expect(result.error == nil)
                #expect(result.packets.count == selected.count)
            }
        }
    }
}
