import FieldCore
import Testing

@Suite("Variable-length integers and ZigZag")
struct VarIntTests {
    func decodeLEB(_ bytes: [UInt8]) throws(FieldCoreError) -> UInt64 {
        try ByteReader.read(bytes) { (reader: inout ByteReader) throws(FieldCoreError) in
            let value = try reader.readLEB128()
            #expect(reader.isAtEnd)
            return value
        }
    }

    func decodeSignedLEB(_ bytes: [UInt8]) throws(FieldCoreError) -> Int64 {
        try ByteReader.read(bytes) { (reader: inout ByteReader) throws(FieldCoreError) in try reader.readSignedLEB128()
        }
    }

    func decodeVBI(_ bytes: [UInt8]) throws(FieldCoreError) -> UInt32 {
        try ByteReader.read(bytes) { (reader: inout ByteReader) throws(FieldCoreError) in
            try reader.readVariableByteInteger()
        }
    }

    @Test("LEB128 known encodings")
    func lebKnown() throws {
        #expect(try decodeLEB([0x00]) == 0)
        #expect(try decodeLEB([0x7F]) == 127)
        #expect(try decodeLEB([0xE5, 0x8E, 0x26]) == 624_485)
        #expect(try decodeLEB([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]) == UInt64.max)
        #expect(try decodeSignedLEB([0xC0, 0xBB, 0x78]) == -123_456)
        #expect(try decodeSignedLEB([0x7F]) == -1)
        #expect(try decodeSignedLEB([0x80, 0x7F]) == -128)
        var out: [UInt8] = []
        VarInt.appendLEB128(624_485, to: &out)
        #expect(out == [0xE5, 0x8E, 0x26])
    }

    @Test("LEB128 rejects non-minimal, over-long, overflowing and truncated input")
    func lebRejects() {
        #expect(throws: FieldCoreError(.varIntNotMinimal, at: 0)) { try decodeLEB([0x80, 0x00]) }
        #expect(throws: FieldCoreError(.varIntNotMinimal, at: 0)) { try decodeSignedLEB([0xFF, 0x7F]) }
        #expect(throws: FieldCoreError(.varIntNotMinimal, at: 0)) { try decodeSignedLEB([0x80, 0x00]) }
        #expect(throws: FieldCoreError(.varIntOverflow, at: 0)) {
            try decodeLEB([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02])
        }
        #expect(throws: FieldCoreError(.varIntTooLong, at: 0)) {
            try decodeLEB([UInt8](repeating: 0x80, count: 10) + [0x01])
        }
        #expect(throws: FieldCoreError(.truncated, at: 2, needed: 1)) { try decodeLEB([0x80, 0x80]) }
    }

    @Test("MQTT variable byte integer boundaries (MQTT 5.0 table 1-1)")
    func vbiBoundaries() throws {
        let cases: [(UInt32, [UInt8])] = [
            (0, [0x00]), (127, [0x7F]), (128, [0x80, 0x01]), (16_383, [0xFF, 0x7F]),
            (16_384, [0x80, 0x80, 0x01]), (2_097_151, [0xFF, 0xFF, 0x7F]),
            (2_097_152, [0x80, 0x80, 0x80, 0x01]), (268_435_455, [0xFF, 0xFF, 0xFF, 0x7F]),
        ]
        for (value, bytes) in cases {
            var out: [UInt8] = []
            try VarInt.appendVariableByteInteger(value, to: &out)
            #expect(out == bytes)
            #expect(try decodeVBI(bytes) == value)
            #expect(VarInt.variableByteIntegerByteCount(value) == bytes.count)
        }
        #expect(throws: FieldCoreError(.varIntTooLong, at: 0, rule: "MQTT 5.0 §1.5.5")) {
            try decodeVBI([0xFF, 0xFF, 0xFF, 0xFF, 0x01])
        }
        #expect(throws: FieldCoreError(.varIntNotMinimal, at: 0, rule: "MQTT-1.5.5-1")) { try decodeVBI([0x80, 0x00]) }
        #expect(throws: FieldCoreError(.varIntNotMinimal, at: 0, rule: "MQTT-1.5.5-1")) {
            try decodeVBI([0xFF, 0x80, 0x00])
        }
        var out: [UInt8] = []
        #expect(throws: FieldCoreError(.valueOutOfRange, at: 0)) {
            try VarInt.appendVariableByteInteger(268_435_456, to: &out)
        }
    }

    @Test("random round trips: LEB128, signed LEB128, VBI, ZigZag", arguments: 0..<20)
    func roundTrips(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        for _ in 0..<200 {
            let bits = Int.random(in: 0...64, using: &rng)
            let u = bits == 64 ? rng.next() : rng.next() & ((1 << UInt64(bits)) - 1)
            var bytes: [UInt8] = []
            VarInt.appendLEB128(u, to: &bytes)
            #expect(bytes.count == VarInt.lebByteCount(u))
            #expect(try decodeLEB(bytes) == u)

            let s = Int64(bitPattern: u) >> Int64.random(in: 0...63, using: &rng)
            bytes = []
            VarInt.appendSignedLEB128(s, to: &bytes)
            #expect(try decodeSignedLEB(bytes) == s)
            #expect(ZigZag.decode(ZigZag.encode(s)) == s)
            let s32 = Int32(truncatingIfNeeded: s)
            #expect(ZigZag.decode(ZigZag.encode(s32)) == s32)

            let v = UInt32(truncatingIfNeeded: u) % (VarInt.maxVariableByteInteger + 1)
            bytes = []
            try VarInt.appendVariableByteInteger(v, to: &bytes)
            #expect(try decodeVBI(bytes) == v)
        }
        #expect(ZigZag.encode(Int64(-1)) == 1)
        #expect(ZigZag.encode(Int64(1)) == 2)
        #expect(ZigZag.encode(Int64.min) == UInt64.max)
    }

    @Test("a writer into a caller buffer and the array form agree, and a full buffer is an error")
    func writerAgrees() throws {
        var storage = [UInt8](repeating: 0, count: 16)
        let count = try storage.withUnsafeMutableBytes {
            (raw: UnsafeMutableRawBufferPointer) throws(FieldCoreError) -> Int in
            var writer = ByteWriter(raw)
            try writer.writeUInt8(0x30)
            try writer.writeVariableByteInteger(321)
            try writer.writeLEB128(300)
            try writer.writeInteger(UInt16(0xBEEF))
            try writer.writeInteger(UInt32(0x0102_0304), endianness: .little)
            return writer.count
        }
        var expected: [UInt8] = [0x30]
        try VarInt.appendVariableByteInteger(321, to: &expected)
        VarInt.appendLEB128(300, to: &expected)
        expected.appendInteger(UInt16(0xBEEF))
        expected.appendInteger(UInt32(0x0102_0304), endianness: .little)
        #expect(Array(storage[..<count]) == expected)

        var tiny = [UInt8](repeating: 0, count: 3)
        let failure: FieldCoreError? = tiny.withUnsafeMutableBytes { raw in
            var writer = ByteWriter(raw)
            do throws(FieldCoreError) {
                try writer.writeInteger(UInt32(7))
                return nil
            } catch {
                return error
            }
        }
        #expect(failure == FieldCoreError(.bufferFull, at: 0, needed: 1))
    }
}
