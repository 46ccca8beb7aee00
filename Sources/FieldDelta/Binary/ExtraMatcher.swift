/// Finds copies of earlier new-image bytes for the extra parts of a delta (LZ77 over the new image,
/// hash chains on four-byte prefixes).
///
/// Positions must be inserted in increasing order; `find` looks only at inserted positions, so
/// every copy refers to bytes the applier has already produced. The image and the chains live in
/// buffers the matcher owns, so the hot loops run without exclusivity or bounds checks; every
/// index is below `count` by the loop conditions noted at each access.
final class ExtraMatcher {
    private let bytes: UnsafeMutablePointer<UInt8>
    private let count: Int
    private let head: UnsafeMutablePointer<Int32>
    private let previous: UnsafeMutablePointer<Int32>
    private static let headCount = 1 << 16
    private var inserted = 0
    private let maximumChain = 256
    /// The estimated cost of a literal in half bits, against which copies are weighed (with
    /// matched literals, 6 bits measured best on the corpus against 5.5, 6.5 and 7.5).
    static let literalCost = 12

    init(_ image: [UInt8]) {
        count = image.count
        let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: max(image.count, 1))
        image.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { copy.initialize(from: base, count: image.count) }
        }
        bytes = copy
        head = UnsafeMutablePointer<Int32>.allocate(capacity: ExtraMatcher.headCount)
        head.initialize(repeating: -1, count: ExtraMatcher.headCount)
        previous = UnsafeMutablePointer<Int32>.allocate(capacity: max(image.count, 1))
        previous.initialize(repeating: -1, count: max(image.count, 1))
    }

    deinit {
        bytes.deallocate()
        head.deallocate()
        previous.deallocate()
    }

    /// The hash of the four bytes at `p` (the caller ensures `p + 4 <= count`), below 2^16.
    @inline(__always)
    private func hash(_ p: Int) -> Int {
        let value = UnsafeRawPointer(bytes + p).loadUnaligned(as: UInt32.self).littleEndian
        return Int((value &* 2_654_435_761) >> 16)
    }

    /// Inserts every position below `end` not inserted yet.
    func insert(upTo end: Int) {
        while inserted < end {
            if inserted + 4 <= count {
                let h = hash(inserted)
                previous[inserted] = head[h]
                head[h] = Int32(inserted)
            }
            inserted += 1
        }
    }

    /// How many bytes at `a` and `b` agree, at most `limit`, eight at a time (`b + limit` is
    /// inside the image and `a < b`).
    @inline(__always)
    private func commonLength(_ a: Int, _ b: Int, limit: Int) -> Int {
        let raw = UnsafeRawPointer(bytes)
        var length = 0
        while length + 8 <= limit {
            let x = raw.loadUnaligned(fromByteOffset: a + length, as: UInt64.self)
            let y = raw.loadUnaligned(fromByteOffset: b + length, as: UInt64.self)
            if x != y { return length + (x ^ y).littleEndian.trailingZeroBitCount >> 3 }
            length += 8
        }
        while length < limit && bytes[a + length] == bytes[b + length] { length += 1 }
        return length
    }

    /// The most worthwhile copy for position `p`, at most `limit` bytes: (length, distance, and
    /// the estimated saving over literals in half bits), or length 0.
    ///
    /// A copy from one of the `recent` distances (coded in a few bits) is weighed against the
    /// longest copy the hash chain finds. `p + limit` must not exceed the image (the extra part
    /// ends inside it).
    func find(_ p: Int, limit: Int, recent: (Int, Int, Int, Int)) -> (length: Int, distance: Int, gain: Int) {
        guard limit >= PatchModel.minimumMatch, p + 4 <= count, p + limit <= count else { return (0, 0, 0) }
        // Gains in half bits: a literal costs about 3.5 bits, a recent-distance copy about 5 bits
        // plus its length, any other copy about 12 plus the distance's bit length.
        var repeatLength = 0
        var repeatDistance = 0
        func consider(_ distance: Int) {
            guard distance > 0 && distance <= p else { return }
            // p - distance + limit < p + limit, inside the image.
            let length = commonLength(p - distance, p, limit: limit)
            if length > repeatLength {
                repeatLength = length
                repeatDistance = distance
            }
        }
        consider(recent.0)
        consider(recent.1)
        consider(recent.2)
        consider(recent.3)
        let (length, distance) = longest(p, limit: limit)
        let distanceBits = Int.bitWidth - distance.leadingZeroBitCount
        let literal = ExtraMatcher.literalCost
        let gain = length >= PatchModel.minimumMatch ? literal * length - 2 * (12 + distanceBits) : 0
        let repeatGain = repeatLength >= PatchModel.minimumMatch ? literal * repeatLength - 12 : 0
        if repeatGain > 0 && repeatGain >= gain { return (repeatLength, repeatDistance, repeatGain) }
        if gain > 0 { return (length, distance, gain) }
        return (0, 0, 0)
    }

    /// The longest copy the hash chain finds for `p` (the caller checks the bounds).
    private func longest(_ p: Int, limit: Int) -> (length: Int, distance: Int) {
        // Candidates are inserted positions, all below p, so candidate + length < p + limit.
        var candidate = Int(head[hash(p)])
        var bestLength = 0
        var bestDistance = 0
        var chain = 0
        while candidate >= 0 && chain < maximumChain {
            // A candidate can only be longer than the best if it also agrees at the best length
            // (bestLength < limit here, so both indices are inside the image).
            if bytes[candidate + bestLength] == bytes[p + bestLength] {
                let length = commonLength(candidate, p, limit: limit)
                if length > bestLength {
                    bestLength = length
                    bestDistance = p - candidate
                    if length == limit { break }
                }
            }
            candidate = Int(previous[candidate])
            chain += 1
        }
        return (bestLength, bestDistance)
    }
}
