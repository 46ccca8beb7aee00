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
    public struct Buffer: Hashable, Sendable {
        /// The size in bytes.
        public var size: Int
        /// The first operator index that uses the buffer.
        public var firstUse: Int
        /// The last operator index that uses the buffer (inclusive).
        public var lastUse: Int
    }

    /// A plan: the arena size and each buffer's offset, in the order the buffers were added.
    public struct Plan: Hashable, Sendable {
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
    public mutating func add(size: Int, firstUse: Int, lastUse: Int) -> Int {
        buffers.append(Buffer(size: size, firstUse: firstUse, lastUse: max(firstUse, lastUse)))
        return buffers.count - 1
    }

    /// Places every buffer and returns the smallest plan found.
    ///
    /// - Returns: The plan.
    /// - Complexity: O(n² log n) in the number of buffers.
    public func plan() -> Plan {
        let n = buffers.count
        if n == 0 { return Plan(size: 0, offsets: []) }
        let indices = Array(0..<n)
        let orders: [[Int]] = [
            indices.sorted { a, b in
                let x = buffers[a]
                let y = buffers[b]
                return x.size != y.size ? x.size > y.size : (x.firstUse != y.firstUse ? x.firstUse < y.firstUse : a < b)
            },
            indices.sorted { a, b in
                let x = buffers[a]
                let y = buffers[b]
                let lx = x.lastUse - x.firstUse
                let ly = y.lastUse - y.firstUse
                return lx != ly ? lx > ly : (x.size != y.size ? x.size > y.size : a < b)
            },
            indices.sorted { a, b in
                let x = buffers[a]
                let y = buffers[b]
                let ax = x.size * (x.lastUse - x.firstUse + 1)
                let ay = y.size * (y.lastUse - y.firstUse + 1)
                return ax != ay ? ax > ay : a < b
            },
            indices,
        ]
        var best: Plan?
        for order in orders {
            let candidate = place(order)
            if best == nil || candidate.size < best!.size { best = candidate }
        }
        return best!
    }

    private func align(_ value: Int) -> Int {
        (value + alignment - 1) / alignment * alignment
    }

    /// Places buffers in `order`, each at the lowest offset free for its lifetime.
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
            live.sort { $0.0 < $1.0 }
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
