import FieldCore

/// The 64-byte header at the start of every segment file.
///
/// Layout (little-endian, see ``Layout``): magic `FKOS` (4), format version (2), file kind (1),
/// priority class (1), segment number (4), epoch (4), first sequence (8), capacity (4), producer
/// (8), reserved zeros (24), CRC-32C of bytes 0..<60 (4). The checksum doubles as the segment's
/// salt: every record checksum covers it, so a record left over from another segment or epoch
/// never validates here.
struct SegmentHeader: Equatable, Sendable {
    /// Where each field of the header sits.
    enum Layout {
        /// `UInt32`: ``SegmentHeader/magic``.
        static let magic = 0
        /// `UInt16`: the format version.
        static let version = 4
        /// `UInt8`: the file kind, ``SegmentHeader/kind``.
        static let kind = 6
        /// `UInt8`: the priority class.
        static let priority = 7
        /// `UInt32`: the segment number, equal to the file's.
        static let segment = 8
        /// `UInt32`: the epoch that wrote the segment.
        static let epoch = 12
        /// `UInt64`: the sequence of the first record.
        static let firstSequence = 16
        /// `UInt32`: the preallocated file size.
        static let capacity = 24
        /// `UInt64`: the producer.
        static let producer = 28
        /// Zeros up to ``checksum``.
        static let reserved = 36
        /// `UInt32`: CRC-32C of every byte before it.
        static let checksum = 60
        /// The header's size; records follow.
        static let size = 64
    }

    static let size = Layout.size
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

    /// The bytes before ``Layout/checksum`` (everything the checksum covers).
    func encodedBody(version: UInt16 = formatVersion) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: Layout.checksum)
        do throws(FieldCoreError) {
            try bytes.writing(at: 0, count: Layout.checksum) { writer throws(FieldCoreError) in
                try writer.writeLittleEndian(Self.magic)
                try writer.writeLittleEndian(version)
                try writer.writeUInt8(Self.kind)
                try writer.writeUInt8(priority)
                try writer.writeLittleEndian(segment)
                try writer.writeLittleEndian(epoch)
                try writer.writeLittleEndian(firstSequence)
                try writer.writeLittleEndian(capacity)
                try writer.writeLittleEndian(producer)
                try writer.pad(to: Layout.checksum)
            }
        } catch {
            preconditionFailure("segment header layout overflows its size")
        }
        return bytes
    }

    /// The full ``Layout/size`` bytes.
    func encoded(version: UInt16 = formatVersion) -> [UInt8] {
        var bytes = encodedBody(version: version)
        var crc: [UInt8] = []
        crc.appendInteger(CRC32C.checksum(bytes), endianness: .little)
        bytes.append(contentsOf: crc)
        return bytes
    }

    /// Decodes and validates a header read from file `file` of `fileSize` bytes.
    static func decode(_ bytes: [UInt8], file: UInt32, fileSize: Int) throws(OutboxError) -> SegmentHeader {
        guard bytes.count >= size, fileSize >= size else {
            throw .corruptHeader(file: file, offset: 0, reason: .truncated)
        }
        let result: Result<SegmentHeader, OutboxError>
        do throws(FieldCoreError) {
            result = try bytes.reading(at: 0, count: size) { reader throws(FieldCoreError) in
                try decode(&reader, file: file, fileSize: fileSize)
            }
        } catch {
            throw OutboxError(error, file: file)
        }
        return try result.get()
    }

    /// Reads and validates the header with `reader` at its start.
    private static func decode(
        _ reader: inout ByteReader, file: UInt32, fileSize: Int
    ) throws(FieldCoreError) -> Result<SegmentHeader, OutboxError> {
        guard try reader.readLittleEndian(UInt32.self) == magic else {
            return .failure(.corruptHeader(file: file, offset: Layout.magic, reason: .badMagic))
        }
        let crc = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: reader.bytes[0..<Layout.checksum]))
        var checksumReader = ByteReader(
            UnsafeRawBufferPointer(rebasing: reader.bytes[Layout.checksum..<Layout.size]), baseOffset: Layout.checksum)
        guard try checksumReader.readLittleEndian(UInt32.self) == crc else {
            return .failure(.corruptHeader(file: file, offset: Layout.checksum, reason: .badChecksum))
        }
        let version = try reader.readLittleEndian(UInt16.self)
        guard version == formatVersion else { return .failure(.unsupportedVersion(file: file, version: version)) }
        guard try reader.readUInt8() == kind else {
            return .failure(.corruptHeader(file: file, offset: Layout.kind, reason: .wrongKind))
        }
        let header = SegmentHeader(
            priority: try reader.readUInt8(),
            segment: try reader.readLittleEndian(),
            epoch: try reader.readLittleEndian(),
            firstSequence: try reader.readLittleEndian(),
            capacity: try reader.readLittleEndian(),
            producer: try reader.readLittleEndian()
        )
        guard header.segment == file else {
            return .failure(.corruptHeader(file: file, offset: Layout.segment, reason: .badField))
        }
        guard Int(header.capacity) >= size, Int(header.capacity) <= fileSize else {
            return .failure(.corruptHeader(file: file, offset: Layout.capacity, reason: .badField))
        }
        while reader.position < Layout.checksum {
            let at = reader.offset
            guard try reader.readUInt8() == 0 else {
                return .failure(.corruptHeader(file: file, offset: at, reason: .badField))
            }
        }
        return .success(header)
    }
}
