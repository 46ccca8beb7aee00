import FieldCore

/// The framing of one record inside a segment.
///
/// Layout (little-endian): payload length (4), CRC-32C (4), sequence (8), epoch (4), priority (1),
/// flags (1, zero), reserved (2, zero), then the payload. The CRC covers the segment salt (4
/// bytes), the 16 header bytes after the CRC, and the payload, so a frame validates only in the
/// segment, at the position in the sequence, that it was written for.
enum RecordFrame {
    static let headerSize = 24

    /// Writes the frame for `payload` into `buffer` at `base`: header, then payload.
    /// `buffer` must hold `base + headerSize + payload.count` bytes.
    static func encode(
        payload: [UInt8], sequence: UInt64, epoch: UInt32, priority: UInt8, salt: UInt32, into buffer: inout [UInt8],
        at base: Int = 0
    ) {
        buffer.storeLE(UInt32(payload.count), at: base)
        buffer.storeLE(sequence, at: base + 8)
        buffer.storeLE(epoch, at: base + 16)
        buffer[base + 20] = priority
        buffer[base + 21] = 0
        buffer[base + 22] = 0
        buffer[base + 23] = 0
        buffer.replaceSubrange((base + headerSize)..<(base + headerSize + payload.count), with: payload)
        buffer.storeLE(checksum(buffer, at: base, payloadCount: payload.count, salt: salt), at: base + 4)
    }

    /// The checksum of the frame at `offset` in `buffer` whose payload is `payloadCount` bytes.
    static func checksum(_ buffer: [UInt8], at offset: Int, payloadCount: Int, salt: UInt32) -> UInt32 {
        checksum(buffer, at: offset, payloadCount: payloadCount, seed: seed(salt: salt))
    }

    /// The CRC state after the salt, computed once per segment.
    static func seed(salt: UInt32) -> CRC32C {
        var crc = CRC32C()
        withUnsafeBytes(of: salt.littleEndian) { crc.update($0) }
        return crc
    }

    /// The checksum of the frame at `offset`, continuing from a salt seed (see ``seed(salt:)``).
    static func checksum(_ buffer: [UInt8], at offset: Int, payloadCount: Int, seed: CRC32C) -> UInt32 {
        var crc = seed
        buffer.withUnsafeBytes { raw in
            crc.update(UnsafeRawBufferPointer(rebasing: raw[(offset + 8)..<(offset + headerSize + payloadCount)]))
        }
        return crc.value
    }
}
