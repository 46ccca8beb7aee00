extension TopicMatcher {
    /// Adds `value` under `filter`. Adding the same pair twice stores it once.
    ///
    /// - Parameters:
    ///   - filter: The topic filter (its matching part is used for shared subscriptions).
    ///   - value: The value, for example a subscriber.
    /// - Returns: `true` if the pair was added, `false` if it was already present.
    /// - Complexity: O(levels + values under the filter) amortized.
    @discardableResult
    public mutating func insert(_ filter: TopicFilter, value: Value) -> Bool {
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(copying: storage) }
        defer { view = View(storage) }
        let owner = filter.matchingFilter.withUnsafeBytes { TopicMatcher.owner(of: $0, in: storage, creating: true) }
        let store = self.storage
        var last: Int32 = -1
        var entry = store.head(owner)
        while entry >= 0 {
            if store.entries[Int(entry)].value == value { return false }
            last = entry
            entry = store.entries[Int(entry)].next
        }
        let added = store.appendEntry(Entry(value: value, next: -1, owner: owner))
        if last >= 0 { store.entries[Int(last)].next = added } else { store.setHead(owner, added) }
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
        let found = filter.matchingFilter.withUnsafeBytes { TopicMatcher.owner(of: $0, in: storage, creating: false) }
        if found < 0 { return false }
        if !isKnownUniquelyReferenced(&storage) { storage = Storage(copying: storage) }
        defer { view = View(storage) }
        let store = self.storage
        var previous: Int32 = -1
        var entry = store.head(found)
        while entry >= 0 && store.entries[Int(entry)].value != value {
            previous = entry
            entry = store.entries[Int(entry)].next
        }
        if entry < 0 { return false }
        let next = store.entries[Int(entry)].next
        if previous >= 0 { store.entries[Int(previous)].next = next } else { store.setHead(found, next) }
        store.deleteEntry(entry)
        TopicMatcher.prune(found >> 1, in: storage)
        return true
    }

    /// The list owner (`node << 1`, plus 1 for a trailing `#`) for `filter`'s levels, creating the
    /// nodes on the way when `creating`; -1 when absent and not `creating`.
    private static func owner(of filter: UnsafeRawBufferPointer, in storage: Storage, creating: Bool) -> Int32 {
        var node: Int32 = 0
        var position = 0
        while true {
            let level = scanLevel(filter, from: position)
            let length = level.end - position
            if length == 1 && filter[position] == 0x23 { return node << 1 | 1 }
            if length == 1 && filter[position] == 0x2B {
                var plus = storage.nodes[Int(node)].plus
                if plus < 0 {
                    guard creating else { return -1 }
                    plus = storage.newNode(parent: node, length: -1, tailStart: 0, hash: 0)
                    storage.nodes[Int(node)].plus = plus
                    storage.mirror(node)
                }
                node = plus
            } else {
                var child =
                    lookup(View(storage), filter, parent: node, start: position, level: level)?.pointee.child ?? -1
                if child < 0 {
                    guard creating else { return -1 }
                    let tailStart =
                        length > 16
                        ? storage.appendToArena(UnsafeRawBufferPointer(rebasing: filter[(position + 16)..<level.end]))
                        : 0
                    child = storage.newNode(parent: node, length: Int32(length), tailStart: tailStart, hash: level.hash)
                    storage.info[Int(node)].literals += 1
                    let slot = Slot(
                        word0: level.word0, word1: level.word1, key: key(parent: node, length: length), child: child)
                    // After the insert: a rehash on the way recomputes every node's child bits.
                    storage.tableInsert(slot, hash: level.hash)
                    storage.nodes[Int(node)].children |= childBit(level.hash)
                    storage.mirror(node)
                }
                node = child
            }
            if level.end >= filter.count { return node << 1 }
            position = level.end + 1
        }
    }

    /// Frees `start` and its ancestors while they hold no values and no children.
    private static func prune(_ start: Int32, in storage: Storage) {
        var index = start
        while index != 0 {
            let node = storage.nodes[Int(index)]
            let record = storage.info[Int(index)]
            guard node.values < 0, node.multi < 0, node.plus < 0, record.literals == 0 else { break }
            let parent = record.parent
            if storage.nodes[Int(parent)].plus == index {
                storage.nodes[Int(parent)].plus = -1
                storage.mirror(parent)
            } else {
                storage.tableRemove(index)
                storage.info[Int(parent)].literals -= 1
                if record.length > 16 { storage.arenaGarbage += Int(record.length) - 16 }
            }
            storage.freeNode(index)
            index = parent
        }
        if storage.arenaGarbage > 4096 && storage.arenaGarbage * 2 > storage.arenaCount { storage.compactArena() }
    }
}
