import FieldCore
import FieldMQTT
import Testing

@Suite("Owning decode, spans and descriptions")
struct OwnedDecodingTests {
    static let publishBytes: [UInt8] = {
        let packet = Packet.publish(
            Publish(topic: "meters/0042/energy", payload: [0x01, 0x02, 0x03], qos: .atLeastOnce, packetIdentifier: 7))
        var bytes: [UInt8] = []
        try! packet.encode(appendingTo: &bytes, version: .v5)
        return bytes
    }()

    @Test("decoding an array returns a packet that outlives and ignores the array")
    func arrayDecodeOwns() throws {
        var bytes = Self.publishBytes
        let packet = try PacketDecoder(version: .v5).decode(bytes)
        for index in bytes.indices { bytes[index] = 0xEE }
        bytes.removeAll()
        guard case .publish(let publish) = packet else {
            Issue.record("not a PUBLISH: \(packet)")
            return
        }
        #expect(publish.topic.string == "meters/0042/energy")
        #expect(publish.payload.count == 3 && publish.payload[2] == 0x03)
        #expect(publish.packetIdentifier == 7)
    }

    @Test("RawSpan and Span<UInt8> decode to the same owned packet; errors keep rule and offset")
    func spanDecode() throws {
        let decoder = PacketDecoder(version: .v5)
        let expected = try decoder.decode(Self.publishBytes)
        let fromRaw = try decoder.decode(Self.publishBytes.span.bytes)
        let fromSpan = try decoder.decode(Self.publishBytes.span)
        #expect(fromRaw == expected && fromSpan == expected)
        let length = try decoder.withDecoded(Self.publishBytes.span.bytes) { packet -> Int in
            if case .publish(let publish) = packet { return publish.payload.count }
            return -1
        }
        #expect(length == 3)
        // A wildcard in a topic name, as the DocC article shows: code, rule, offset, reason code.
        let wildcard: [UInt8] = [0x30, 0x06, 0x00, 0x03, 0x61, 0x2F, 0x2B, 0x21]
        #expect {
            try PacketDecoder(options: DecodingOptions(version: .v5, sender: .client)).decode(wildcard)
        } throws: { error in
            guard let error = error as? FieldMQTTError else { return false }
            return error.code == .wildcardInTopicName && error.rule == "MQTT-3.3.2-2" && error.offset == 6
                && error.reasonCode == .topicNameInvalid
        }
    }

    @Test("packets, publishes and bytes print readably")
    func descriptions() throws {
        let packet = try PacketDecoder(version: .v5).decode(Self.publishBytes)
        #expect("\(packet)" == "PUBLISH id=7 qos=1 topic=\"meters/0042/energy\" payload=3 bytes")
        #expect("\(MQTTBytes([0x00, 0xFF]))" == "<2 bytes 00FF>")
        #expect("\(Packet.puback(PublishAcknowledgement(packetIdentifier: 9)))" == "PUBACK id=9 reason=0x00")
        #expect("\(Packet.pingreq)" == "PINGREQ")
        #expect("\(ReasonCode(rawValue: 0x87))" == "0x87")
    }

    @Test("a copied stream decoder keeps its own partial packet (copy on write)")
    func streamDecoderCopyOnWrite() throws {
        let bytes = Self.publishBytes
        var first = StreamDecoder(options: DecodingOptions(version: .v5))
        let head = Array(bytes[0..<5])
        head.withUnsafeBytes { raw in
            var input = raw
            _ = try? first.next(from: &input)
        }
        var second = first
        var other = bytes
        other[other.count - 1] = 0x09  // the copy completes the packet with a different last byte
        func finish(_ decoder: inout StreamDecoder, _ tail: ArraySlice<UInt8>) -> Packet? {
            Array(tail).withUnsafeBytes { raw in
                var input = raw
                if case .packet(let packet)? = try? decoder.next(from: &input) { return packet.owned() }
                return nil
            }
        }
        let a = finish(&first, bytes[5...])
        let b = finish(&second, other[5...])
        guard case .publish(let pa)? = a, case .publish(let pb)? = b else {
            Issue.record("both copies should complete: \(String(describing: a)) \(String(describing: b))")
            return
        }
        #expect(pa.payload[2] == 0x03)
        #expect(pb.payload[2] == 0x09)
    }
}
