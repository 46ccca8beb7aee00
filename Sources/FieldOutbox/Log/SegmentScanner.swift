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

    /// A frame that validated: its payload length and sequence.
    struct ValidFrame {
        var length: Int
        var sequence: UInt64
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
        while let frame = validFrame(
            image, at: offset, limit: limit, header: header, seed: seed, minimumSequence: minimum)
        {
            offset += RecordFrame.headerSize + frame.length
            count += 1
            last = frame.sequence
            if frame.sequence == UInt64.max { break }
            minimum = frame.sequence + 1
        }
        let blankEnd = min(offset + RecordFrame.headerSize, limit)
        var torn = false
        if offset < blankEnd {
            for i in offset..<blankEnd where image[i] != 0 {
                torn = true
                break
            }
        }
        return Result(end: offset, count: count, lastSequence: last, torn: torn)
    }

    /// The valid frame at `offset`, or `nil` when there is none. A frame is valid when it fits,
    /// its sequence is at least `minimumSequence` (sequences increase within a segment), its epoch
    /// and priority are the segment's, its flags and reserved bytes are zero and its CRC-32C
    /// (salted with the segment header's) matches.
    static func validFrame(
        _ image: [UInt8], at offset: Int, limit: Int, header: SegmentHeader, salt: UInt32, minimumSequence: UInt64
    ) -> ValidFrame? {
        validFrame(
            image, at: offset, limit: limit, header: header, seed: RecordFrame.seed(salt: salt),
            minimumSequence: minimumSequence)
    }

    /// As ``validFrame(_:at:limit:header:salt:minimumSequence:)`` with the salt's CRC seed precomputed.
    static func validFrame(
        _ image: [UInt8], at offset: Int, limit: Int, header: SegmentHeader, seed: CRC32C, minimumSequence: UInt64
    ) -> ValidFrame? {
        guard offset <= limit - RecordFrame.headerSize,
            let frame = try? RecordFrame.Header(image, at: offset),
            frame.length <= limit - offset - RecordFrame.headerSize,
            frame.sequence >= minimumSequence, frame.epoch == header.epoch, frame.priority == header.priority,
            frame.reservedAreZero
        else { return nil }
        let crc = RecordFrame.checksum(image, at: offset, payloadCount: frame.length, seed: seed)
        guard crc == frame.checksum else { return nil }
        return ValidFrame(length: frame.length, sequence: frame.sequence)
    }
}
