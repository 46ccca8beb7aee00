/// Finds copies of earlier new-image bytes for the extra parts of a delta (LZ77 over the new image,
/// hash chains on four-byte prefixes).
///
/// Positions must be inserted in increasing order; `find` looks only at inserted positions, so
/// every copy refers to bytes the applier has already produced.
final class ExtraMatcher {
    private let bytes: [UInt8]
    private var head: [Int32]
    private var previous: [Int32]
    private var inserted = 0
    private let maximumChain = 256

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        head = [Int32](repeating: -1, count: 1 << 16)
        previous = [Int32](repeating: -1, count: max(bytes.count, 1))
    }

    @inline(__always)
    private func hash(_ p: Int) -> Int {
        let value =
            UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24
        return Int((value &* 2_654_435_761) >> 16)
    }

    /// Inserts every position below `end` not inserted yet.
    func insert(upTo end: Int) {
        while inserted < end {
            if inserted + 4 <= bytes.count {
                let h = hash(inserted)
                previous[inserted] = head[h]
                head[h] = Int32(inserted)
            }
            inserted += 1
        }
    }

    /// The longest worthwhile copy for position `p`, at most `limit` bytes: (length, distance),
    /// or length 0.
    func find(_ p: Int, limit: Int) -> (length: Int, distance: Int) {
        guard limit >= PatchModel.minimumMatch, p + 4 <= bytes.count else { return (0, 0) }
        var candidate = Int(head[hash(p)])
        var bestLength = 0
        var bestDistance = 0
        var chain = 0
        bytes.withUnsafeBufferPointer { b in
            while candidate >= 0 && chain < maximumChain {
                var length = 0
                while length < limit && b[candidate + length] == b[p + length] { length += 1 }
                if length > bestLength {
                    bestLength = length
                    bestDistance = p - candidate
                    if length == limit { break }
                }
                candidate = Int(previous[candidate])
                chain += 1
            }
        }
        // A copy costs roughly 12 bits plus the distance's bit length; a literal about 3.5 bits.
        let distanceBits = Int.bitWidth - bestDistance.leadingZeroBitCount
        if bestLength < PatchModel.minimumMatch || bestLength * 7 <= 2 * (12 + distanceBits) { return (0, 0) }
        return (bestLength, bestDistance)
    }
}
