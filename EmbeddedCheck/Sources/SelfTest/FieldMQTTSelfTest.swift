import FieldCore
import FieldMQTT

/// FieldMQTT under Embedded Swift: captured packets decode and re-encode, malformed ones are
/// rejected with the right rule, the stream decoder reassembles a split packet, the matcher matches.
func runFieldMQTTSelfTest(_ check: inout Checker) {
    check.begin("FieldMQTT")
    checkCapturedPublish(&check)
    let bytes = checkPropertiesRoundTrip(&check)
    checkRejections(&check)
    checkStreamDecoding(&check, bytes)
    checkTopicMatcher(&check)
}

/// A captured PUBLISH decodes (borrowing) and re-encodes into a caller buffer.
private func checkCapturedPublish(_ check: inout Checker) {
    // A QoS 1 PUBLISH captured from paho-mqtt 2.2.0 (../shared/mqtt/paho_vectors.jsonl).
    let captured: [UInt8] = [
        0x32, 0x10, 0x00, 0x05, 0x67, 0x2F, 0x61, 0x2F, 0x78, 0x00, 0x03, 0x7B, 0x22, 0x71, 0x22, 0x3A, 0x31, 0x7D,
    ]
    let decoder = PacketDecoder(options: DecodingOptions(version: .v3_1_1, sender: .client, strictUTF8: true))
    let roundTrip: [UInt8]? = captured.withUnsafeBytes { raw in
        do throws(FieldMQTTError) {
            let packet = try decoder.decode(raw)
            guard case .publish(let publish) = packet else { return nil }
            guard publish.topic == "g/a/x", publish.packetIdentifier == 3, publish.qos == .atLeastOnce,
                publish.payload.count == 7, publish.topic.isBorrowed
            else { return nil }
            var storage = [UInt8](repeating: 0, count: 32)
            let count: Int? = storage.withUnsafeMutableBytes { buffer in
                var writer = ByteWriter(buffer)
                do throws(FieldMQTTError) {
                    try packet.encode(into: &writer, version: .v3_1_1)
                    return writer.count
                } catch {
                    return nil
                }
            }
            guard let count else { return nil }
            return Array(storage[0..<count])
        } catch {
            return nil
        }
    }
    check.expect(roundTrip == captured, "captured PUBLISH decodes and re-encodes into a caller buffer")
    check.expect((try? decoder.decode(captured)) == (try? decoder.decode(captured.span.bytes)), "owning decodes agree")
}

/// A v5 PUBLISH with properties round-trips; returns its bytes for the stream check.
private func checkPropertiesRoundTrip(_ check: inout Checker) -> [UInt8] {
    // A v5 PUBLISH with properties, built, encoded, decoded.
    var properties = Properties()
    properties.append(.messageExpiryInterval(3600))
    properties.append(.topicAlias(4))
    properties.append(.userProperty(name: "unit", value: "kWh"))
    let publish = Packet.publish(
        Publish(
            topic: "meters/42/energy", payload: [1, 2, 3], qos: .exactlyOnce, packetIdentifier: 9,
            properties: properties))
    var bytes: [UInt8] = []
    let encoded: Bool
    do throws(FieldMQTTError) {
        try publish.encode(appendingTo: &bytes, version: .v5)
        encoded = true
    } catch {
        encoded = false
    }
    check.expect(encoded, "v5 PUBLISH encodes")
    let v5 = PacketDecoder(options: DecodingOptions(version: .v5, sender: .server))
    let same: Bool = bytes.withUnsafeBytes { raw in
        guard case .publish(let back)? = try? v5.decode(raw) else { return false }
        return back.properties.topicAlias == 4 && back.properties.messageExpiryInterval == 3600
            && back.properties.userProperties.count == 1 && Packet.publish(back) == publish
    }
    check.expect(same, "v5 PUBLISH round trip with properties")
    return bytes
}

/// Malformed packets are rejected with their rule and reason code.
private func checkRejections(_ check: inout Checker) {
    // Malformed packets: rule and reason code.
    func rejection(_ packet: [UInt8], _ version: ProtocolVersion) -> FieldMQTTError? {
        packet.withUnsafeBytes { raw in
            do throws(FieldMQTTError) {
                _ = try PacketDecoder(version: version).decode(raw)
                return nil
            } catch {
                return error
            }
        }
    }
    let qos3 = rejection([0x36, 0x07, 0x00, 0x01, 0x61, 0x12, 0x34, 0xFF, 0x00], .v3_1_1)
    check.expect(qos3?.code == .invalidQoS && qos3?.reasonCode == .malformedPacket, "QoS 3 rejected")
    let wildcard = rejection([0x30, 0x05, 0x00, 0x03, 0x2F, 0x2B, 0x61], .v3_1_1)
    check.expect(
        wildcard?.code == .wildcardInTopicName && wildcard?.offset == 5, "wildcard topic rejected at its offset")
    let duplicate = rejection([0x30, 0x08, 0x00, 0x01, 0x61, 0x04, 0x01, 0x00, 0x01, 0x00], .v5)
    check.expect(duplicate?.reasonCode == .protocolError, "duplicate property is a protocol error")
    let surrogate = rejection([0x30, 0x05, 0x00, 0x03, 0xED, 0xA0, 0x80], .v3_1_1)
    check.expect(surrogate?.code == .invalidUTF8, "surrogate rejected")
}

/// The stream decoder reassembles packets fed one byte at a time, in a bounded buffer.
private func checkStreamDecoding(_ check: inout Checker, _ bytes: [UInt8]) {
    // Stream decoding, one byte at a time.
    var stream = StreamDecoder(options: DecodingOptions(version: .v5, maximumPacketSize: 256))
    var packets = 0
    var needs = 0
    for byte in bytes + [0xC0, 0x00] {
        let one = [byte]
        one.withUnsafeBytes { raw in
            var input = raw
            while !input.isEmpty {
                do throws(FieldMQTTError) {
                    switch try stream.next(from: &input) {
                    case .packet: packets += 1
                    case .needMoreBytes: needs += 1
                    case .skipped: break
                    }
                } catch {
                    return
                }
            }
        }
    }
    check.expect(packets == 2 && needs == bytes.count, "stream decoder reassembles byte by byte")
    check.expect(stream.bufferCapacity <= 256, "stream buffer bounded by the maximum packet size")
}

/// The topic matcher matches wildcards, skips `$` topics and removes.
private func checkTopicMatcher(_ check: inout Checker) {
    // Topic matcher.
    var matcher = TopicMatcher<Int>()
    if let a = try? TopicFilter("meters/+/energy"), let b = try? TopicFilter("meters/#"), let c = try? TopicFilter("#"),
        let name = try? TopicName("meters/42/energy"), let system = try? TopicName("$SYS/uptime")
    {
        matcher.insert(a, value: 1)
        matcher.insert(b, value: 2)
        matcher.insert(c, value: 3)
        var sum = 0
        matcher.forEachMatch(name) { sum += $0 }
        check.expect(sum == 6, "matcher: +, # and # all match")
        var systemMatches = 0
        matcher.forEachMatch(system) { _ in systemMatches += 1 }
        check.expect(systemMatches == 0, "matcher: wildcards skip $ topics")
        check.expect(matcher.remove(b, value: 2) && matcher.count == 2, "matcher: remove")
    } else {
        check.expect(false, "topic filters parse")
    }
    check.expect((try? TopicFilter("a/#/b")) == nil, "filter a/#/b rejected")
    check.expect((try? TopicFilter("$share//a")) == nil, "empty share name rejected")
}
