/// Suffix array construction by induced sorting (SA-IS, Nong, Zhang and Chan 2009): linear time,
/// 4 bytes per input byte plus a few temporaries, immune to the long repeats (zero padding,
/// tables) that make comparison sorts quadratic.
enum SuffixArray {
    /// Builds the suffix array of `bytes`.
    ///
    /// - Parameter bytes: The text.
    /// - Returns: The start offsets of all suffixes in lexicographic order.
    /// - Complexity: O(n).
    static func build(_ bytes: [UInt8]) -> [Int32] {
        let n = bytes.count
        var sa = [Int32](repeating: 0, count: n)
        if n == 0 { return sa }
        var text = [Int32](repeating: 0, count: n)
        for i in 0..<n { text[i] = Int32(bytes[i]) }
        text.withUnsafeBufferPointer { s in
            sa.withUnsafeMutableBufferPointer { out in
                induce(s.baseAddress!, out.baseAddress!, n, 256)
            }
        }
        return sa
    }

    private static func induce(_ s: UnsafePointer<Int32>, _ sa: UnsafeMutablePointer<Int32>, _ n: Int, _ k: Int) {
        if n == 1 {
            sa[0] = 0
            return
        }
        // S-type (true) or L-type (false); a virtual sentinel smaller than all follows the text.
        var types = [Bool](repeating: false, count: n)
        var buckets = [Int](repeating: 0, count: k)
        types.withUnsafeMutableBufferPointer { typesBuffer in
            buckets.withUnsafeMutableBufferPointer { bucketBuffer in
                let t = typesBuffer.baseAddress!
                let bkt = bucketBuffer.baseAddress!
                t[n - 1] = false
                var i = n - 2
                while i >= 0 {
                    t[i] = s[i] < s[i + 1] || (s[i] == s[i + 1] && t[i + 1])
                    i -= 1
                }
                @inline(__always) func isLMS(_ i: Int) -> Bool { i > 0 && t[i] && !t[i - 1] }
                func fillBuckets(ends: Bool) {
                    for c in 0..<k { bkt[c] = 0 }
                    for i in 0..<n { bkt[Int(s[i])] += 1 }
                    var sum = 0
                    for c in 0..<k {
                        sum += bkt[c]
                        bkt[c] = ends ? sum : sum - bkt[c]
                    }
                }
                func induceLS() {
                    fillBuckets(ends: false)
                    let last = Int(s[n - 1])
                    sa[bkt[last]] = Int32(n - 1)
                    bkt[last] += 1
                    for i in 0..<n {
                        let j = Int(sa[i]) - 1
                        if j >= 0 && !t[j] {
                            let c = Int(s[j])
                            sa[bkt[c]] = Int32(j)
                            bkt[c] += 1
                        }
                    }
                    fillBuckets(ends: true)
                    var i = n - 1
                    while i >= 0 {
                        let j = Int(sa[i]) - 1
                        if j >= 0 && t[j] {
                            let c = Int(s[j])
                            bkt[c] -= 1
                            sa[bkt[c]] = Int32(j)
                        }
                        i -= 1
                    }
                }

                // 1. Sort LMS substrings.
                for i in 0..<n { sa[i] = -1 }
                fillBuckets(ends: true)
                for i in 1..<n where isLMS(i) {
                    let c = Int(s[i])
                    bkt[c] -= 1
                    sa[bkt[c]] = Int32(i)
                }
                induceLS()

                // 2. Compact the sorted LMS positions and name the substrings.
                var m = 0
                for i in 0..<n where isLMS(Int(sa[i])) {
                    sa[m] = sa[i]
                    m += 1
                }
                for i in m..<n { sa[i] = -1 }
                var name = 0
                var previous = -1
                for i in 0..<m {
                    let position = Int(sa[i])
                    var different = previous < 0
                    if !different {
                        var d = 0
                        while true {
                            if position + d == n || previous + d == n {
                                different = true
                                break
                            }
                            if s[position + d] != s[previous + d] || t[position + d] != t[previous + d] {
                                different = true
                                break
                            }
                            if d > 0 && (isLMS(position + d) || isLMS(previous + d)) {
                                different = !(isLMS(position + d) && isLMS(previous + d))
                                break
                            }
                            d += 1
                        }
                    }
                    if different {
                        name += 1
                        previous = position
                    }
                    sa[m + position / 2] = Int32(name - 1)
                }
                var j = n - 1
                var r = n - 1
                while r >= m {
                    if sa[r] >= 0 {
                        sa[j] = sa[r]
                        j -= 1
                    }
                    r -= 1
                }

                // 3. Sort the LMS suffixes: recurse when names repeat.
                let reduced = sa + (n - m)
                if name < m {
                    induce(UnsafePointer(reduced), sa, m, name)
                } else {
                    for i in 0..<m { sa[Int(reduced[i])] = Int32(i) }
                }
                var w = 0
                for i in 1..<n where isLMS(i) {
                    reduced[w] = Int32(i)
                    w += 1
                }
                for i in 0..<m { sa[i] = reduced[Int(sa[i])] }
                for i in m..<n { sa[i] = -1 }

                // 4. Place the sorted LMS suffixes at their bucket ends and induce the rest.
                fillBuckets(ends: true)
                var p = m - 1
                while p >= 0 {
                    let position = Int(sa[p])
                    sa[p] = -1
                    let c = Int(s[position])
                    bkt[c] -= 1
                    sa[bkt[c]] = Int32(position)
                    p -= 1
                }
                induceLS()
            }
        }
    }
}
