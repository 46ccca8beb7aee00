import FieldClock
import FieldCore
import Testing

@Suite("HybridTimestamp encodings")
struct HybridTimestampTests {
    @Test("packed, text and binary forms match the Python oracle")
    func encodingsMatchOracle() throws {
        let lines = try Fixtures.lines("encodings.jsonl")
        #expect(lines.count > 200)
        for line in lines {
            let l = try #require(line.integerField("l"))
            let c = try #require(line.integerField("c"))
            let node = try #require(line.integerField("node"))
            let stamp = HybridTimestamp(physical: l, logical: UInt16(c), node: node)
            #expect(stamp.packed == line.integerField("packed"), "\(line)")
            #expect(stamp.text == line.stringField("text"), "\(line)")
            #expect(hexString(stamp.binary) == line.stringField("binary"), "\(line)")
            #expect(try HybridTimestamp(text: stamp.text) == stamp)
            #expect(try HybridTimestamp(binary: hexBytes(try #require(line.stringField("binary")))) == stamp)
            #expect(HybridTimestamp(packed: stamp.packed, node: node) == stamp)
            #expect(stamp.physical == l && UInt64(stamp.logical) == c)
        }
    }

    @Test("unsigned order of packed, byte order of text and binary all equal timestamp order")
    func ordersAgree() throws {
        var rng = SplitMix64(seed: 0xC10C)
        var stamps: [HybridTimestamp] = []
        for _ in 0..<2_000 {
            // Cluster values so ties on physical and on counter are common.
            let physical = [
                UInt64.random(in: 0...HybridTimestamp.maxPhysical, using: &rng),
                UInt64.random(in: 1_000...1_003, using: &rng),
                HybridTimestamp.maxPhysical - UInt64.random(in: 0...2, using: &rng),
            ][Int(rng.next() % 3)]
            let logical = [
                UInt16.random(in: 0...UInt16.max, using: &rng),
                UInt16.random(in: 0...2, using: &rng),
            ][Int(rng.next() % 2)]
            let node = [UInt64.random(in: 0...UInt64.max, using: &rng), UInt64.random(in: 0...3, using: &rng)][
                Int(rng.next() % 2)]
            stamps.append(HybridTimestamp(physical: physical, logical: logical, node: node))
        }
        for index in stride(from: 0, to: stamps.count - 1, by: 1) {
            let a = stamps[index], b = stamps[index + 1]
            let byTuple = (a.physical, a.logical, a.node) < (b.physical, b.logical, b.node)
            #expect((a < b) == byTuple)
            #expect((a.packed < b.packed) == ((a.physical, a.logical) < (b.physical, b.logical)))
            #expect((a.text < b.text) == (a < b))
            #expect(a.text.utf8.count == HybridTimestamp.textLength)
            if a.node == b.node {
                #expect(a.binary.lexicographicallyPrecedes(b.binary) == (a < b))
            }
        }
        // The text form keeps sorting past the year 10000 (253402300800000 ms).
        let y9999 = HybridTimestamp(physical: 253_402_300_799_999, logical: 65_535, node: .max)
        let y10000 = HybridTimestamp(physical: 253_402_300_800_000, logical: 0, node: 0)
        #expect(y9999.text < y10000.text)
        #expect(y10000.text < HybridTimestamp(physical: HybridTimestamp.maxPhysical, logical: 0, node: 0).text)
    }

