/// A subscription trie for servers: maps topic filters to values and finds every value whose filter
/// matches a topic name.
///
/// Each filter level is a node. Literal children are found through one open-addressing hash table
/// keyed by (parent, level bytes); `+` and `#` children hang off their parent directly. Node
/// metadata lives in flat arrays of plain integers and level bytes in one arena, so matching walks
/// the topic's levels once (hashing each level eight bytes at a time), branches only into `+` and
/// `#` children, and neither allocates nor retains. Filters starting with a wildcard do not match
/// topics starting with `$` [MQTT-4.7.2-1]. Shared subscriptions are matched on their filter part;
/// the value decides which member receives the message.
///
/// ```swift
/// var matcher = TopicMatcher<Int>()
/// matcher.insert(try TopicFilter("meters/+/energy"), value: 1)
/// matcher.insert(try TopicFilter("meters/#"), value: 2)
/// matcher.forEachMatch(try TopicName("meters/7/energy")) { print($0) }   // 1, 2 (in some order)
/// ```
public struct TopicMatcher<Value: Equatable> {
    @usableFromInline
    internal struct Node {
        @usableFromInline var parent: Int32
        @usableFromInline var levelStart: Int32
        @usableFromInline var levelCount: Int32
        @usableFromInline var plus: Int32 = -1
        @usableFromInline var multi: Int32 = -1
        @usableFromInline var literalChildren: Int32 = 0
        @usableFromInline var hash: UInt64
        /// The level's first 16 bytes, little-endian, zero-padded: most levels compare without
        /// touching the arena.
        @usableFromInline var prefix0: UInt64 = 0
        @usableFromInline var prefix1: UInt64 = 0
        @usableFromInline var inTable = false
        @usableFromInline var live = true
        @usableFromInline var hasValues = false

        init(parent: Int32, levelStart: Int32, levelCount: Int32, hash: UInt64, live: Bool = true) {
            self.parent = parent
            self.levelStart = levelStart
            self.levelCount = levelCount
            self.hash = hash
            self.live = live
        }
    }

    @usableFromInline internal var nodes: [Node]
    @usableFromInline internal var values: [[Value]]
    @usableFromInline internal var arena: [UInt8] = []
    @usableFromInline internal var arenaGarbage = 0
    /// Open-addressing slots: the upper 32 bits hold the node's hash tag, the lower 32 its index;
    /// `empty` and `tombstone` mark free slots.
    @usableFromInline internal var table: [UInt64]
    @usableFromInline internal var tableUsed = 0
    private var free: [Int32] = []

    /// The number of (filter, value) entries.
    public private(set) var count = 0

    /// Creates an empty matcher.
    public init() {
        nodes = [Node(parent: -1, levelStart: 0, levelCount: 0, hash: 0)]
        values = [[]]
        table = [UInt64](repeating: TopicMatcher.empty, count: 64)
    }

    @usableFromInline static var empty: UInt64 { UInt64.max }
    @usableFromInline static var tombstone: UInt64 { UInt64.max - 1 }

