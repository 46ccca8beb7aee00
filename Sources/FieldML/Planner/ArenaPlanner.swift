/// Plans where every activation buffer lives in one arena, from the buffers' sizes and lifetimes.
///
/// Two buffers may share bytes only when their lifetimes (the inclusive range of operator indices
/// during which they hold data) do not overlap. The planner places buffers greedily at the lowest
/// aligned offset that does not collide with an already placed buffer alive at the same time, the
/// strategy TensorFlow Lite Micro's `GreedyMemoryPlanner` uses, and tries several placement orders
/// (largest first, as TFLM does, then longest-lived first, then largest area first, then first
/// use), keeping the smallest arena. The result is therefore never larger than TFLM's greedy plan
/// for the same buffers.
///
/// ```swift
/// var planner = ArenaPlanner(alignment: 16)
/// let a = planner.add(size: 1000, firstUse: 0, lastUse: 1)
/// let b = planner.add(size: 500, firstUse: 1, lastUse: 2)
/// let plan = planner.plan()
/// print(plan.size, plan.offsets[a], plan.offsets[b])  // 1520 0 1008
/// ```
public struct ArenaPlanner: Sendable {
    /// One buffer to place.
    public struct Buffer: Equatable, Sendable {
        /// The size in bytes.
        public var size: Int
        /// The first operator index that uses the buffer.
        public var firstUse: Int
        /// The last operator index that uses the buffer (inclusive).
        public var lastUse: Int
    }

    /// A plan: the arena size and each buffer's offset, in the order the buffers were added.
    public struct Plan: Equatable, Sendable {
        /// The number of bytes the arena needs.
        public var size: Int
        /// Each buffer's offset in the arena.
        public var offsets: [Int]
    }

    /// The buffers added so far.
    public private(set) var buffers: [Buffer] = []
    /// The alignment of every offset, in bytes (a power of two).
    public let alignment: Int

    /// Creates an empty planner.
    ///
    /// - Parameter alignment: The alignment of every offset; a power of two (16 by default).
    @_optimize(size)
    public init(alignment: Int = 16) {
        self.alignment = max(1, alignment)
    }

    /// Adds a buffer and returns its index in the plan.
    ///
    /// - Parameters:
    ///   - size: The size in bytes.
    ///   - firstUse: The first operator index that uses it.
    ///   - lastUse: The last operator index that uses it (inclusive).
    /// - Returns: The buffer's index in ``Plan/offsets``.
    @discardableResult
    @_optimize(size)
    public mutating func add(size: Int, firstUse: Int, lastUse: Int) -> Int {
        buffers.append(Buffer(size: size, firstUse: firstUse, lastUse: max(firstUse, lastUse)))
        return buffers.count - 1
    }

    /// Places every buffer and returns the smallest plan found.
    ///
    /// - Returns: The plan.
    /// - Complexity: O(n² log n) in the number of buffers.
    @_optimize(size)
    public func plan() -> Plan {
        let n = buffers.count
        if n == 0 { return Plan(size: 0, offsets: []) }
        let b = buffers
        let orders: [[Int]] = [
            // TFLM's order: largest first, then earliest first use.
            sortedIndices { x, y in
                b[x].size != b[y].size ? b[x].size > b[y].size : b[x].firstUse < b[y].firstUse
            },
            // Longest-lived first.
            sortedIndices { x, y in
                let lx = b[x].lastUse - b[x].firstUse
                let ly = b[y].lastUse - b[y].firstUse
                return lx != ly ? lx > ly : b[x].size > b[y].size
            },
            // Largest size x lifetime first.
            sortedIndices { x, y in
                b[x].size * (b[x].lastUse - b[x].firstUse + 1) > b[y].size * (b[y].lastUse - b[y].firstUse + 1)
            },
            // First use.
            Array(0..<n),
        ]
        var best: Plan?
        for order in orders {
            let candidate = place(order)
            if best == nil || candidate.size < best!.size { best = candidate }
        }
        return best!
    }

    /// The buffer indices in a stable insertion-sort order (n is small: one per tensor).
    @_optimize(size)
    private func sortedIndices(by less: (Int, Int) -> Bool) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(buffers.count)
        for index in 0..<buffers.count {
            var position = result.count
            while position > 0 && less(index, result[position - 1]) { position -= 1 }
            result.insert(index, at: position)
        }
        return result
    }

    @_optimize(size)
    private func sortByStart(_ ranges: inout [(Int, Int)]) {
        for i in 1..<max(ranges.count, 1) {
            let item = ranges[i]
            var j = i
            while j > 0 && ranges[j - 1].0 > item.0 {
                ranges[j] = ranges[j - 1]
                j -= 1
            }
            ranges[j] = item
        }
    }

    @_optimize(size)
    private func align(_ value: Int) -> Int {
        (value + alignment - 1) / alignment * alignment
    }

    /// Places buffers in `order`, each at the lowest offset free for its lifetime.
    @_optimize(size)
    private func place(_ order: [Int]) -> Plan {
        var offsets = [Int](repeating: -1, count: buffers.count)
        var placed: [Int] = []
        var total = 0
        for index in order {
            let buffer = buffers[index]
            var live: [(Int, Int)] = []
            for other in placed {
                let o = buffers[other]
                if o.firstUse <= buffer.lastUse && buffer.firstUse <= o.lastUse {
                    live.append((offsets[other], offsets[other] + o.size))
                }
            }
            sortByStart(&live)
            var candidate = 0
            for (start, end) in live {
                if candidate + buffer.size <= start { break }
                candidate = max(candidate, align(end))
            }
            offsets[index] = candidate
            placed.append(index)
            total = max(total, candidate + buffer.size)
        }
        return Plan(size: align(total), offsets: offsets)
    }
}