    @Test("validating initializer refuses physical times beyond 48 bits")
    func validatingInit() {
        #expect(throws: FieldClockError.physicalTimeOutOfRange(.milliseconds(1 << 48))) {
            try HybridTimestamp(validatingPhysical: 1 << 48, logical: 0, node: 0)
        }
        #expect(
            (try? HybridTimestamp(validatingPhysical: HybridTimestamp.maxPhysical, logical: 9, node: 1))?.logical == 9)
    }

    @Test("text parser names the offending offset for every corruption")
    func malformedText() {
        let good = HybridTimestamp(physical: 1_700_000_000_123, logical: 42, node: 0xDEAD_BEEF).text
        #expect(throws: FieldClockError.malformedText(offset: 37)) {
            try HybridTimestamp(text: String(good.dropLast()))
        }
        #expect(throws: FieldClockError.malformedText(offset: 38)) { try HybridTimestamp(text: good + "0") }
        #expect(throws: FieldClockError.malformedText(offset: 0)) { try HybridTimestamp(text: "") }
        let bytes = Array(good.utf8)
        for offset in 0..<bytes.count {
            for replacement: UInt8 in [0x2F, 0x3A, 0x41, 0x67, 0x2D, 0x20, 0xFF] where replacement != bytes[offset] {
                var corrupted = bytes
                corrupted[offset] = replacement
                let result: Result<HybridTimestamp, FieldClockError> = corrupted.withUnsafeBytes { raw in
                    do throws(FieldClockError) { return .success(try HybridTimestamp(textBytes: raw)) } catch {
                        return .failure(error)
                    }
                }
                // A dash is valid only at 15 and 21; uppercase hex is invalid everywhere.
                #expect(result == .failure(.malformedText(offset: offset)), "offset \(offset) byte \(replacement)")
            }
        }
        // Counter field above 65535 and milliseconds above 48 bits.
        #expect(throws: FieldClockError.malformedText(offset: 16)) {
            try HybridTimestamp(text: "000000000001000-65536-0000000000000000")
        }
        #expect(throws: FieldClockError.physicalTimeOutOfRange(.milliseconds(999_999_999_999_999))) {
            try HybridTimestamp(text: "999999999999999-00000-0000000000000000")
        }
    }

    @Test("binary decoder: truncation at every length, bad node ids, trailing bytes")
    func malformedBinary() throws {
        let stamp = HybridTimestamp(physical: 1_700_000_000_000, logical: 7, node: 300)
        let bytes = stamp.binary
        #expect(bytes.count == 10)
        for length in 0..<bytes.count {
            let result = Result { () throws(FieldClockError) in try HybridTimestamp(binary: Array(bytes[0..<length])) }
            guard case .failure(let error) = result, error.code == .truncated,
                let offset = error.offset, let needed = error.needed
            else {
                Issue.record("length \(length): \(result)")
                continue
            }
            #expect(length < 8 ? (offset == 0 && needed == 8 - length) : (offset == length && needed == 1))
        }
        #expect(throws: FieldClockError.trailingBytes(offset: 10)) { try HybridTimestamp(binary: bytes + [0]) }
        // Non-minimal LEB128 (a trailing zero group) and an over-long one.
        let header = Array(bytes[0..<8])
        #expect(throws: FieldClockError.malformedNodeID(offset: 8)) {
            try HybridTimestamp(binary: header + [0x81, 0x00])
        }
        #expect(throws: FieldClockError.malformedNodeID(offset: 8)) {
            try HybridTimestamp(binary: header + [UInt8](repeating: 0xFF, count: 10) + [0x01])
        }
        // A stream of timestamps read back with the ByteReader extension, offsets from the base.
        var stream: [UInt8] = []
        let stamps = (0..<50).map {
            HybridTimestamp(physical: UInt64($0) * 977, logical: UInt16($0), node: UInt64($0) << ($0 % 60))
        }
        for s in stamps { s.appendBinary(to: &stream) }
        let decoded: [HybridTimestamp] = try ByteReader.read(stream) { reader throws(FieldClockError) in
            var out: [HybridTimestamp] = []
            while !reader.isAtEnd { out.append(try reader.readHybridTimestamp()) }
            return out
        }
        #expect(decoded == stamps)
    }

    @Test("random byte strings never crash the decoders")
    func fuzzDecoders() {
        var rng = SplitMix64(seed: 77)
        for _ in 0..<20_000 {
            let length = Int(rng.next() % 24)
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
            if let stamp = try? HybridTimestamp(binary: bytes) {
                #expect(stamp.binary == bytes)
            }
            let textBytes = (0..<HybridTimestamp.textLength).map { _ in
                [0x30, 0x31, 0x39, 0x2D, 0x61, 0x66][Int(rng.next() % 6)] as UInt8
            }
            let parsed: HybridTimestamp? = textBytes.withUnsafeBytes { try? HybridTimestamp(textBytes: $0) }
            if let parsed { #expect(Array(parsed.text.utf8) == textBytes) }
        }
    }
}