    @inlinable
    static func entry(_ index: Int32, _ hash: UInt64) -> UInt64 {
        (hash & 0xFFFF_FFFF_0000_0000) | UInt64(UInt32(bitPattern: index))
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
        var node: Int32 = 0
        for level in TopicMatcher.levels(filter.matchingFilter.array) {
            if level == [0x2B] {
                if nodes[Int(node)].plus < 0 { nodes[Int(node)].plus = newNode(parent: node, hash: 0, level: []) }
                node = nodes[Int(node)].plus
            } else if level == [0x23] {
                if nodes[Int(node)].multi < 0 { nodes[Int(node)].multi = newNode(parent: node, hash: 0, level: []) }
                node = nodes[Int(node)].multi
            } else {
                let (hash, found) = level.withUnsafeBytes { raw in
                    let hash = TopicMatcher.hash(parent: node, level: raw)
                    return (hash, find(parent: node, hash: hash, level: raw))
                }
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
        if values[Int(node)].contains(value) { return false }
        values[Int(node)].append(value)
        nodes[Int(node)].hasValues = true
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
                next =
                    level.withUnsafeBytes { raw in
                        find(parent: node, hash: TopicMatcher.hash(parent: node, level: raw), level: raw)
                    } ?? -1
            }
            if next < 0 { return false }
            node = next
        }
        guard let index = values[Int(node)].firstIndex(of: value) else { return false }
        values[Int(node)].remove(at: index)
        nodes[Int(node)].hasValues = !values[Int(node)].isEmpty
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
    /// - Complexity: O(levels × wildcard branching), independent of the number of literal filters.
    @inlinable
    public func forEachMatch(_ topic: TopicName, _ body: (Value) -> Void) {
        topic.bytes.withUnsafeBytes { forEachMatch(topic: $0, body) }
    }

    /// Calls `body` with every value whose filter matches the topic name in `topic` (raw bytes of a
    /// valid topic name, for example a decoded PUBLISH's topic).
    ///
    /// - Parameters:
    ///   - topic: The topic name's bytes.
    ///   - body: Called for each match.
    /// - Complexity: O(levels × wildcard branching).
    @inlinable
    public func forEachMatch(topic: UnsafeRawBufferPointer, _ body: (Value) -> Void) {
        let dollar = !topic.isEmpty && topic[0] == 0x24
        nodes.withUnsafeBufferPointer { nodes in
            table.withUnsafeBufferPointer { table in
                arena.withUnsafeBytes { arena in
                    let context = Walk(nodes: nodes, table: table, arena: arena, topic: topic, dollar: dollar)
                    walk(context, 0, 0, body)
                }
            }
        }
    }

    /// The values whose filters match `topic`.
    ///
    /// - Parameter topic: The topic name.
    /// - Returns: The values, once per matching filter.
    @inlinable
    public func matches(_ topic: TopicName) -> [Value] {
        var result: [Value] = []
        forEachMatch(topic) { result.append($0) }
        return result
    }

    @usableFromInline
    internal struct Walk {
        @usableFromInline let nodes: UnsafeBufferPointer<Node>
        @usableFromInline let table: UnsafeBufferPointer<UInt64>
        @usableFromInline let arena: UnsafeRawBufferPointer
        @usableFromInline let topic: UnsafeRawBufferPointer
        @usableFromInline let dollar: Bool

        @inlinable
        init(
            nodes: UnsafeBufferPointer<Node>, table: UnsafeBufferPointer<UInt64>, arena: UnsafeRawBufferPointer,
            topic: UnsafeRawBufferPointer, dollar: Bool
        ) {
            self.nodes = nodes
            self.table = table
            self.arena = arena
            self.topic = topic
            self.dollar = dollar
        }
    }

    @inlinable
    internal func emit(_ index: Int32, _ body: (Value) -> Void) {
        values.withUnsafeBufferPointer { lists in
            lists[Int(index)].withUnsafeBufferPointer { list in
                for value in list { body(value) }
            }
        }
    }

    /// Visits `index` with the topic's levels from `position` on still to match (`position` past
    /// the end: none left).
    @inlinable
    internal func walk(_ c: Walk, _ index: Int32, _ position: Int, _ body: (Value) -> Void) {
        let node = c.nodes[Int(index)]
        let wildcardsAllowed = index != 0 || !c.dollar
        if node.multi >= 0 && wildcardsAllowed && c.nodes[Int(node.multi)].hasValues { emit(node.multi, body) }
        if position > c.topic.count {
            if node.hasValues { emit(index, body) }
            return
        }
        if node.literalChildren > 0 {
            let (hash, end) = TopicMatcher.hashLevel(parent: index, topic: c.topic, from: position)
            if let child = TopicMatcher.lookup(c, parent: index, hash: hash, start: position, end: end) {
                walk(c, child, end + 1, body)
            }
            if node.plus >= 0 && wildcardsAllowed { walk(c, node.plus, end + 1, body) }
        } else if node.plus >= 0 && wildcardsAllowed {
            var end = position
            while end < c.topic.count && c.topic[end] != 0x2F { end += 1 }
            walk(c, node.plus, end + 1, body)
        }
    }

    @inlinable
    internal static func lookup(_ c: Walk, parent: Int32, hash: UInt64, start: Int, end: Int) -> Int32? {
        let mask = c.table.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        let length = end - start
        let tag = hash & 0xFFFF_FFFF_0000_0000
        let (word0, word1) = prefixWords(c.topic, start, length)
        while true {
            let entry = c.table[slot]
            if entry == empty { return nil }
            if entry & 0xFFFF_FFFF_0000_0000 == tag && entry != tombstone {
                let index = Int32(truncatingIfNeeded: entry)
                let node = c.nodes[Int(index)]
                if node.hash == hash && node.parent == parent && Int(node.levelCount) == length
                    && node.prefix0 == word0 && node.prefix1 == word1
                    && (length <= 16 || equal(c.arena, Int(node.levelStart) + 16, c.topic, start + 16, length - 16))
                {
                    return index
                }
            }
            slot = (slot + 1) & mask
        }
    }

    /// The first 16 bytes of `bytes[start..<start + length]` as two little-endian words, zero-padded.
    @inlinable
    internal static func prefixWords(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ length: Int) -> (UInt64, UInt64) {
        if length >= 16 {
            return (
                UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: start, as: UInt64.self)),
                UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: start + 8, as: UInt64.self))
            )
        }
        var words: (UInt64, UInt64) = (0, 0)
        var i = 0
        if length >= 8 {
            words.0 = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: start, as: UInt64.self))
            i = 8
        }
        var word: UInt64 = 0
        var j = i
        while j < length {
            word |= UInt64(bytes[start + j]) << (8 * UInt64(j - i))
            j += 1
        }
        if i == 0 { words.0 = word } else { words.1 = word }
        return words
    }

    @inlinable
    internal static func equal(
        _ a: UnsafeRawBufferPointer, _ aStart: Int, _ b: UnsafeRawBufferPointer, _ bStart: Int, _ count: Int
    ) -> Bool {
        var i = 0
        while i + 8 <= count {
            if a.loadUnaligned(fromByteOffset: aStart + i, as: UInt64.self)
                != b.loadUnaligned(fromByteOffset: bStart + i, as: UInt64.self)
            {
                return false
            }
            i += 8
        }
        while i < count {
            if a[aStart + i] != b[bStart + i] { return false }
            i += 1
        }
        return true
    }

    // MARK: Hashing

    @inlinable
    internal static func mix(_ h: UInt64, _ word: UInt64) -> UInt64 {
        let x = (h ^ word) &* 0x9E37_79B9_7F4A_7C15
        return x ^ (x >> 29)
    }

    @inlinable
    internal static func finish(_ h: UInt64, _ length: Int) -> UInt64 {
        var x = h ^ UInt64(length)
        x = (x ^ (x >> 32)) &* 0xBF58_476D_1CE4_E5B9
        return x ^ (x >> 29)
    }

    @inlinable
    internal static func seed(_ parent: Int32) -> UInt64 {
        0xCBF2_9CE4_8422_2325 ^ (UInt64(UInt32(bitPattern: parent)) &* 0xD6E8_FEB8_6659_FD93)
    }

    /// The hash of a whole level (for insert and remove).
    private static func hash(parent: Int32, level: UnsafeRawBufferPointer) -> UInt64 {
        var h = seed(parent)
        var i = 0
        while i + 8 <= level.count {
            h = mix(h, UInt64(littleEndian: level.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            i += 8
        }
        if i < level.count {
            var word: UInt64 = 0
            for j in i..<level.count { word |= UInt64(level[j]) << (8 * UInt64(j - i)) }
            h = mix(h, word)
        }
        return finish(h, level.count)
    }

    /// Finds the end of the level starting at `start` and hashes it the same way as
    /// ``hash(parent:level:)``, eight bytes at a time.
    @inlinable
    internal static func hashLevel(parent: Int32, topic: UnsafeRawBufferPointer, from start: Int) -> (UInt64, Int) {
        var h = seed(parent)
        var i = start
        let count = topic.count
        while i + 8 <= count {
            let word = UInt64(littleEndian: topic.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            let v = word ^ 0x2F2F_2F2F_2F2F_2F2F
            let slash = (v &- 0x0101_0101_0101_0101) & ~v & 0x8080_8080_8080_8080
            if slash != 0 {
                let bytes = slash.trailingZeroBitCount / 8  // the first '/' is flagged exactly
                if bytes > 0 { h = mix(h, word & ((1 << (UInt64(bytes) * 8)) - 1)) }
                return (finish(h, i + bytes - start), i + bytes)
            }
            h = mix(h, UInt64(littleEndian: word))
            i += 8
        }
        var word: UInt64 = 0
        var j = i
        while j < count && topic[j] != 0x2F {
            word |= UInt64(topic[j]) << (8 * UInt64(j - i))
            j += 1
        }
        if j > i { h = mix(h, word) }
        return (finish(h, j - start), j)
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

    private func find(parent: Int32, hash: UInt64, level: UnsafeRawBufferPointer) -> Int32? {
        nodes.withUnsafeBufferPointer { nodes in
            table.withUnsafeBufferPointer { table in
                arena.withUnsafeBytes { arena in
                    let context = Walk(nodes: nodes, table: table, arena: arena, topic: level, dollar: false)
                    return TopicMatcher.lookup(context, parent: parent, hash: hash, start: 0, end: level.count)
                }
            }
        }
    }

    private mutating func newNode(parent: Int32, hash: UInt64, level: [UInt8]) -> Int32 {
        var node = Node(parent: parent, levelStart: Int32(arena.count), levelCount: Int32(level.count), hash: hash)
        for (i, byte) in level.prefix(16).enumerated() {
            if i < 8 {
                node.prefix0 |= UInt64(byte) << (8 * UInt64(i))
            } else {
                node.prefix1 |= UInt64(byte) << (8 * UInt64(i - 8))
            }
        }
        arena.append(contentsOf: level)
        if let reused = free.popLast() {
            nodes[Int(reused)] = node
            values[Int(reused)] = []
            return reused
        }
        nodes.append(node)
        values.append([])
        return Int32(nodes.count - 1)
    }

    private mutating func tableInsert(_ index: Int32) {
        if (tableUsed + 1) * 2 >= table.count { rehash() }
        let mask = table.count - 1
        let hash = nodes[Int(index)].hash
        var slot = Int(truncatingIfNeeded: hash) & mask
        while table[slot] != TopicMatcher.empty && table[slot] != TopicMatcher.tombstone { slot = (slot + 1) & mask }
        if table[slot] == TopicMatcher.empty { tableUsed += 1 }
        table[slot] = TopicMatcher.entry(index, hash)
    }

    private mutating func tableRemove(_ index: Int32) {
        let mask = table.count - 1
        let hash = nodes[Int(index)].hash
        let entry = TopicMatcher.entry(index, hash)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while table[slot] != entry {
            if table[slot] == TopicMatcher.empty { return }
            slot = (slot + 1) & mask
        }
        table[slot] = TopicMatcher.tombstone
    }

    /// Rebuilds the table at a load factor of at most 1/4 (dropping tombstones).
    private mutating func rehash() {
        var live = 0
        for node in nodes where node.live && node.inTable { live += 1 }
        var capacity = 64
        while capacity < (live + 1) * 4 { capacity *= 2 }
        table = [UInt64](repeating: TopicMatcher.empty, count: capacity)
        tableUsed = 0
        let mask = capacity - 1
        for index in nodes.indices where nodes[index].live && nodes[index].inTable {
            let hash = nodes[index].hash
            var slot = Int(truncatingIfNeeded: hash) & mask
            while table[slot] != TopicMatcher.empty { slot = (slot + 1) & mask }
            table[slot] = TopicMatcher.entry(Int32(index), hash)
            tableUsed += 1
        }
    }

    private mutating func prune(_ start: Int32) {
        var index = start
        while index != 0 {
            let node = nodes[Int(index)]
            guard !node.hasValues, node.plus < 0, node.multi < 0, node.literalChildren == 0 else { break }
            let parent = node.parent
            if nodes[Int(parent)].plus == index {
                nodes[Int(parent)].plus = -1
            } else if nodes[Int(parent)].multi == index {
                nodes[Int(parent)].multi = -1
            } else {
                tableRemove(index)
                nodes[Int(parent)].literalChildren -= 1
            }
            arenaGarbage += Int(node.levelCount)
            nodes[Int(index)] = Node(parent: -1, levelStart: 0, levelCount: 0, hash: 0, live: false)
            values[Int(index)] = []
            free.append(index)
            index = parent
        }
        if arenaGarbage > 4096 && arenaGarbage * 2 > arena.count { compactArena() }
    }

    /// Copies the live nodes' level bytes into a fresh arena.
    private mutating func compactArena() {
        var fresh: [UInt8] = []
        fresh.reserveCapacity(arena.count - arenaGarbage)
        for index in nodes.indices where nodes[index].live {
            let start = Int(nodes[index].levelStart)
            let length = Int(nodes[index].levelCount)
            nodes[index].levelStart = Int32(fresh.count)
            fresh.append(contentsOf: arena[start..<(start + length)])
        }
        arena = fresh
        arenaGarbage = 0
    }
}
