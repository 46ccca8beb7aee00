/// Slicing-by-8 lookup tables for a reflected 32-bit CRC, and the update loop that uses them.
@usableFromInline
internal struct CRCTables: Sendable {
    /// Eight 256-entry tables, stored one after the other (2,048 entries).
    @usableFromInline
    internal let table: [UInt32]

    @usableFromInline
    internal static let castagnoli = CRCTables(reflectedPolynomial: 0x82F6_3B78)
    @usableFromInline
    internal static let ieee = CRCTables(reflectedPolynomial: 0xEDB8_8320)

    /// The tables for a polynomial: the two built-in ones are computed once; any other is built on
    /// each call (no polynomial but Castagnoli and IEEE is used in FieldKit).
    @inlinable
    internal static func tables(for reflectedPolynomial: UInt32) -> CRCTables {
        switch reflectedPolynomial {
        case 0x82F6_3B78: castagnoli
        case 0xEDB8_8320: ieee
        default: CRCTables(reflectedPolynomial: reflectedPolynomial)
        }
    }

    @usableFromInline
    internal init(reflectedPolynomial poly: UInt32) {
        var table = [UInt32](repeating: 0, count: 8 * 256)
        for byte in 0..<256 {
            var crc = UInt32(byte)
            for _ in 0..<8 {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ poly : crc >> 1
            }
            table[byte] = crc
        }
        for slice in 1..<8 {
            for byte in 0..<256 {
                let previous = table[(slice - 1) * 256 + byte]
                table[slice * 256 + byte] = (previous >> 8) ^ table[Int(previous & 0xFF)]
            }
        }
        self.table = table
    }

    /// Advances a raw (pre-inverted) CRC state over `bytes`.
    @inlinable
    internal func update(_ state: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard var p = bytes.baseAddress, bytes.count > 0 else { return state }
        var crc = state
        var remaining = bytes.count
        return table.withUnsafeBufferPointer { t -> UInt32 in
            let t = t.baseAddress!
            while remaining >= 8 {
                let lo = p.loadUnaligned(as: UInt32.self).littleEndian ^ crc
                let hi = p.loadUnaligned(fromByteOffset: 4, as: UInt32.self).littleEndian
                crc =
                    t[0x700 + Int(lo & 0xFF)] ^ t[0x600 + Int((lo >> 8) & 0xFF)]
                    ^ t[0x500 + Int((lo >> 16) & 0xFF)] ^ t[0x400 + Int(lo >> 24)]
                    ^ t[0x300 + Int(hi & 0xFF)] ^ t[0x200 + Int((hi >> 8) & 0xFF)]
                    ^ t[0x100 + Int((hi >> 16) & 0xFF)] ^ t[Int(hi >> 24)]
                p += 8
                remaining -= 8
            }
            while remaining > 0 {
                crc = (crc >> 8) ^ t[Int((crc ^ UInt32(p.load(as: UInt8.self))) & 0xFF)]
                p += 1
                remaining -= 1
            }
            return crc
        }
    }
}
