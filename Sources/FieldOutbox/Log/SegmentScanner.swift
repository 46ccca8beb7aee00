import FieldCore

/// Validates the records of one segment image, stopping at the first frame that is torn, corrupt
/// or out of place.
enum SegmentScanner {
    /// The result of a scan.
    struct Result {
        var end: Int
        var count: Int
        var lastSequence: UInt64?
        /// Whether the scan stopped at bytes that were not a blank (all-zero) frame header.
        var torn: Bool
    }

    /// Scans the first `length` bytes of `image` (the segment from offset 0) for valid records
    /// after the header.
    static func scan(_ image: [UInt8], length: Int, header: SegmentHeader, salt: UInt32) -> Result {
        var offset = SegmentHeader.size
        var count = 0
        let limit = min(length, image.count, Int(header.capacity))
        var minimum = header.firstSequence
        var last: UInt64? = nil
        let seed = RecordFrame.seed(salt: salt)
        while let (length, sequence) = validFrame(
            image, at: offset, limit: limit, header: header, seed: seed, minimumSequence: minimum)
        {
            offset += RecordFrame.headerSize + length
            count += 1
            last = sequence
            if sequence == UInt64.max { break }
            minimum = sequence + 1
        }
        var torn = false
        if offset + RecordFrame.headerSize <= limit {
            for i in offset..<(offset + RecordFrame.headerSize) where image[i] != 0 {
                torn = true
                break
            }
        } else if offset < limit {
            for i in offset..<limit where image[i] != 0 {
                torn = true
                break
            }
        }
        return Result(end: offset, count: count, lastSequence: last, torn: torn)
    }

    /// The payload length and sequence of the valid frame at `offset`, or `nil` when there is none.
    /// A frame is valid when it fits, its sequence is at least `minimumSequence` (sequences
    /// increase within a segment), its epoch and priority are the segment's, its reserved bytes
    /// are zero and its CRC-32C (salted with the segment header's) matches.
    static func validFrame(
        _ image: [UInt8], at offset: Int, limit: Int, header: SegmentHeader, salt: UInt32, minimumSequence: UInt64
    ) -> (length: Int, sequence: UInt64)? {
        validFrame(
            image, at: offset, limit: limit, header: header, seed: RecordFrame.seed(salt: salt),
            minimumSequence: minimumSequence)
    }

    /// As ``validFrame(_:at:limit:header:salt:minimumSequence:)`` with the salt's CRC seed precomputed.
    static func validFrame(
        _ image: [UInt8], at offset: Int, limit: Int, header: SegmentHeader, seed: CRC32C, minimumSequence: UInt64
    ) -> (length: Int, sequence: UInt64)? {
        guard offset <= limit - RecordFrame.headerSize else { return nil }
        let length = Int(image.loadLE(UInt32.self, at: offset))
        guard length <= limit - offset - RecordFrame.headerSize else { return nil }
        let sequence = image.loadLE(UInt64.self, at: offset + 8)
        guard sequence >= minimumSequence,
            image.loadLE(UInt32.self, at: offset + 16) == header.epoch,
            image[offset + 20] == header.priority,
            image[offset + 21] == 0, image[offset + 22] == 0, image[offset + 23] == 0
        else { return nil }
        let crc = RecordFrame.checksum(image, at: offset, payloadCount: length, seed: seed)
        guard crc == image.loadLE(UInt32.self, at: offset + 4) else { return nil }
        return (length, sequence)
    }
}
