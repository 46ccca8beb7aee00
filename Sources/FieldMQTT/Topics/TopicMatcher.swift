/// A subscription trie for servers: maps topic filters to values and finds every value whose filter
/// matches a topic name.
///
/// Each filter level is a node; literal children are found through one open-addressing hash table
/// keyed by (parent, level bytes), `+` and `#` children hang off their parent directly. Matching
/// walks the topic's levels once, branching only into `+` and `#` children, and allocates nothing.
/// Filters starting with a wildcard do not match topics starting with `$` [MQTT-4.7.2-1]. Shared
/// subscriptions are matched on their filter part; the value decides which member receives the
/// message.
///
/// ```swift
/// var matcher = TopicMatcher<Int>()
/// matcher.insert(try TopicFilter("meters/+/energy"), value: 1)
/// matcher.insert(try TopicFilter("meters/#"), value: 2)
/// matcher.forEachMatch(try TopicName("meters/7/energy")) { print($0) }   // 1, 2 (in some order)
/// ```
public struct TopicMatcher<Value: Equatable> {
    private struct Node {
        var parent: Int32
        var hash: UInt64
        var level: [UInt8]
        var plus: Int32 = -1
        var multi: Int32 = -1
        var literalChildren: Int32 = 0
        var values: [Value] = []
        var inTable = false
        var live = true
    }

    private var nodes: [Node]
    private var table: [Int32]
    private var tableUsed = 0
    private var free: [Int32] = []

    /// The number of (filter, value) entries.
    public private(set) var count = 0

    /// Creates an empty matcher.
    public init() {
        nodes = [Node(parent: -1, hash: 0, level: [])]
        table = [Int32](repeating: -1, count: 64)
    }

    /// Whether the matcher holds no entries.
    public var isEmpty: Bool { count == 0 }

    // MARK: Insert and remove

    /// Adds `value` under `filter`. Adding the same pair twice stores it once.
    ///
    /// - Parameters:
    ///   - filter: The topic filter (its matching part is used for shared subscriptions).
    ///   - value: The value, for example a subscriber.
    /// - Returns: `true` if the pair was added, `false` if it was already present.
    /// - Complexity: O(levels) amortized.
    @discardableResult
    public mutating func insert(_ filter: TopicFilter, value: Value) -> Bool {
        let levels = TopicMatcher.levels(filter.matchingFilter.array)
        var node: Int32 = 0
        for level in levels {
            if level == [0x2B] {
                if nodes[Int(node)].plus < 0 {
                    let child = newNode(parent: node, hash: 0, level: level)
                    nodes[Int(node)].plus = child
                }
                node = nodes[Int(node)].plus
            } else if level == [0x23] {
                if nodes[Int(node)].multi < 0 {
                    let child = newNode(parent: node, hash: 0, level: level)
                    nodes[Int(node)].multi = child
                }
                node = nodes[Int(node)].multi
            } else {
                let hash = TopicMatcher.hash(parent: node, level: level)
                let found: Int32? = level.withUnsafeBytes { lookup(parent: node, hash: hash, level: $0) }
                if let found {
                    node = found
                } else {
                    let child = newNode(parent: node, hash: hash, level: level)
                    nodes[Int(child)].inTable = true
                    nodes[Int(node)].literalChildren += 1
                    tableInsert(child)
                    node = child
                }
            }
        }
        if nodes[Int(node)].values.contains(value) { return false }
        nodes[Int(node)].values.append(value)
        count += 1
        return true
    }

    /// Removes `value` from under `filter`, pruning nodes left empty.
    ///
    /// - Parameters:
    ///   - filter: The topic filter it was inserted with.
    ///   - value: The value.
    /// - Returns: Whether the pair was present.
    /// - Complexity: O(levels + values under the filter).
    @discardableResult
    public mutating func remove(_ filter: TopicFilter, value: Value) -> Bool {
        var node: Int32 = 0
        for level in TopicMatcher.levels(filter.matchingFilter.array) {
            let next: Int32
            if level == [0x2B] {
                next = nodes[Int(node)].plus
            } else if level == [0x23] {
                next = nodes[Int(node)].multi
            } else {
                let hash = TopicMatcher.hash(parent: node, level: level)
                next = level.withUnsafeBytes { lookup(parent: node, hash: hash, level: $0) } ?? -1
            }
            if next < 0 { return false }
            node = next
        }
        guard let index = nodes[Int(node)].values.firstIndex(of: value) else { return false }
        nodes[Int(node)].values.remove(at: index)
        count -= 1
        prune(node)
        return true
    }

    // MARK: Matching

    /// Calls `body` with every value whose filter matches `topic` (once per matching filter).
    ///
    /// - Parameters:
    ///   - topic: The topic name.
    ///   - body: Called for each match.
    /// - Complexity: O(levels × branching), independent of the number of filters for literal levels.
    public func forEachMatch(_ topic: TopicName, _ body: (Value) -> Void) {
        topic.bytes.withUnsafeBytes { forEachMatch(topic: $0, body) }
    }

    /// Calls `body` with every value whose filter matches the topic name in `topic` (raw bytes of a
    /// valid topic name, for example a decoded PUBLISH's topic).
    ///
    /// - Parameters:
    ///   - topic: The topic name's bytes.
    ///   - body: Called for each match.
    public func forEachMatch(topic: UnsafeRawBufferPointer, _ body: (Value) -> Void) {
        let dollar = !topic.isEmpty && topic[0] == 0x24
        nodes.withUnsafeBufferPointer { nodes in
            walk(nodes, 0, topic, 0, dollar, body)
        }
    }

