import FieldCore
import Testing

@Suite("CRC-32C and CRC-32")
struct ChecksumTests {
    /// Bit-at-a-time reference implementation, independent of the table-driven one.
    static func bitwiseCRC(_ bytes: [UInt8], poly: UInt32) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ poly : crc >> 1 }
        }
        return ~crc
    }

    @Test("RFC 3720 B.4 vectors")
    func rfc3720() {
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
        #expect(CRC32C.checksum((0..<32).reversed().map { UInt8($0) }) == 0x113F_DB5C)
        let pdu: [UInt8] = [
            0x01, 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
            0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x18,
            0x28, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        ]
        #expect(CRC32C.checksum(pdu) == 0xD996_3A56)
    }

    @Test("check values for \"123456789\"")
    func checkValues() {
        let text = Array("123456789".utf8)
        #expect(CRC32C.checksum(text) == 0xE306_9283)
        #expect(CRC32.checksum(text) == 0xCBF4_3926)
        #expect(CRC32C.checksum([UInt8]()) == 0)
        #expect(CRC32.checksum([UInt8]()) == 0)
    }

    @Test("table-driven equals bitwise on random inputs, split anywhere", arguments: 0..<40)
    func randomAgreement(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let length = Int.random(in: 0..<700, using: &rng)
        let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let split = Int.random(in: 0...length, using: &rng)
        var c = CRC32C()
        c.update(bytes[..<split])
        c.update(bytes[split...])
        #expect(c.value == Self.bitwiseCRC(bytes, poly: 0x82F6_3B78))
        var i = CRC32()
        i.update(bytes[..<split])
        i.update(bytes[split...])
        #expect(i.value == Self.bitwiseCRC(bytes, poly: 0xEDB8_8320))
        #expect(CRC32C.checksum(bytes) == c.value)
    }
}
