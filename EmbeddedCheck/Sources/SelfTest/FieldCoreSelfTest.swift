import FieldCore

/// FieldCore under Embedded Swift: published vectors for the checksums and SHA-256, varints.
func runFieldCoreSelfTest(_ check: inout Checker) {
    check.begin("FieldCore")
    let digits: [UInt8] = [0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39]
    check.expect(CRC32C.checksum(digits) == 0xE306_9283, "CRC-32C check value")
    check.expect(CRC32.checksum(digits) == 0xCBF4_3926, "CRC-32 check value")
    check.expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43, "CRC-32C RFC 3720 ones")

    let abc = SHA256.hash([0x61, 0x62, 0x63] as [UInt8])
    check.expect(
        abc.hexString == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "SHA-256 of abc"
    )
    var hasher = SHA256()
    let block = [UInt8](repeating: 0x61, count: 1000)
    for _ in 0..<1000 { hasher.update(block) }
    check.expect(
        hasher.finalize().hexString == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
        "SHA-256 of a million a"
    )

    var bytes: [UInt8] = []
    VarInt.appendLEB128(624_485, to: &bytes)
    check.expect(bytes == [0xE5, 0x8E, 0x26], "LEB128 encode")
    let decoded: UInt64? = bytes.withUnsafeBytes { raw in
        var reader = ByteReader(raw)
        return try? reader.readLEB128()
    }
    check.expect(decoded == 624_485, "LEB128 decode")
    let rejected: Bool = ([0x80, 0x00] as [UInt8]).withUnsafeBytes { raw in
        var reader = ByteReader(raw)
        do throws(FieldCoreError) {
            _ = try reader.readVariableByteInteger()
            return false
        } catch {
            return error.code == .varIntNotMinimal
        }
    }
    check.expect(rejected, "non-minimal variable byte integer rejected")
    check.expect(ZigZag.decode(ZigZag.encode(Int64(-12345))) == -12345, "zigzag round trip")
}