    /// The values whose filters match `topic`.
    ///
    /// - Parameter topic: The topic name.
    /// - Returns: The values, once per matching filter.
    public func matches(_ topic: TopicName) -> [Value] {
        var result: [Value] = []
        forEachMatch(topic) { result.append($0) }
        return result
    }

    private func walk(
        _ nodes: UnsafeBufferPointer<Node>, _ index: Int32, _ topic: UnsafeRawBufferPointer, _ position: Int,
        _ dollar: Bool, _ body: (Value) -> Void
    ) {
        let node = nodes[Int(index)]
        let wildcardsAllowed = index != 0 || !dollar
        if node.multi >= 0 && wildcardsAllowed {
            for value in nodes[Int(node.multi)].values { body(value) }
        }
        if position > topic.count {
            for value in node.values { body(value) }
            return
        }
        var end = position
        while end < topic.count && topic[end] != 0x2F { end += 1 }
        if node.literalChildren > 0 {
            let level = UnsafeRawBufferPointer(rebasing: topic[position..<end])
            let hash = TopicMatcher.hash(parent: index, level: level)
            if let child = lookup(nodes, parent: index, hash: hash, level: level) {
                walk(nodes, child, topic, end + 1, dollar, body)
            }
        }
        if node.plus >= 0 && wildcardsAllowed {
            walk(nodes, node.plus, topic, end + 1, dollar, body)
        }
    }

    // MARK: Storage

    private static func levels(_ filter: [UInt8]) -> [[UInt8]] {
        var result: [[UInt8]] = []
        var current: [UInt8] = []
        for byte in filter {
            if byte == 0x2F {
                result.append(current)
                current = []
            } else {
                current.append(byte)
            }
        }
        result.append(current)
        return result
    }

    private static func hash(parent: Int32, level: [UInt8]) -> UInt64 {
        level.withUnsafeBytes { hash(parent: parent, level: $0) }
    }

    private static func hash(parent: Int32, level: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ (UInt64(UInt32(bitPattern: parent)) &* 0x9E37_79B9_7F4A_7C15)
        for byte in level {
            h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 32
        return h
    }

    private func lookup(parent: Int32, hash: UInt64, level: UnsafeRawBufferPointer) -> Int32? {
        nodes.withUnsafeBufferPointer { lookup($0, parent: parent, hash: hash, level: level) }
    }

    private func lookup(_ nodes: UnsafeBufferPointer<Node>, parent: Int32, hash: UInt64, level: UnsafeRawBufferPointer)
        -> Int32?
    {
        let mask = table.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        return table.withUnsafeBufferPointer { table -> Int32? in
            while true {
                let entry = table[slot]
                if entry == -1 { return nil }
                if entry >= 0 {
                    let node = nodes[Int(entry)]
                    if node.hash == hash && node.parent == parent && node.level.count == level.count {
                        let equal = node.level.withUnsafeBytes { stored in
                            level.count == 0 || memcmpEqual(stored, level)
                        }
                        if equal { return entry }
                    }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    private mutating func newNode(parent: Int32, hash: UInt64, level: [UInt8]) -> Int32 {
        let node = Node(parent: parent, hash: hash, level: level)
        if let reused = free.popLast() {
            nodes[Int(reused)] = node
            return reused
        }
        nodes.append(node)
        return Int32(nodes.count - 1)
    }

    private mutating func tableInsert(_ index: Int32) {
        if (tableUsed + 1) * 4 >= table.count * 3 { rehash(capacity: table.count * 2) }
        let mask = table.count - 1
        var slot = Int(truncatingIfNeeded: nodes[Int(index)].hash) & mask
        while table[slot] >= 0 { slot = (slot + 1) & mask }
        if table[slot] == -1 { tableUsed += 1 }
        table[slot] = index
    }

    private mutating func tableRemove(_ index: Int32) {
        let mask = table.count - 1
        var slot = Int(truncatingIfNeeded: nodes[Int(index)].hash) & mask
        while table[slot] != index {
            if table[slot] == -1 { return }
            slot = (slot + 1) & mask
        }
        table[slot] = -2  // tombstone
    }

    private mutating func rehash(capacity: Int) {
        var newCapacity = max(capacity, 64)
        let live = nodes.reduce(0) { $0 + ($1.live && $1.inTable ? 1 : 0) }
        while (live + 1) * 4 >= newCapacity * 3 { newCapacity *= 2 }
        table = [Int32](repeating: -1, count: newCapacity)
        tableUsed = 0
        let mask = newCapacity - 1
        for index in nodes.indices where nodes[index].live && nodes[index].inTable {
            var slot = Int(truncatingIfNeeded: nodes[index].hash) & mask
            while table[slot] != -1 { slot = (slot + 1) & mask }
            table[slot] = Int32(index)
            tableUsed += 1
        }
    }

    private mutating func prune(_ start: Int32) {
        var index = start
        while index != 0 {
            let node = nodes[Int(index)]
            guard node.values.isEmpty, node.plus < 0, node.multi < 0, node.literalChildren == 0 else { return }
            let parent = node.parent
            if nodes[Int(parent)].plus == index {
                nodes[Int(parent)].plus = -1
            } else if nodes[Int(parent)].multi == index {
                nodes[Int(parent)].multi = -1
            } else {
                tableRemove(index)
                nodes[Int(parent)].literalChildren -= 1
            }
            nodes[Int(index)] = Node(parent: -1, hash: 0, level: [], live: false)
            free.append(index)
            index = parent
        }
    }
}

private func memcmpEqual(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
    for i in 0..<a.count where a[i] != b[i] { return false }
    return true
}
