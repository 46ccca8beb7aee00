import FieldCore

/// The 64-byte header at the start of every segment file.
///
/// Layout (little-endian): magic `FKOS` (4), format version (2), file kind (1), priority class (1),
/// segment number (4), epoch (4), first sequence (8), capacity (4), producer (8), reserved zeros
/// (24), CRC-32C of bytes 0..<60 (4). The checksum doubles as the segment's salt: every record
/// checksum covers it, so a record left over from another segment or epoch never validates here.
struct SegmentHeader: Equatable, Sendable {
    static let size = 64
    static let magic: UInt32 = 0x534F_4B46  // "FKOS" little-endian
    static let formatVersion: UInt16 = 1
    static let kind: UInt8 = 1

    var priority: UInt8
    var segment: UInt32
    var epoch: UInt32
    var firstSequence: UInt64
    var capacity: UInt32
    var producer: UInt64

    /// The header's CRC-32C, which salts the record checksums.
    var salt: UInt32 { CRC32C.checksum(encodedBody()) }

    /// The first 60 bytes (everything the checksum covers).
    func encodedBody() -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 60)
        bytes.storeLE(Self.magic, at: 0)
        bytes.storeLE(Self.formatVersion, at: 4)
        bytes[6] = Self.kind
        bytes[7] = priority
        bytes.storeLE(segment, at: 8)
        bytes.storeLE(epoch, at: 12)
        bytes.storeLE(firstSequence, at: 16)
        bytes.storeLE(capacity, at: 24)
        bytes.storeLE(producer, at: 28)
        return bytes
    }

    /// The full 64 bytes.
    func encoded() -> [UInt8] {
        var bytes = encodedBody()
        let crc = CRC32C.checksum(bytes)
        bytes.append(contentsOf: [0, 0, 0, 0])
        bytes.storeLE(crc, at: 60)
        return bytes
    }

    /// Decodes and validates a header read from file `file` of `fileSize` bytes.
    static func decode(_ bytes: [UInt8], file: UInt32, fileSize: Int) throws(OutboxError) -> SegmentHeader {
        guard bytes.count >= size, fileSize >= size else {
            throw .corruptHeader(file: file, offset: 0, reason: .truncated)
        }
        guard bytes.loadLE(UInt32.self, at: 0) == magic else {
            throw .corruptHeader(file: file, offset: 0, reason: .badMagic)
        }
        let crc = CRC32C.checksum(bytes[0..<60])
        guard bytes.loadLE(UInt32.self, at: 60) == crc else {
            throw .corruptHeader(file: file, offset: 60, reason: .badChecksum)
        }
        let version = bytes.loadLE(UInt16.self, at: 4)
        guard version == formatVersion else { throw .unsupportedVersion(file: file, version: version) }
        guard bytes[6] == kind else { throw .corruptHeader(file: file, offset: 6, reason: .wrongKind) }
        let header = SegmentHeader(
            priority: bytes[7],
            segment: bytes.loadLE(UInt32.self, at: 8),
            epoch: bytes.loadLE(UInt32.self, at: 12),
            firstSequence: bytes.loadLE(UInt64.self, at: 16),
            capacity: bytes.loadLE(UInt32.self, at: 24),
            producer: bytes.loadLE(UInt64.self, at: 28)
        )
        guard header.segment == file else { throw .corruptHeader(file: file, offset: 8, reason: .badField) }
        guard Int(header.capacity) >= size, Int(header.capacity) <= fileSize else {
            throw .corruptHeader(file: file, offset: 24, reason: .badField)
        }
        for i in 36..<60 where bytes[i] != 0 {
            throw .corruptHeader(file: file, offset: i, reason: .badField)
        }
        return header
    }
}
