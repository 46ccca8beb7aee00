import FieldCore
import FieldMQTT
import Testing

@Suite("Random round trips")
struct RoundTripTests {
    @Test("encode, decode, compare, re-encode: 3,000 random packets per version", arguments: ProtocolVersion.allCases)
    func roundTrip(version: ProtocolVersion) throws {
        var random = RandomPackets(seed: 0xF1E1D + UInt64(version.rawValue))
        for _ in 0..<3000 {
            let packet = random.packet(version)
            let bytes = try Support.encode(packet, version).get()
            #expect(try packet.encodedCount(version: version) == bytes.count)
            // Decode with the direction the packet type travels in, in strict mode.
            // (DISCONNECT travels both ways, with side-specific reason codes: decode it undirected.)
            let sender: Sender? = packet.type == .disconnect ? nil : packet.type.isSentByClient ? .client : .server
            let options = DecodingOptions(version: version, sender: sender, strictUTF8: true)
            let decoded = Support.decode(bytes, options)
            guard case .success(let back) = decoded else {
                Issue.record("\(packet.type): \(decoded) for \(Hex.encode(bytes))")
                continue
            }
            #expect(back == packet, "\(Hex.encode(bytes))")
            #expect(try Support.encode(back, version).get() == bytes)
        }
    }

    @Test("encoding into a caller buffer writes the same bytes, and refuses a short buffer untouched")
    func callerBuffer() throws {
        var random = RandomPackets(seed: 99)
        for _ in 0..<500 {
            let packet = random.packet(.v5)
            let expected = try Support.encode(packet, .v5).get()
            var storage = [UInt8](repeating: 0xAA, count: expected.count + 3)
            let written: Int? = storage.withUnsafeMutableBytes { buffer in
                var writer = ByteWriter(buffer)
                do throws(FieldMQTTError) {
                    try packet.encode(into: &writer, version: .v5)
                    return writer.count
                } catch { return nil }
            }
            #expect(written == expected.count)
            #expect(Array(storage[0..<expected.count]) == expected)
            var short = [UInt8](repeating: 0xAA, count: expected.count - 1)
            let error: FieldMQTTError? = short.withUnsafeMutableBytes { buffer in
                var writer = ByteWriter(buffer)
                do throws(FieldMQTTError) {
                    try packet.encode(into: &writer, version: .v5)
                    return nil
                } catch { return error }
            }
            #expect(error?.code == .bufferFull && error?.needed == 1)
            #expect(short.allSatisfy { $0 == 0xAA })
        }
    }

    @Test("encoder refuses what it cannot encode")
    func encoderRefuses() {
        let long = MQTTBytes([UInt8](repeating: 0x61, count: 65_536))
        #expect(throws: FieldMQTTError.self) {
            try Support.encode(.publish(Publish(topic: long, payload: [])), .v5).get()
        }
        let noID = Packet.publish(Publish(topic: "a", payload: [], qos: .atLeastOnce))
        #expect(throws: FieldMQTTError.self) { try Support.encode(noID, .v5).get() }
        #expect(throws: FieldMQTTError.self) {
            try Support.encode(.puback(PublishAcknowledgement(packetIdentifier: 0)), .v5).get()
        }
    }

    @Test("decoded packets borrow the input; owned() detaches them")
    func borrowing() throws {
        let bytes = Support.bytes("32100005672F612F7800037B2271223A317D")
        try bytes.withUnsafeBytes { raw in
            let result: Result<Packet, FieldMQTTError> = {
                do throws(FieldMQTTError) { return .success(try PacketDecoder(version: .v3_1_1).decode(raw)) } catch {
                    return .failure(error)
                }
            }()
            guard case .publish(let publish) = try result.get() else { Issue.record("not a PUBLISH"); return }
            #expect(publish.topic.isBorrowed && publish.payload.isBorrowed)
            #expect(publish.topic.string == "g/a/x")
            #expect(publish.payload.string == "{\"q\":1}")
            #expect(publish.packetIdentifier == 3 && publish.qos == .atLeastOnce)
            guard case .publish(let owned) = Packet.publish(publish).owned() else { return }
            #expect(!owned.topic.isBorrowed && owned == publish)
        }
    }
}
