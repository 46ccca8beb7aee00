import FieldCore
import FieldMQTT
import Testing

/// The PUBLISH fast paths (`PacketDecoder.decode` and `Packet.encode(into:version:)`) against the
/// general decoder (`FixedHeader.parse` + `decodeBody`) and an independent encoder written here
/// from the specification (MQTT 5.0 section 3.3).
@Suite("PUBLISH fast paths")
struct PublishFastPathTests {
    /// The general path: exactly what `decode` did before the fast path, step by step.
    static func generalDecode(_ bytes: [UInt8], _ options: DecodingOptions) -> Result<Packet, FieldMQTTError> {
        bytes.withUnsafeBytes { raw in
            do throws(FieldMQTTError) {
                switch try FixedHeader.parse(raw, options: options) {
                case .incomplete(let needed):
                    throw FieldMQTTError(.truncated, rule: "§2.1.4", at: raw.count, needed: needed)
                case .complete(let header):
                    if raw.count < header.packetLength {
                        throw FieldMQTTError(
                            .truncated, rule: "§2.1.4", at: raw.count, needed: header.packetLength - raw.count)
                    }
                    if raw.count > header.packetLength {
                        throw FieldMQTTError(
                            .trailingBytes, rule: "§2.1.4",
                            at: header.packetLength, count: raw.count - header.packetLength)
                    }
                    let body = UnsafeRawBufferPointer(rebasing: raw[header.headerLength...])
                    return .success(try PacketDecoder(options: options).decodeBody(header, body).owned())
                }
            } catch {
                return .failure(error)
            }
        }
    }

    /// A PUBLISH encoded by hand from the specification, independently of the library's encoder.
    static func referenceEncoding(_ publish: Publish, _ version: ProtocolVersion) -> [UInt8] {
        var body: [UInt8] = []
        body.append(UInt8(publish.topic.count >> 8))
        body.append(UInt8(publish.topic.count & 0xFF))
        body += publish.topic.array
        if publish.qos != .atMostOnce {
            let id = publish.packetIdentifier ?? 0
            body += [UInt8(id >> 8), UInt8(id & 0xFF)]
        }
        if version == .v5 {
            body += variableByteInteger(publish.properties.encodedCount)
            body += publish.properties.bytes.array
        }
        body += publish.payload.array
        var first: UInt8 = 0x30 | publish.qos.rawValue << 1
        if publish.duplicate { first |= 0x08 }
        if publish.retain { first |= 0x01 }
        return [first] + variableByteInteger(body.count) + body
    }

    static func variableByteInteger(_ value: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        var rest = value
        repeat {
            var byte = UInt8(rest % 128)
            rest /= 128
            if rest > 0 { byte += 128 }
            bytes.append(byte)
        } while rest > 0
        return bytes
    }

    /// A random PUBLISH: topics from 1 to 140 bytes (plain ASCII or with UTF-8), payloads up to 20,000
    /// bytes so the remaining length takes one to three bytes, every QoS and flag.
    static func randomPublish(
        _ rng: inout SplitMix64, _ random: inout RandomPackets, _ version: ProtocolVersion
    )
        -> Publish
    {
        let plain = Array("abcdefghijklmnopqrstuvwxyz0123456789/-_.$ ".utf8)
        let topic: MQTTBytes
        if Bool.random(using: &rng) {
            topic = MQTTBytes((0..<Int.random(in: 1...140, using: &rng)).map { _ in plain.randomElement(using: &rng)! })
        } else {
            topic = random.topic()
        }
        let payloadSizes = [0, 1, 64, 100, 127, 200, 4096, 20_000]
        let qos = QoS(rawValue: UInt8.random(in: 0...2, using: &rng))!
        var properties = Properties()
        if version == .v5 && Bool.random(using: &rng) {
            properties.append(.messageExpiryInterval(UInt32.random(in: 0...100_000, using: &rng)))
            if Bool.random(using: &rng) { properties.append(.contentType("application/json")) }
            if Bool.random(using: &rng) { properties.append(.topicAlias(UInt16.random(in: 1...9, using: &rng))) }
        }
        return Publish(
            topic: topic, payload: random.bytes(payloadSizes.randomElement(using: &rng)!), qos: qos,
            retain: Bool.random(using: &rng), duplicate: qos != .atMostOnce && Bool.random(using: &rng),
            packetIdentifier: qos == .atMostOnce ? nil : UInt16.random(in: 1...UInt16.max, using: &rng),
            properties: properties)
    }

    static func agree(_ bytes: [UInt8], _ options: DecodingOptions) -> Bool {
        let fast = Support.decode(bytes, options)
        let general = generalDecode(bytes, options)
        switch (fast, general) {
        case (.success(let a), .success(let b)): return a == b
        case (.failure(let a), .failure(let b)): return a == b
        default: return false
        }
    }

