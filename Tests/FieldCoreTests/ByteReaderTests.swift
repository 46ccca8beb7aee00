import FieldCore
import Testing

@Suite("ByteReader")
struct ByteReaderTests {
    @Test("reads integers in both byte orders and borrows views")
    func reads() throws {
        let bytes: [UInt8] = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09]
        try ByteReader.read(bytes) { (r: inout ByteReader) throws(FieldCoreError) in
            #expect(try r.readUInt8() == 0x01)
            #expect(try r.readUInt16() == 0x0203)
            #expect(try r.readInteger(UInt16.self, endianness: .little) == 0x0504)
            #expect(r.peekUInt8() == 0x06)
            var sub = try r.readReader(count: 2)
            #expect(sub.offset == 5)
            #expect(try sub.readUInt16() == 0x0607)
            #expect(throws: FieldCoreError(.truncated, at: 7, needed: 1)) { try sub.readUInt8() }
            #expect(Array(try r.readBytes(count: 2)) == [0x08, 0x09])
            #expect(r.isAtEnd)
            #expect(r.peekUInt8() == nil)
        }
    }

    @Test("never reads past the end, whatever is asked", arguments: 0..<25)
    func neverPastEnd(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let bytes = (0..<Int.random(in: 0..<24, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let operations = (0..<40).map { _ in
            (Int.random(in: 0..<6, using: &rng), Int.random(in: -2..<10, using: &rng))
        }
        bytes.withUnsafeBytes { raw in
            var r = ByteReader(raw)
            for (operation, count) in operations {
                let result = Self.apply(operation, count: count, to: &r)
                if case .failure(let error) = result, error.code == .truncated {
                    #expect((error.needed ?? 0) > 0)
                }
                #expect(r.position <= bytes.count)
            }
        }
    }

    static func apply(_ operation: Int, count: Int, to r: inout ByteReader) -> Result<Void, FieldCoreError> {
        do throws(FieldCoreError) {
            switch operation {
            case 0: _ = try r.readUInt8()
            case 1: _ = try r.readUInt32()
            case 2: _ = try r.readInteger(UInt64.self, endianness: .little)
            case 3: _ = try r.readBytes(count: count)
            case 4: _ = try r.readLEB128()
            default: try r.skip(max(0, count))
            }
            return .success(())
        } catch {
            return .failure(error)
        }
    }

    @Test("hex encodes and decodes strictly")
    func hex() {
        #expect(Hex.encode([0x00, 0xAB, 0xFF]) == "00abff")
        #expect(Hex.decode("00ABff") == [0x00, 0xAB, 0xFF])
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
    }

    @Test("backoff is bounded, grows, and is full-jitter")
    func backoff() {
        var backoff = Backoff(base: .milliseconds(100), cap: .seconds(5))
        var rng = SplitMix64(seed: 7)
        var maxima: [Int64] = []
        for attempt in 0..<10 {
            #expect(backoff.ceiling(forAttempt: attempt).wholeMilliseconds == min(5_000, 100 << Int64(attempt)))
            var highest: Int64 = 0
            for _ in 0..<200 {
                var copy = backoff
                let d = copy.nextDelay(using: &rng).wholeMilliseconds
                #expect(d >= 0 && d <= backoff.ceiling(forAttempt: attempt).wholeMilliseconds)
                highest = max(highest, d)
            }
            maxima.append(highest)
            _ = backoff.nextDelay(using: &rng)
        }
        #expect(maxima.last! > 4_000)
        #expect(backoff.ceiling(forAttempt: 1_000) == .seconds(5))
        backoff.reset()
        #expect(backoff.attempt == 0)
    }
}
