/// Finds an approximate cover of the new image by old-image regions: the bsdiff construction
/// (Percival 2003) over a suffix array of the old image.
///
/// Exact matches found by binary search in the suffix array seed each region; each region is then
/// extended forwards and backwards while at least half of the bytes agree, so code that changed
/// only in scattered address bytes becomes one long add run whose differences are mostly zero.
struct MatchFinder {
    let old: [UInt8]
    let new: [UInt8]
    let suffixes: [Int32]
    /// `buckets[k]` is the first suffix-array index whose suffix starts with the two bytes `k`
    /// (a one-byte suffix counts as its byte followed by 0); 65537 entries. Starting each search
    /// inside its two-byte bucket saves the probes that miss the cache most.
    let buckets: [Int32]

    init(old: [UInt8], new: [UInt8]) {
        self.old = old
        self.new = new
        let suffixes = SuffixArray.build(old)
        var buckets = [Int32](repeating: 0, count: 65537)
        for position in suffixes {
            let p = Int(position)
            let key = Int(old[p]) << 8 | (p + 1 < old.count ? Int(old[p + 1]) : 0)
            buckets[key + 1] += 1
        }
        for k in 1..<buckets.count { buckets[k] += buckets[k - 1] }
        self.suffixes = suffixes
        self.buckets = buckets
    }

    /// Computes the runs that rebuild the new image.
    ///
    /// An extension keeps the length that maximises `agree * equalBytes - total * length`: the
    /// default (2, 1) is bsdiff's "at least half the bytes agree"; (3, 2) and (4, 3) demand two
    /// thirds and three quarters, better where differences cost more than literals.
    ///
    /// - Parameter agreement: The extension weights (agree, total).
    /// - Returns: Runs in new-image order; their add and extra lengths sum to the new size.
    /// - Complexity: O(n log m) typical for an n-byte new and m-byte old image.
    func runs(agreement: (agree: Int, total: Int) = (2, 1)) -> [PatchRun] {
        runs(agreements: [agreement])[0]
    }

    /// Computes the runs for several extension weights in one pass.
    ///
    /// The suffix-array searches, which are most of the work, and the places where regions start
    /// do not depend on the weights (only the extensions do), so one scan serves every weight and
    /// each result equals ``runs(agreement:)`` for its weight.
    ///
    /// - Parameter agreements: The extension weights (agree, total), at least one.
    /// - Returns: One run list per weight, in the same order.
    /// - Complexity: O(n log m) typical, plus O(n) per weight for the extensions.
    func runs(agreements: [(agree: Int, total: Int)]) -> [[PatchRun]] {
        old.withUnsafeBufferPointer { oldBuffer in
            new.withUnsafeBufferPointer { newBuffer in
                suffixes.withUnsafeBufferPointer { saBuffer in
                    buckets.withUnsafeBufferPointer { bucketBuffer in
                        computeRuns(oldBuffer, newBuffer, saBuffer, bucketBuffer, agreements: agreements)
                    }
                }
            }
        }
    }

    @inline(__always)
    private static func matchLength(
        _ a: UnsafePointer<UInt8>, _ aCount: Int, _ b: UnsafePointer<UInt8>, _ bCount: Int
    ) -> Int {
        let n = min(aCount, bCount)
        var i = 0
        let ra = UnsafeRawPointer(a)
        let rb = UnsafeRawPointer(b)
        while i + 8 <= n {
            let x = ra.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let y = rb.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if x != y { return i + (x ^ y).littleEndian.trailingZeroBitCount / 8 }
            i += 8
        }
        while i < n && a[i] == b[i] { i += 1 }
        return i
    }

    /// The longest match of `new[scan...]` in the old image: (length, old position).
    @inline(__always)
    private static func search(
        _ old: UnsafeBufferPointer<UInt8>, _ new: UnsafeBufferPointer<UInt8>, _ sa: UnsafeBufferPointer<Int32>,
        _ buckets: UnsafeBufferPointer<Int32>, _ scan: Int
    ) -> (length: Int, position: Int) {
        let oldBase = old.baseAddress!
        let newBase = new.baseAddress! + scan
        let newCount = new.count - scan
        var low = 0
        var high = sa.count - 1
        if newCount >= 2 {
            let key = Int(newBase[0]) << 8 | Int(newBase[1])
            low = Int(buckets[key])
            high = Int(buckets[key + 1]) - 1
            // No suffix starts with these two bytes: the longest match is shorter than 2, which
            // never seeds a region.
            if high < low { return (0, 0) }
        }
        // Every suffix between low and high shares min(lowCommon, highCommon) bytes with the
        // pattern, so each probe compares only past that prefix: O(match length + log n).
        var lowCommon = matchLength(oldBase + Int(sa[low]), old.count - Int(sa[low]), newBase, newCount)
        var highCommon = matchLength(oldBase + Int(sa[high]), old.count - Int(sa[high]), newBase, newCount)
        while high - low >= 2 {
            let middle = low + (high - low) / 2
            let position = Int(sa[middle])
            let oldCount = old.count - position
            let known = min(lowCommon, highCommon)
            let common =
                known + matchLength(oldBase + position + known, oldCount - known, newBase + known, newCount - known)
            let less: Bool
            if common == min(oldCount, newCount) {
                less = oldCount < newCount
            } else {
                less = oldBase[position + common] < newBase[common]
            }
            if less {
                low = middle
                lowCommon = common
            } else {
                high = middle
                highCommon = common
            }
        }
        return lowCommon >= highCommon ? (lowCommon, Int(sa[low])) : (highCommon, Int(sa[high]))
    }