    @Test(
        "encoding a PUBLISH gives the reference bytes, and decodes as the general path does",
        arguments: ProtocolVersion.allCases)
    func encodeAndDecode(version: ProtocolVersion) throws {
        var rng = SplitMix64(seed: 0x5EED + UInt64(version.rawValue))
        var random = RandomPackets(seed: 0xFA57 + UInt64(version.rawValue))
        for _ in 0..<1500 {
            let publish = Self.randomPublish(&rng, &random, version)
            let bytes = try Support.encode(.publish(publish), version).get()
            #expect(bytes == Self.referenceEncoding(publish, version))
            for strict in [false, true] {
                for sender in [Sender.client, .server] {
                    let options = DecodingOptions(version: version, sender: sender, strictUTF8: strict)
                    #expect(Self.agree(bytes, options), "\(Hex.encode(bytes))")
                    guard case .success(.publish(let back)) = Support.decode(bytes, options) else {
                        Issue.record("not decoded: \(Hex.encode(bytes))")
                        continue
                    }
                    #expect(back == publish)
                }
            }
            // A size limit just below and at the packet's size.
            for limit in [bytes.count - 1, bytes.count] {
                #expect(Self.agree(bytes, DecodingOptions(version: version, maximumPacketSize: limit)))
            }
        }
    }

    @Test("every byte value at every topic position: fast and general paths agree", arguments: ProtocolVersion.allCases)
    func topicBytes(version: ProtocolVersion) {
        var mismatches = 0
        var accepted = 0
        for length in [1, 2, 7, 8, 9, 15, 16, 17, 31] {
            for position in 0..<length {
                for value in 0...255 {
                    var topic = [UInt8](repeating: 0x61, count: length)
                    topic[position] = UInt8(value)
                    let publish = Publish(
                        topic: MQTTBytes(topic), payload: [1, 2, 3], qos: .atLeastOnce, packetIdentifier: 9)
                    let bytes = Self.referenceEncoding(publish, version)
                    for strict in [false, true] {
                        let options = DecodingOptions(version: version, sender: .client, strictUTF8: strict)
                        if !Self.agree(bytes, options) { mismatches += 1 }
                        // The verdict of the public rule checks, applied directly (the topic starts
                        // at offset 4: two header bytes, two length bytes).
                        let expected: FieldMQTTError? = topic.withUnsafeBytes { raw in
                            do throws(FieldMQTTError) {
                                try UTF8Validation.validate(raw, strict: strict, offset: 4)
                                try TopicRules.validateName(raw, allowEmpty: version == .v5, offset: 4)
                                return nil
                            } catch {
                                return error
                            }
                        }
                        switch Support.decode(bytes, options) {
                        case .success:
                            accepted += 1
                            if expected != nil { mismatches += 1 }
                        case .failure(let error):
                            if expected != error { mismatches += 1 }
                        }
                    }
                }
            }
        }
        #expect(mismatches == 0)
        // Plain printable ASCII other than '+' and '#' is accepted in both modes; the rest of the
        // ASCII controls only when not strict. The count guards against a check that rejects all.
        #expect(accepted > 0)
    }

    @Test(
        "mutated PUBLISH packets: fast and general paths give the same packet or the same error",
        arguments: ProtocolVersion.allCases)
    func mutations(version: ProtocolVersion) throws {
        var rng = SplitMix64(seed: 0xB17F11B + UInt64(version.rawValue))
        var random = RandomPackets(seed: 0xD00D + UInt64(version.rawValue))
        var rejected = 0
        for _ in 0..<4000 {
            let publish = Self.randomPublish(&rng, &random, version)
            var bytes = try Support.encode(.publish(publish), version).get()
            switch Int.random(in: 0...4, using: &rng) {
            case 0: bytes[0] = UInt8.random(in: 0x30...0x3F, using: &rng)
            case 1:
                let i = Int.random(in: 0..<min(bytes.count, 48), using: &rng)
                bytes[i] = UInt8.random(in: 0...255, using: &rng)
            case 2: bytes.removeLast(Int.random(in: 1...min(bytes.count, 8), using: &rng))
            case 3: bytes.append(UInt8.random(in: 0...255, using: &rng))
            default:
                let i = Int.random(in: 0..<min(bytes.count, 48), using: &rng)
                bytes[i] ^= 1 << UInt8.random(in: 0...7, using: &rng)
            }
            for strict in [false, true] {
                let options = DecodingOptions(version: version, sender: .server, strictUTF8: strict)
                #expect(Self.agree(bytes, options), "\(Hex.encode(bytes))")
                if case .failure = Support.decode(bytes, options) { rejected += 1 }
            }
        }
        #expect(rejected > 0)
    }

