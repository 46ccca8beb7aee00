extension TopicMatcher {
    /// Calls `body` with every value on the list starting at entry `first`.
    @inlinable @inline(__always)
    internal static func emit(_ view: View, _ first: Int32, _ body: (Value) -> Void) {
        var entry = first
        while entry >= 0 {
            let record = view.entries + Int(entry)
            body(record.pointee.value)
            entry = record.pointee.next
        }
    }

    /// How many `+` branches a walk keeps pending before it recurses instead.
    @inlinable
    internal static var pendingCapacity: Int { 16 }

    /// Visits node `start` with the topic's levels from `from` on still to match (`from` past the
    /// end: none left). Follows one branch in a loop; where a literal child and a `+` child both
    /// continue, the `+` branch waits on a small stack (a recursive call once the stack is full)
    /// until the literal branch is done, so values come out in depth-first order: `#` values, the
    /// literal subtree, then the `+` subtree.
    @inlinable
    internal static func walk(
        _ view: View, _ topic: UnsafeRawBufferPointer, _ dollar: Bool, _ start: Int32, _ from: Int,
        _ body: (Value) -> Void
    ) {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: pendingCapacity) { pending in
            var depth = 0
            var index = start
            var position = from
            var node = view.nodes[Int(start)]
            while true {
                // A leading wildcard does not match a topic starting with '$' [MQTT-4.7.2-1].
                let wildcards = index != 0 || !dollar
                if node.multi >= 0 && wildcards { emit(view, node.multi, body) }
                var next: Int32 = -1
                var nextNode: Node? = nil
                if position > topic.count {
                    emit(view, node.values, body)
                } else {
                    let plus = wildcards ? node.plus : -1
                    if node.children != 0 {
                        let level = scanLevel(topic, from: position)
                        let slot =
                            node.children & childBit(level.hash) != 0
                            ? lookup(view, topic, parent: index, start: position, level: level) : nil
                        position = level.end &+ 1
                        if let slot {
                            if plus >= 0 {
                                if depth < pending.count {
                                    pending[depth] = UInt64(UInt32(bitPattern: plus)) | UInt64(position) &<< 32
                                    depth &+= 1
                                } else {
                                    walk(view, topic, dollar, plus, position, body)
                                }
                            }
                            next = slot.pointee.child
                            nextNode = slot.pointee.node
                        } else {
                            next = plus
                        }
                    } else if plus >= 0 {
                        position = levelEnd(topic, from: position) &+ 1
                        next = plus
                    }
                }
                if next >= 0 {
                    index = next
                    node = nextNode ?? view.nodes[Int(next)]
                } else if depth > 0 {
                    depth &-= 1
                    let entry = pending[depth]
                    index = Int32(truncatingIfNeeded: entry)
                    position = Int(truncatingIfNeeded: entry &>> 32)
                    node = view.nodes[Int(index)]
                } else {
                    return
                }
            }
        }
    }

    /// The slot of the literal child of `parent` for the level `topic[start..<level.end]`, or nil.
    @inlinable @inline(__always)
    internal static func lookup(
        _ view: View, _ topic: UnsafeRawBufferPointer, parent: Int32, start: Int, level: Level
    ) -> UnsafePointer<Slot>? {
        let length = level.end &- start
        let key = TopicMatcher.key(parent: parent, length: length)
        var index = slotIndex(hash: level.hash, key: key, shift: view.slotShift)
        while true {
            let slot = view.slots + index
            if slot.pointee.key == key && slot.pointee.word0 == level.word0 && slot.pointee.word1 == level.word1 {
                let child = slot.pointee.child
                if length <= 16 || tailEqual(view, child, topic, start &+ 16, length &- 16) { return slot }
            } else if slot.pointee.key == emptyKey {
                return nil
            }
            index = (index &+ 1) & view.slotMask
        }
    }

    /// Whether node `child`'s level bytes past the first 16 equal `topic[start..<start + count]`.
    @usableFromInline
    internal static func tailEqual(
        _ view: View, _ child: Int32, _ topic: UnsafeRawBufferPointer, _ start: Int, _ count: Int
    ) -> Bool {
        let tail = view.arena + Int(view.info[Int(child)].tailStart)
        for offset in 0..<count where tail[offset] != topic[start + offset] { return false }
        return true
    }

    /// The index of the `/` ending the level that starts at `start`, or the byte count.
    @inlinable
    internal static func levelEnd(_ topic: UnsafeRawBufferPointer, from start: Int) -> Int {
        var position = start
        let count = topic.count
        while position < count {
            let slashes = slashBytes(word(topic, at: position))
            if slashes != 0 { return min(position &+ slashes.trailingZeroBitCount &>> 3, count) }
            position &+= 8
        }
        return count
    }
}
