import FieldCore

/// The framing of one record inside a segment.
///
/// Layout (little-endian, see ``Layout``): payload length (4), CRC-32C (4), sequence (8), epoch
/// (4), priority (1), flags (1, zero), reserved (2, zero), then the payload. The CRC covers the
/// segment salt (4 bytes), the 16 header bytes after the CRC, and the payload, so a frame validates
/// only in the segment, at the position in the sequence, that it was written for.
enum RecordFrame {
    /// Where each field of a frame header sits.
    enum Layout {
        /// `UInt32`: the payload length.
        static let length = 0
        /// `UInt32`: the CRC-32C of the salt, the rest of the header and the payload.
        static let checksum = 4
        /// `UInt64`: the sequence; the checksummed bytes start here.
        static let sequence = 8
        /// `UInt32`: the epoch (the segment's).
        static let epoch = 16
        /// `UInt8`: the priority class (the segment's).
        static let priority = 20
        /// `UInt8`: flags, zero.
        static let flags = 21
        /// `UInt16`: reserved, zero.
        static let reserved = 22
        /// The header's size; the payload follows.
        static let headerSize = 24
    }

    /// The size of a frame header (``Layout/headerSize``).
    static var headerSize: Int { Layout.headerSize }

    /// A decoded frame header.
    struct Header {
        var length: Int
        var checksum: UInt32
        var sequence: UInt64
        var epoch: UInt32
        var priority: UInt8
        /// Whether the flags and reserved bytes are zero, as version 1 requires.
        var reservedAreZero: Bool

        /// Reads a header from the reader's position.
        init(from reader: inout ByteReader) throws(FieldCoreError) {
            length = Int(try reader.readLittleEndian(UInt32.self))
            checksum = try reader.readLittleEndian(UInt32.self)
            sequence = try reader.readLittleEndian(UInt64.self)
            epoch = try reader.readLittleEndian(UInt32.self)
            priority = try reader.readUInt8()
            let flags = try reader.readUInt8()
            let reserved = try reader.readLittleEndian(UInt16.self)
            reservedAreZero = flags == 0 && reserved == 0
        }

        /// Reads the header at `offset` in `bytes`.
        init(_ bytes: [UInt8], at offset: Int) throws(FieldCoreError) {
            self = try bytes.reading(at: offset, count: Layout.headerSize) { reader throws(FieldCoreError) in
                try Header(from: &reader)
            }
        }
    }

    /// Writes the frame for `payload` into `buffer` at `base`: header, then payload.
    /// `buffer` must hold `base + headerSize + payload.count` bytes.
    static func encode(
        payload: [UInt8], sequence: UInt64, epoch: UInt32, priority: UInt8, salt: UInt32, into buffer: inout [UInt8],
        at base: Int = 0
    ) {
        do throws(FieldCoreError) {
            try buffer.writing(at: base, count: Layout.headerSize) { writer throws(FieldCoreError) in
                try writer.writeLittleEndian(UInt32(payload.count))
                try writer.writeLittleEndian(UInt32(0))  // the checksum, written once the rest is in place
                try writer.writeLittleEndian(sequence)
                try writer.writeLittleEndian(epoch)
                try writer.writeUInt8(priority)
                try writer.writeUInt8(0)  // flags
                try writer.writeLittleEndian(UInt16(0))  // reserved
            }
            let start = base + Layout.headerSize
            buffer.replaceSubrange(start..<(start + payload.count), with: payload)
            let crc = checksum(buffer, at: base, payloadCount: payload.count, salt: salt)
            try buffer.writing(at: base + Layout.checksum, count: 4) { writer throws(FieldCoreError) in
                try writer.writeLittleEndian(crc)
            }
        } catch {
            preconditionFailure("the frame buffer is too small")
        }
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

    /// The checksum of the frame at `offset`, continuing from a salt seed (see ``seed(salt:)``):
    /// header bytes from ``Layout/sequence`` on, then the payload.
    static func checksum(_ buffer: [UInt8], at offset: Int, payloadCount: Int, seed: CRC32C) -> UInt32 {
        var crc = seed
        buffer.withUnsafeBytes { raw in
            crc.update(
                UnsafeRawBufferPointer(
                    rebasing: raw[(offset + Layout.sequence)..<(offset + Layout.headerSize + payloadCount)]))
        }
        return crc.value
    }
}