    @Test("encoding a PUBLISH into a short buffer fails untouched, as the general rules say")
    func shortBuffer() throws {
        let publish = Publish(
            topic: "sensors/site-042/meter-17/energ", payload: MQTTBytes([UInt8](repeating: 0x5A, count: 64)),
            qos: .atLeastOnce, packetIdentifier: 7)
        let expected = Self.referenceEncoding(publish, .v3_1_1)
        for size in [0, 1, expected.count - 1, expected.count] {
            var storage = [UInt8](repeating: 0xEE, count: size)
            let outcome: Result<Int, FieldMQTTError> = storage.withUnsafeMutableBytes { buffer in
                var writer = ByteWriter(buffer)
                do throws(FieldMQTTError) {
                    try Packet.publish(publish).encode(into: &writer, version: .v3_1_1)
                    return .success(writer.count)
                } catch {
                    return .failure(error)
                }
            }
            if size < expected.count {
                guard case .failure(let error) = outcome, error.code == .bufferFull, let needed = error.needed else {
                    Issue.record("size \(size): \(outcome)")
                    continue
                }
                #expect(needed == expected.count - size)
                #expect(storage.allSatisfy { $0 == 0xEE })
            } else {
                #expect(storage == expected)
            }
        }
        // QoS 1 without a packet identifier: refused, nothing written.
        let missing = Publish(topic: "a/b", payload: [1], qos: .atLeastOnce)
        guard case .failure(let error) = Support.encode(.publish(missing), .v5), error.code == .packetIdentifierZero
        else {
            Issue.record("a QoS 1 PUBLISH without identifier was encoded")
            return
        }
        #expect(error.offset == 1 + 1 + 2 + 3)
    }
}

@Suite("UTF-8 validation against the standard library")
struct UTF8ValidationReferenceTests {
    /// MQTT's verdict computed from the standard library's UTF-8 decoder: well-formed, no U+0000,
    /// and (strict) none of the SHOULD NOT code points, which are listed here from the specification.
    static func reference(_ bytes: [UInt8], strict: Bool) -> Bool {
        guard let string = String(validating: bytes, as: UTF8.self) else { return false }
        for scalar in string.unicodeScalars {
            let v = scalar.value
            if v == 0 { return false }
            if strict {
                if (0x01...0x1F).contains(v) || (0x7F...0x9F).contains(v) || (0xFDD0...0xFDEF).contains(v)
                    || v & 0xFFFE == 0xFFFE
                {
                    return false
                }
            }
        }
        return true
    }

    @Test("random mostly-ASCII strings with a damaged or multi-byte tail")
    func randomStrings() {
        var rng = SplitMix64(seed: 0x07F8)
        let specials: [[UInt8]] = [
            [0x00], [0x1F], [0x7F], [0x80], [0xC2, 0x80], [0xC3, 0xA9], [0xE2, 0x82, 0xAC], [0xED, 0xA0, 0x80],
            [0xEF, 0xBF, 0xBF], [0xF0, 0x9F, 0x98, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC0, 0xAF], [0xE0, 0x80],
            [0xFF],
        ]
        var disagreements = 0
        var rejected = 0
        for _ in 0..<20_000 {
            var bytes = (0..<Int.random(in: 0...40, using: &rng)).map { _ in UInt8.random(in: 0x20...0x7E, using: &rng)
            }
            if Bool.random(using: &rng) {
                let special = specials.randomElement(using: &rng)!
                let at = Int.random(in: 0...bytes.count, using: &rng)
                bytes.insert(contentsOf: special, at: at)
            }
            for strict in [false, true] {
                let valid = bytes.withUnsafeBytes { raw in
                    do throws(FieldMQTTError) {
                        try UTF8Validation.validate(raw, strict: strict, offset: 0)
                        return true
                    } catch {
                        return false
                    }
                }
                if valid != Self.reference(bytes, strict: strict) { disagreements += 1 }
                if !valid { rejected += 1 }
            }
        }
        #expect(disagreements == 0)
        #expect(rejected > 0)
    }
}

@Suite("Response Topic property checks")
struct ResponseTopicTests {
    @Test("a Response Topic gets the verdict of the UTF-8 and topic name rules, at its offset")
    func responseTopic() {
        let values: [[UInt8]] = [
            [], [0xFF], [0x61, 0x00], [0x61, 0x2B], [0x23], [0xC3, 0xA9, 0x2F, 0x62], [0xED, 0xA0, 0x80],
            [0x61, 0x1F], Array("reply/meter-17/with/a/longer/name".utf8), Array("reply/meter-17/+/x".utf8),
        ]
        for value in values {
            // PUBLISH, topic "a", property block: Response Topic (0x08) with `value`.
            let properties: [UInt8] = [0x08, 0x00, UInt8(value.count)] + value
            let body: [UInt8] = [0x00, 0x01, 0x61, UInt8(properties.count)] + properties
            let bytes: [UInt8] = [0x30, UInt8(body.count)] + body
            for strict in [false, true] {
                // The value starts at 9: 2 header bytes, 3 topic bytes, 1 property length, 1 identifier,
                // 2 length bytes.
                let expected: FieldMQTTError? = value.withUnsafeBytes { raw in
                    do throws(FieldMQTTError) {
                        try UTF8Validation.validate(raw, strict: strict, offset: 9)
                        try TopicRules.validateName(raw, offset: 9)
                        return nil
                    } catch {
                        return error
                    }
                }
                let options = DecodingOptions(version: .v5, sender: .server, strictUTF8: strict)
                switch Support.decode(bytes, options) {
                case .success: #expect(expected == nil, "\(value)")
                case .failure(let error): #expect(expected == error, "\(value)")
                }
            }
        }
    }
}
