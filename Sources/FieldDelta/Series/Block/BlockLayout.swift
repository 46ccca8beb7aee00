import FieldCore

/// A block's parsed header: where each column's payload sits. Parsing checks every length against
/// the bytes present and the CRC-32C before any payload is decoded.
struct BlockLayout {
    struct Entry {
        var codec: SeriesCodec
        var start: Int
        var length: Int
    }

    var pointCount: Int
    var entries: [Entry]
    /// The block's total size, checksum included.
    var byteCount: Int

    /// Parses the header of the block at the start of `bytes` and verifies its checksum.
    ///
    /// - Throws: `SeriesError` naming the first field that is wrong and its offset.
    /// - Complexity: O(block size) for the checksum.
    static func parse(_ bytes: UnsafeRawBufferPointer, maximumPointCount: Int) throws(SeriesError) -> BlockLayout {
        var reader = ByteReader(bytes)
        for expected in BlockAssembler.magic {
            guard try reader.seriesByte() == expected else { throw SeriesError(.badMagic, at: 0) }
        }
        let version = try reader.seriesByte()
        guard version == BlockAssembler.version else { throw SeriesError(.unsupportedVersion(version), at: 4) }
        let countOffset = reader.offset
        let limit = min(max(maximumPointCount, 1), SeriesOptions.maximumBlockSize)
        let pointCount = try reader.seriesCount(atMost: limit, kind: .invalidHeader)
        guard pointCount >= 1 else { throw SeriesError(.invalidHeader, at: countOffset) }
        let columnsOffset = reader.offset
        let columnCount = Int(try reader.seriesByte())
        guard columnCount >= 1 else { throw SeriesError(.invalidHeader, at: columnsOffset) }
        var codecs: [SeriesCodec] = []
        var lengths: [Int] = []
        var total = 0
        for _ in 0..<columnCount {
            let codecOffset = reader.offset
            let raw = try reader.seriesByte()
            guard let codec = SeriesCodec(rawValue: raw) else { throw SeriesError(.unknownCodec(raw), at: codecOffset) }
            let length = try reader.seriesCount(atMost: bytes.count, kind: .truncated)
            total += length
            guard total <= bytes.count else { throw SeriesError(.truncated, at: bytes.count) }
            codecs.append(codec)
            lengths.append(length)
        }
        let payloadStart = reader.offset
        let checksumOffset = payloadStart + total
        guard checksumOffset + 4 <= bytes.count else { throw SeriesError(.truncated, at: bytes.count) }
        var crc = CRC32C()
        crc.update(UnsafeRawBufferPointer(rebasing: bytes[0..<checksumOffset]))
        let stored = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: checksumOffset, as: UInt32.self))
        guard crc.value == stored else { throw SeriesError(.checksumMismatch, at: checksumOffset) }
        var entries: [Entry] = []
        var start = payloadStart
        for (codec, length) in zip(codecs, lengths) {
            entries.append(Entry(codec: codec, start: start, length: length))
            start += length
        }
        return BlockLayout(pointCount: pointCount, entries: entries, byteCount: checksumOffset + 4)
    }
}
