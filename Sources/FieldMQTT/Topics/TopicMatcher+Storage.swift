extension TopicMatcher {
    /// A node's hot record: what matching reads at every visited node (16 bytes).
    @usableFromInline
    internal struct Node {
        /// The `+` child, or -1.
        @usableFromInline var plus: Int32 = -1
        /// The first entry of the values whose filter ends at this node, or -1.
        @usableFromInline var values: Int32 = -1
        /// The first entry of the values whose filter ends with `/#` below this node (or is `#` at the
        /// root), or -1.
        @usableFromInline var multi: Int32 = -1
        /// One bit (``TopicMatcher/childBit(_:)``) per literal child's level hash: zero when the node
        /// has no literal children, and a clear bit means no child has that level. Bits of removed
        /// children linger until the next rehash (a wasted lookup, never a wrong answer).
        @usableFromInline var children: UInt32 = 0

        @inlinable
        init() {}
    }

    /// A node's cold record: what insert, remove and rehash need.
    @usableFromInline
    internal struct NodeInfo {
        /// The parent node; for a free node, the next free node (or -1).
        @usableFromInline var parent: Int32
        /// The level's length in bytes; -1 for a `+` node and the root (not in the slot table).
        @usableFromInline var length: Int32
        /// Where the level's bytes past the first 16 start in the arena.
        @usableFromInline var tailStart: Int32
        @usableFromInline var live: Bool
        /// How many literal children hang off this node in the slot table.
        @usableFromInline var literals: Int32 = 0
        /// The node's slot in the table, or -1 (the root, `+` nodes and free nodes).
        @usableFromInline var slot: Int32 = -1
        /// The level's hash (``TopicMatcher/scanLevel(_:from:)``), independent of the parent.
        @usableFromInline var hash: UInt64
    }

    /// One slot of the open-addressing table of literal children: 64 bytes, one cache line (the
    /// table is allocated 64-byte aligned). A level of at most 16 bytes is compared entirely inside
    /// the slot: its bytes as two zero-padded little-endian words and (parent, length) as `key`. The
    /// slot also mirrors the child's ``Node`` record, so a successful lookup hands matching the
    /// child's record from the line it already loaded.
    @usableFromInline
    internal struct Slot {
        @usableFromInline var word0: UInt64
        @usableFromInline var word1: UInt64
        /// `UInt32(parent) | length << 32`, or ``TopicMatcher/emptyKey`` / ``TopicMatcher/deletedKey``.
        @usableFromInline var key: UInt64
        @usableFromInline var child: Int32
        @usableFromInline var spare: UInt32 = 0
        /// A copy of `nodes[child]`, kept in step by ``Storage/mirror(_:)``.
        @usableFromInline var node: Node = Node()
        @usableFromInline var padding: (UInt64, UInt64) = (0, 0)

        @inlinable
        init(word0: UInt64, word1: UInt64, key: UInt64, child: Int32) {
            self.word0 = word0
            self.word1 = word1
            self.key = key
            self.child = child
        }
    }

    /// One stored value in a node's singly linked list.
    @usableFromInline
    internal struct Entry {
        @usableFromInline var value: Value
        @usableFromInline var next: Int32
        /// `node << 1`, plus 1 when the entry is on the node's `multi` list.
        @usableFromInline var owner: Int32

        init(value: Value, next: Int32, owner: Int32) {
            self.value = value
            self.next = next
            self.owner = owner
        }
    }

    @usableFromInline static var emptyKey: UInt64 { UInt64.max }
    @usableFromInline static var deletedKey: UInt64 { UInt64.max - 1 }

    /// The read-only pointers matching uses: trivial to copy, refreshed after every mutation.
    @usableFromInline
    internal struct View {
        @usableFromInline let nodes: UnsafePointer<Node>
        @usableFromInline let slots: UnsafePointer<Slot>
        @usableFromInline let slotMask: Int
        @usableFromInline let slotShift: UInt64
        @usableFromInline let entries: UnsafePointer<Entry>
        @usableFromInline let info: UnsafePointer<NodeInfo>
        @usableFromInline let arena: UnsafePointer<UInt8>

        init(_ storage: Storage) {
            nodes = UnsafePointer(storage.nodes)
            slots = UnsafePointer(storage.slots)
            slotMask = storage.slotCount - 1
            slotShift = UInt64(64 - storage.slotCount.trailingZeroBitCount)
            entries = UnsafePointer(storage.entries)
            info = UnsafePointer(storage.info)
            arena = UnsafePointer(storage.arena)
        }
    }

    /// The matcher's memory: nodes, node records, the slot table, the level arena and the value
    /// entries, each one allocation. Shared between copies of a matcher until one mutates (copy on
    /// write), so copying a matcher costs one retain.
    @usableFromInline
    internal final class Storage {
        var nodes: UnsafeMutablePointer<Node>
        var info: UnsafeMutablePointer<NodeInfo>
        var nodeCapacity: Int
        var nodeCount: Int
        var freeNode: Int32 = -1

        var slots: UnsafeMutablePointer<Slot>
        var slotCount: Int
        /// Slots holding a node or a deletion mark.
        var slotsUsed = 0
        var slotsLive = 0

        var arena: UnsafeMutablePointer<UInt8>
        var arenaCapacity: Int
        var arenaCount = 0
        var arenaGarbage = 0

        var entries: UnsafeMutablePointer<Entry>
        var entryCapacity: Int
        var entryCount = 0

        /// `count` slots, 64-byte aligned, all empty.
        static func allocateSlots(_ count: Int) -> UnsafeMutablePointer<Slot> {
            let raw = UnsafeMutableRawPointer.allocate(byteCount: count * MemoryLayout<Slot>.stride, alignment: 64)
            let slots = raw.bindMemory(to: Slot.self, capacity: count)
            slots.initialize(repeating: Slot(word0: 0, word1: 0, key: TopicMatcher.emptyKey, child: -1), count: count)
            return slots
        }

        static func deallocateSlots(_ slots: UnsafeMutablePointer<Slot>, _ count: Int) {
            slots.deinitialize(count: count)
            UnsafeMutableRawPointer(slots).deallocate()
        }

        /// Copies `nodes[index]` into its slot, if it has one.
        func mirror(_ index: Int32) {
            let slot = info[Int(index)].slot
            if slot >= 0 { slots[Int(slot)].node = nodes[Int(index)] }
        }

        /// An empty matcher's storage: the root node only.
        init() {
            nodeCapacity = 16
            nodes = .allocate(capacity: nodeCapacity)
            info = .allocate(capacity: nodeCapacity)
            nodes.initialize(to: Node())
            info.initialize(to: NodeInfo(parent: -1, length: -1, tailStart: 0, live: true, hash: 0))
            nodeCount = 1
            slotCount = 64
            slots = Storage.allocateSlots(slotCount)
            arenaCapacity = 16
            arena = .allocate(capacity: arenaCapacity)
            entryCapacity = 4
            entries = .allocate(capacity: entryCapacity)
        }

        /// A deep copy of `other`.
        init(copying other: Storage) {
            nodeCapacity = other.nodeCapacity
            nodeCount = other.nodeCount
            freeNode = other.freeNode
            nodes = .allocate(capacity: nodeCapacity)
            nodes.initialize(from: other.nodes, count: nodeCount)
            info = .allocate(capacity: nodeCapacity)
            info.initialize(from: other.info, count: nodeCount)
            slotCount = other.slotCount
            slotsUsed = other.slotsUsed
            slotsLive = other.slotsLive
            slots = Storage.allocateSlots(slotCount)
            slots.update(from: other.slots, count: slotCount)
            arenaCapacity = other.arenaCapacity
            arenaCount = other.arenaCount
            arenaGarbage = other.arenaGarbage
            arena = .allocate(capacity: arenaCapacity)
            arena.initialize(from: other.arena, count: arenaCount)
            entryCapacity = other.entryCapacity
            entryCount = other.entryCount
            entries = .allocate(capacity: entryCapacity)
            entries.initialize(from: other.entries, count: entryCount)
        }

        deinit {
            nodes.deinitialize(count: nodeCount)
            nodes.deallocate()
            info.deinitialize(count: nodeCount)
            info.deallocate()
            Storage.deallocateSlots(slots, slotCount)
            arena.deinitialize(count: arenaCount)
            arena.deallocate()
            entries.deinitialize(count: entryCount)
            entries.deallocate()
        }

        // MARK: Nodes

        /// A fresh node (reusing a freed one when there is one) under `parent`.
        func newNode(parent: Int32, length: Int32, tailStart: Int32, hash: UInt64) -> Int32 {
            let record = NodeInfo(parent: parent, length: length, tailStart: tailStart, live: true, hash: hash)
            if freeNode >= 0 {
                let index = freeNode
                freeNode = info[Int(index)].parent
                nodes[Int(index)] = Node()
                info[Int(index)] = record
                return index
            }
            if nodeCount == nodeCapacity {
                let capacity = nodeCapacity * 2
                let grownNodes = UnsafeMutablePointer<Node>.allocate(capacity: capacity)
                grownNodes.moveInitialize(from: nodes, count: nodeCount)
                nodes.deallocate()
                nodes = grownNodes
                let grownInfo = UnsafeMutablePointer<NodeInfo>.allocate(capacity: capacity)
                grownInfo.moveInitialize(from: info, count: nodeCount)
                info.deallocate()
                info = grownInfo
                nodeCapacity = capacity
            }
            (nodes + nodeCount).initialize(to: Node())
            (info + nodeCount).initialize(to: record)
            nodeCount += 1
            return Int32(nodeCount - 1)
        }

        /// Returns `index` to the free list.
        func freeNode(_ index: Int32) {
            nodes[Int(index)] = Node()
            info[Int(index)] = NodeInfo(parent: freeNode, length: -1, tailStart: 0, live: false, hash: 0)
            freeNode = index
        }

        // MARK: Arena

        /// Appends `bytes` to the arena and returns where they start.
        func appendToArena(_ bytes: UnsafeRawBufferPointer) -> Int32 {
            if arenaCount + bytes.count > arenaCapacity {
                var capacity = arenaCapacity * 2
                while capacity < arenaCount + bytes.count { capacity *= 2 }
                let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
                grown.moveInitialize(from: arena, count: arenaCount)
                arena.deallocate()
                arena = grown
                arenaCapacity = capacity
            }
            let start = arenaCount
            for (offset, byte) in bytes.enumerated() { (arena + start + offset).initialize(to: byte) }
            arenaCount += bytes.count
            return Int32(start)
        }

        /// Copies the live nodes' level tails into a fresh arena.
        func compactArena() {
            let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: arenaCapacity)
            var count = 0
            for index in 0..<nodeCount where info[index].live && info[index].length > 16 {
                let length = Int(info[index].length) - 16
                (fresh + count).initialize(from: arena + Int(info[index].tailStart), count: length)
                info[index].tailStart = Int32(count)
                count += length
            }
            arena.deinitialize(count: arenaCount)
            arena.deallocate()
            arena = fresh
            arenaCount = count
            arenaGarbage = 0
        }

        // MARK: Entries

        /// Appends an entry and returns its index.
        func appendEntry(_ entry: Entry) -> Int32 {
            if entryCount == entryCapacity {
                let capacity = entryCapacity * 2
                let grown = UnsafeMutablePointer<Entry>.allocate(capacity: capacity)
                grown.moveInitialize(from: entries, count: entryCount)
                entries.deallocate()
                entries = grown
                entryCapacity = capacity
            }
            (entries + entryCount).initialize(to: entry)
            entryCount += 1
            return Int32(entryCount - 1)
        }

        /// The list head that `owner` names.
        func head(_ owner: Int32) -> Int32 {
            let node = nodes[Int(owner >> 1)]
            return owner & 1 == 1 ? node.multi : node.values
        }

        func setHead(_ owner: Int32, _ head: Int32) {
            if owner & 1 == 1 { nodes[Int(owner >> 1)].multi = head } else { nodes[Int(owner >> 1)].values = head }
            mirror(owner >> 1)
        }

        /// Deletes the (already unlinked) entry at `index` by moving the last entry into its place.
        func deleteEntry(_ index: Int32) {
            let last = Int32(entryCount - 1)
            if index != last {
                // Whoever points at `last` must point at `index` afterwards.
                let owner = entries[Int(last)].owner
                var cursor = head(owner)
                if cursor == last {
                    setHead(owner, index)
                } else {
                    while entries[Int(cursor)].next != last { cursor = entries[Int(cursor)].next }
                    entries[Int(cursor)].next = index
                }
                entries[Int(index)] = (entries + Int(last)).move()
            } else {
                (entries + Int(last)).deinitialize(count: 1)
            }
            entryCount -= 1
        }

        // MARK: Slot table

        @inline(__always)
        func slotIndex(hash: UInt64, key: UInt64) -> Int {
            TopicMatcher.slotIndex(hash: hash, key: key, shift: UInt64(64 - slotCount.trailingZeroBitCount))
        }

        /// Adds literal child `child` to the table.
        func tableInsert(_ slot: Slot, hash: UInt64) {
            if (slotsUsed + 1) * 2 > slotCount { rehash(adding: 1) }
            let mask = slotCount - 1
            var index = slotIndex(hash: hash, key: slot.key)
            while slots[index].key != TopicMatcher.emptyKey && slots[index].key != TopicMatcher.deletedKey {
                index = (index + 1) & mask
            }
            if slots[index].key == TopicMatcher.emptyKey { slotsUsed += 1 }
            slots[index] = slot
            slots[index].node = nodes[Int(slot.child)]
            info[Int(slot.child)].slot = Int32(index)
            slotsLive += 1
        }

        /// Marks `child`'s slot deleted.
        func tableRemove(_ child: Int32) {
            let record = info[Int(child)]
            let key = TopicMatcher.key(parent: record.parent, length: Int(record.length))
            let mask = slotCount - 1
            var index = slotIndex(hash: record.hash, key: key)
            while slots[index].child != child || slots[index].key != key {
                if slots[index].key == TopicMatcher.emptyKey { return }
                index = (index + 1) & mask
            }
            slots[index].key = TopicMatcher.deletedKey
            slots[index].child = -1
            info[Int(child)].slot = -1
            slotsLive -= 1
        }

        /// Rebuilds the table without deletion marks, sized so that at most 1/2 of it is in use.
        func rehash(adding extra: Int) {
            var capacity = 64
            while capacity <= (slotsLive + extra) * 2 { capacity *= 2 }
            let old = slots
            let oldCount = slotCount
            slots = Storage.allocateSlots(capacity)
            slotCount = capacity
            slotsUsed = 0
            let mask = capacity - 1
            for index in 0..<nodeCount { nodes[index].children = 0 }
            for position in 0..<oldCount {
                let slot = old[position]
                if slot.key == TopicMatcher.emptyKey || slot.key == TopicMatcher.deletedKey { continue }
                var index = slotIndex(hash: info[Int(slot.child)].hash, key: slot.key)
                while slots[index].key != TopicMatcher.emptyKey { index = (index + 1) & mask }
                slots[index] = slot
                info[Int(slot.child)].slot = Int32(index)
                slotsUsed += 1
                let parent = Int(UInt32(truncatingIfNeeded: slot.key))
                nodes[parent].children |= TopicMatcher.childBit(info[Int(slot.child)].hash)
            }
            Storage.deallocateSlots(old, oldCount)
            // Every mirror again, now that the child bits are rebuilt.
            for index in 0..<capacity where slots[index].child >= 0 {
                slots[index].node = nodes[Int(slots[index].child)]
            }
        }
    }
}
