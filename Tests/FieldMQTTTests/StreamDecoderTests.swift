import FieldCore
import FieldMQTT
import Testing

@Suite("Streaming decoder")
struct StreamDecoderTests {
    /// Feeds `stream` in chunks of the sizes `chunk` returns; collects owned packets and skips.
    static func run(
        _ stream: [UInt8], options: DecodingOptions, policy: StreamDecoder.OversizedPolicy = .fail,
        chunk: (inout SplitMix64) -> Int, seed: UInt64 = 1
    ) -> (packets: [Packet], skipped: Int, error: FieldMQTTError?, maxBuffered: Int) {
        var decoder = StreamDecoder(options: options, oversizedPolicy: policy)
        var rng = SplitMix64(seed: seed)
        var packets: [Packet] = []
        var skipped = 0
        var maxBuffered = 0
        var start = 0
        while start < stream.count {
            let end = min(stream.count, start + max(1, chunk(&rng)))
            let slice = Array(stream[start..<end])
            start = end
            let failure: FieldMQTTError? = slice.withUnsafeBytes { raw in
                var input = raw
                while true {
                    do throws(FieldMQTTError) {
                        switch try decoder.next(from: &input) {
                        case .packet(let packet): packets.append(packet.owned())
                        case .skipped: skipped += 1
                        case .needMoreBytes(let n):
                            #expect(n >= 1)
                            #expect(input.isEmpty)
                            return nil
                        }
                    } catch {
                        return error
                    }
                    maxBuffered = max(maxBuffered, decoder.bufferCapacity)
                    if input.isEmpty { return nil }
                }
            }
            maxBuffered = max(maxBuffered, decoder.bufferCapacity)
            if let failure { return (packets, skipped, failure, maxBuffered) }
        }
        return (packets, skipped, nil, maxBuffered)
    }

    static func randomStream(seed: UInt64, count: Int) throws -> ([Packet], [UInt8]) {
        var random = RandomPackets(seed: seed)
        var packets: [Packet] = []
        var stream: [UInt8] = []
        for _ in 0..<count {
            let packet = random.packet(.v5)
            try packet.encode(appendingTo: &stream, version: .v5)
            packets.append(packet)
        }
        return (packets, stream)
    }

    @Test("byte at a time yields the same packets")
    func byteAtATime() throws {
        let (packets, stream) = try Self.randomStream(seed: 7, count: 300)
        let result = Self.run(stream, options: DecodingOptions(version: .v5)) { _ in 1 }
        #expect(result.error == nil)
        let same = result.packets == packets
        #expect(same)
    }

    @Test("random chunks yield the same packets", arguments: 0..<20)
    func randomChunks(seed: UInt64) throws {
        let (packets, stream) = try Self.randomStream(seed: 100 + seed, count: 200)
        let result = Self.run(
            stream, options: DecodingOptions(version: .v5), chunk: { Int.random(in: 1...700, using: &$0) }, seed: seed)
        #expect(result.error == nil)
        let same = result.packets == packets
        #expect(same)
    }

    @Test("one chunk holding everything decodes in place without buffering")
    func wholeInput() throws {
        let (packets, stream) = try Self.randomStream(seed: 3, count: 100)
        let result = Self.run(stream, options: DecodingOptions(version: .v5)) { _ in Int.max / 2 }
        let same = result.packets == packets
        #expect(same)
        #expect(result.maxBuffered == 0)
    }

    @Test("oversized packets: fail stops the stream, skip drops exactly them", arguments: [1, 3, 64])
    func oversized(chunkSize: Int) throws {
        var stream: [UInt8] = []
        var expected: [Packet] = []
        for i in 0..<30 {
            let size = i % 3 == 0 ? 600 : 10
            let packet = Packet.publish(
                Publish(topic: MQTTBytes("t/\(i)"), payload: MQTTBytes([UInt8](repeating: UInt8(i), count: size))))
            try packet.encode(appendingTo: &stream, version: .v5)
            if size < 100 { expected.append(packet) }
        }
        let options = DecodingOptions(version: .v5, maximumPacketSize: 128)
        let skip = Self.run(stream, options: options, policy: .skip) { _ in chunkSize }
        #expect(skip.error == nil)
        let same = skip.packets == expected
        #expect(same)
        #expect(skip.skipped == 10)
        #expect(skip.maxBuffered <= 128)
        let fail = Self.run(stream, options: options, policy: .fail) { _ in chunkSize }
        #expect(fail.error?.code == .packetTooLarge && fail.error?.size == 609 && fail.error?.limit == 128)
        #expect(fail.error?.reasonCode == .packetTooLarge)
        #expect(fail.packets.isEmpty)
    }

    @Test("a bad fixed header is sticky; a bad body is consumed")
    func errors() {
        var decoder = StreamDecoder(options: DecodingOptions(version: .v3_1_1))
        let bad = Support.bytes("4003000100" + "C000")  // PUBACK too long, then PINGREQ
        var events: [String] = []
        bad.withUnsafeBytes { raw in
            var input = raw
            for _ in 0..<3 {
                do throws(FieldMQTTError) {
                    switch try decoder.next(from: &input) {
                    case .packet(let p): events.append("\(p.type)")
                    case .needMoreBytes: events.append("more")
                    case .skipped: events.append("skipped")
                    }
                } catch { events.append("error") }
            }
        }
        #expect(events == ["error", "pingreq", "more"])
        var sticky = StreamDecoder(options: DecodingOptions(version: .v3_1_1))
        let header = Support.bytes("4F020001C000")
        let results: [Bool] = header.withUnsafeBytes { raw in
            var input = raw
            return (0..<2).map { _ in
                do throws(FieldMQTTError) { _ = try sticky.next(from: &input); return true } catch { return false }
            }
        }
        #expect(results == [false, false])
    }
}