    private func computeRuns(
        _ old: UnsafeBufferPointer<UInt8>, _ new: UnsafeBufferPointer<UInt8>, _ sa: UnsafeBufferPointer<Int32>,
        _ buckets: UnsafeBufferPointer<Int32>, agreements: [(agree: Int, total: Int)]
    ) -> [[PatchRun]] {
        let oldSize = old.count
        let newSize = new.count
        var allRuns = [[PatchRun]](repeating: [], count: agreements.count)
        if oldSize == 0 || newSize == 0 {
            if newSize > 0 {
                for k in allRuns.indices {
                    allRuns[k].append(PatchRun(oldStart: 0, addLength: 0, extraLength: newSize))
                }
            }
            return allRuns
        }
        var scan = 0
        var length = 0
        var position = 0
        var lastScans = [Int](repeating: 0, count: agreements.count)
        var lastPositions = [Int](repeating: 0, count: agreements.count)
        var lastOffset = 0
        while scan < newSize {
            var oldScore = 0
            scan += length
            var scoreScan = scan
            while scan < newSize {
                (length, position) = MatchFinder.search(old, new, sa, buckets, scan)
                while scoreScan < scan + length {
                    let o = scoreScan + lastOffset
                    if o >= 0 && o < oldSize && old[o] == new[scoreScan] { oldScore += 1 }
                    scoreScan += 1
                }
                if (length == oldScore && length != 0) || length > oldScore + 8 { break }
                let o = scan + lastOffset
                if o >= 0 && o < oldSize && old[o] == new[scan] { oldScore -= 1 }
                scan += 1
            }
            if length != oldScore || scan == newSize {
                for k in agreements.indices {
                    let (agree, total) = agreements[k]
                    let lastScan = lastScans[k]
                    let lastPosition = lastPositions[k]
                    // Extend the previous match forwards while enough of the bytes agree.
                    var s = 0
                    var bestForward = 0
                    var lengthForward = 0
                    var i = 0
                    while lastScan + i < scan && lastPosition + i < oldSize {
                        if old[lastPosition + i] == new[lastScan + i] { s += 1 }
                        i += 1
                        if s * agree - i * total > bestForward * agree - lengthForward * total {
                            bestForward = s
                            lengthForward = i
                        }
                    }
                    // Extend the new match backwards the same way.
                    var lengthBackward = 0
                    if scan < newSize {
                        s = 0
                        var bestBackward = 0
                        i = 1
                        while scan >= lastScan + i && position >= i {
                            if old[position - i] == new[scan - i] { s += 1 }
                            if s * agree - i * total > bestBackward * agree - lengthBackward * total {
                                bestBackward = s
                                lengthBackward = i
                            }
                            i += 1
                        }
                    }
                    // Resolve an overlap between the two extensions at the best split.
                    if lastScan + lengthForward > scan - lengthBackward {
                        let overlap = (lastScan + lengthForward) - (scan - lengthBackward)
                        s = 0
                        var bestSplit = 0
                        var split = 0
                        for j in 0..<overlap {
                            if new[lastScan + lengthForward - overlap + j]
                                == old[lastPosition + lengthForward - overlap + j]
                            {
                                s += 1
                            }
                            if new[scan - lengthBackward + j] == old[position - lengthBackward + j] { s -= 1 }
                            if s > bestSplit {
                                bestSplit = s
                                split = j + 1
                            }
                        }
                        lengthForward += split - overlap
                        lengthBackward -= split
                    }
                    let extra = (scan - lengthBackward) - (lastScan + lengthForward)
                    if lengthForward + extra > 0 {
                        allRuns[k].append(
                            PatchRun(oldStart: lastPosition, addLength: lengthForward, extraLength: extra))
                    }
                    lastScans[k] = scan - lengthBackward
                    lastPositions[k] = position - lengthBackward
                }
                lastOffset = position - scan
            }
        }
        return allRuns
    }
}
