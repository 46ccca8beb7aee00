/// A de-duplication window: remembers recent idempotency keys, within a count bound and an age
/// bound, and says whether a key was seen before.
///
/// The same reading often arrives twice, by two paths or after a retry. The window keeps the most
/// recent ``capacity`` keys, each for at most ``maxAge`` milliseconds; its memory is fixed when it
/// is created and never grows. A key older than the age bound, or pushed out by the count bound,
/// is forgotten and would be reported as new again: the two bounds are the explicit limits, and
/// ``evictedByCount`` tells you when the count bound, rather than age, is forgetting keys (the
/// window is then too small for the traffic).
///
/// Lookups hash the key once (with the standard library's seeded hasher, so hostile keys cannot
/// force collisions) and probe an open-addressing table of twice the capacity.
///
/// ```swift
/// var window = DedupWindow<UInt64>(capacity: 65_536, maxAge: 600_000)
/// if window.insert(message.id, at: nowMilliseconds) {
///     process(message)          // first time
/// }                             // else: a duplicate, ignore it
/// ```
public struct DedupWindow<Key: Hashable> {
    /// The most keys remembered at once.
    public let capacity: Int
    /// How long, in milliseconds, a key is remembered.
    public let maxAge: UInt64

    /// Keys in arrival order, a ring of `capacity` slots starting at `head`.
    @usableFromInline var keys: [Key?]
    /// The hash of each slot's key.
    @usableFromInline var hashes: [Int]
    /// The time each slot's key was first seen.
    @usableFromInline var times: [UInt64]
    /// Open-addressing table of slot indices (-1 for empty), linear probing.
    @usableFromInline var table: [Int32]
    @usableFromInline let mask: Int
    @usableFromInline var head: Int
    @usableFromInline var used: Int
    @usableFromInline var latest: UInt64
    @usableFromInline var countEvictions: Int
    @usableFromInline var ageEvictions: Int

    /// Creates an empty window with all its memory allocated.
    ///
    /// ```swift
    /// var window = DedupWindow<String>(capacity: 1_024, maxAge: 3_600_000)
    /// ```
    ///
    /// - Parameters:
    ///   - capacity: The most keys remembered (1 to 2^30).
    ///   - maxAge: Milliseconds a key is remembered.
    /// - Complexity: O(capacity).
    public init(capacity: Int, maxAge: UInt64) {
        let capacity = min(max(capacity, 1), 1 << 30)
        self.capacity = capacity
        self.maxAge = maxAge
        var tableSize = 2
        while tableSize < 2 * capacity { tableSize <<= 1 }
        self.keys = Array(repeating: nil, count: capacity)
        self.hashes = Array(repeating: 0, count: capacity)
        self.times = Array(repeating: 0, count: capacity)
        self.table = Array(repeating: -1, count: tableSize)
        self.mask = tableSize - 1
        self.head = 0
        self.used = 0
        self.latest = 0
        self.countEvictions = 0
        self.ageEvictions = 0
    }

    /// The number of keys remembered now.
    @inlinable
    public var count: Int { used }

    /// Keys forgotten because the window was full (before their age ran out).
    @inlinable
    public var evictedByCount: Int { countEvictions }

    /// Keys forgotten because they were older than ``maxAge``.
    @inlinable
    public var evictedByAge: Int { ageEvictions }

    /// Records `key` as seen at time `now` and says whether it is new.
    ///
    /// Keys older than ``maxAge`` are forgotten first. A duplicate keeps its original time (a
    /// key resent forever is still forgotten after ``maxAge``). Times should not go backward;
    /// if they do, the window keeps using the latest time it was given.
    ///
    /// ```swift
    /// guard window.insert(id, at: now) else { return }  // duplicate
    /// ```
    ///
    /// - Parameters:
    ///   - key: The idempotency key.
    ///   - now: The current time in milliseconds.
    /// - Returns: `true` when the key was not in the window (it is now), `false` for a duplicate.
    /// - Complexity: O(1) expected.
    @inlinable
    @discardableResult
    public mutating func insert(_ key: Key, at now: UInt64) -> Bool {
        if now > latest { latest = now }
        expire()
        let hash = key.hashValue
        var position = hash & mask
        while true {
            let slot = table[position]
            if slot < 0 { break }
            if hashes[Int(slot)] == hash && keys[Int(slot)] == key { return false }
            position = (position &+ 1) & mask
        }
        if used == capacity {
            countEvictions += 1
            removeOldest()
            // The removal may have shifted entries into the probe path: find the free position again.
            position = hash & mask
            while table[position] >= 0 { position = (position &+ 1) & mask }
        }
        var slot = head &+ used
        if slot >= capacity { slot -= capacity }
        keys[slot] = key
        hashes[slot] = hash
        times[slot] = latest
        table[position] = Int32(truncatingIfNeeded: slot)
        used += 1
        return true
    }

    /// Whether `key` is in the window, without recording it or expiring anything.
    ///
    /// ```swift
    /// if window.contains(id) { print("seen") }
    /// ```
    ///
    /// - Parameter key: The idempotency key.
    /// - Returns: Whether the key is remembered.
    /// - Complexity: O(1) expected.
    @inlinable
    public func contains(_ key: Key) -> Bool {
        let hash = key.hashValue
        var position = hash & mask
        while true {
            let slot = table[position]
            if slot < 0 { return false }
            if hashes[Int(slot)] == hash && keys[Int(slot)] == key { return true }
            position = (position &+ 1) & mask
        }
    }

    /// Forgets keys older than ``maxAge`` at the latest time seen.
    @inlinable
    mutating func expire() {
        while used > 0 && latest - times[head] > maxAge {
            ageEvictions += 1
            removeOldest()
        }
    }

    /// Forgets the oldest key: removes its table entry with backward-shift deletion.
    @usableFromInline
    mutating func removeOldest() {
        let slot = head
        var position = hashes[slot] & mask
        while Int(table[position]) != slot { position = (position &+ 1) & mask }
        // Backward shift: move later entries of the probe run into the hole when allowed.
        var hole = position
        var next = (hole &+ 1) & mask
        while true {
            let moving = table[next]
            if moving < 0 { break }
            let home = hashes[Int(moving)] & mask
            // The entry at `next` may move to `hole` if its home is not in (hole, next] cyclically.
            let distanceToNext = (next &- home) & mask
            let distanceToHole = (hole &- home) & mask
            if distanceToHole < distanceToNext {
                table[hole] = moving
                hole = next
            }
            next = (next &+ 1) & mask
        }
        table[hole] = -1
        keys[slot] = nil
        head = slot + 1 == capacity ? 0 : slot + 1
        used -= 1
    }
}

extension DedupWindow: Sendable where Key: Sendable {}
