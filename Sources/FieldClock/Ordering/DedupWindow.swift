public import FieldCore

/// A de-duplication window: remembers recent idempotency keys, within a count bound and an age
/// bound, and says whether a key was seen before.
///
/// The same reading often arrives twice, by two paths or after a retry. The window keeps the most
/// recent ``capacity`` keys, each for at most ``maxAge``; its memory is fixed when it
/// is created and never grows. A key older than the age bound, or pushed out by the count bound,
/// is forgotten and would be reported as new again: the two bounds are the explicit limits, and
/// ``evictedByCount`` tells you when the count bound, rather than age, is forgetting keys (the
/// window is then too small for the traffic).
///
/// Lookups hash the key once (with the standard library's seeded hasher, so hostile keys cannot
/// force collisions) and probe an open-addressing table of twice the capacity.
///
/// ```swift
/// var window = DedupWindow<UInt64>(capacity: 65_536, maxAge: .seconds(600))
/// if window.insert(message.id, at: clock.now()) {
///     process(message)          // first time
/// }                             // else: a duplicate, ignore it
/// ```
public struct DedupWindow<Key: Hashable> {
    /// The most keys remembered at once.
    public let capacity: Int
    /// How long a key is remembered (in whole milliseconds).
    public let maxAge: Duration
    /// ``maxAge`` in milliseconds (a negative age counts as zero).
    @usableFromInline let maxAgeMilliseconds: UInt64

    /// Keys in arrival order, a ring of `capacity` slots starting at `head`.
    @usableFromInline var keys: [Key?]
    /// The hash of each slot's key.
    @usableFromInline var hashes: [Int]
    /// The time each slot's key was first seen, as an order-preserving unsigned tick (see
    /// ``tick(_:)``), so that ages are exact differences even across the epoch.
    @usableFromInline var times: [UInt64]
    /// Open-addressing table with linear probing. Each entry holds the low 32 bits of the key's
    /// hash in its high half and `slot + 1` in its low half; 0 is empty. Probing compares the hash
    /// bits first and only touches `keys` on a match; deletion needs nothing but the table.
    @usableFromInline var table: [UInt64]
    @usableFromInline let mask: Int
    @usableFromInline var head: Int
    @usableFromInline var used: Int
    /// The latest tick given (0, the tick of the earliest instant, before any).
    @usableFromInline var latest: UInt64
    @usableFromInline var countEvictions: Int
    @usableFromInline var ageEvictions: Int

    /// Creates an empty window with all its memory allocated.
    ///
    /// ```swift
    /// var window = DedupWindow<String>(capacity: 1_024, maxAge: .seconds(3_600))
    /// ```
    ///
    /// - Parameters:
    ///   - capacity: The most keys remembered (1 to 2^30).
    ///   - maxAge: How long a key is remembered (whole milliseconds; negative counts as zero).
    /// - Complexity: O(capacity).
    public init(capacity: Int, maxAge: Duration) {
        let capacity = min(max(capacity, 1), 1 << 30)
        self.capacity = capacity
        self.maxAge = maxAge
        self.maxAgeMilliseconds = UInt64(max(0, maxAge.wholeMilliseconds))
        var tableSize = 2
        while tableSize < 2 * capacity { tableSize <<= 1 }
        self.keys = Array(repeating: nil, count: capacity)
        self.hashes = Array(repeating: 0, count: capacity)
        self.times = Array(repeating: 0, count: capacity)
        self.table = Array(repeating: 0, count: tableSize)
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
    ///   - instant: The current time.
    /// - Returns: `true` when the key was not in the window (it is now), `false` for a duplicate.
    /// - Complexity: O(1) expected.
    @inlinable
    @discardableResult
    public mutating func insert(_ key: Key, at instant: Instant) -> Bool {
        let now = Self.tick(instant)
        if now > latest { latest = now }
        if used > 0 && latest - times[head] > maxAgeMilliseconds { expire() }
        let hash = key.hashValue
        let tag = UInt64(truncatingIfNeeded: UInt32(truncatingIfNeeded: hash)) << 32
        var position = hash & mask
        while true {
            let entry = table[position]
            if entry == 0 { break }
            if entry & 0xFFFF_FFFF_0000_0000 == tag && keys[Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) &- 1] == key {
                return false
            }
            position = (position &+ 1) & mask
        }
        if used == capacity {
            countEvictions += 1
            removeOldest()
            // The removal may have shifted entries into the probe path: find the free position again.
            position = hash & mask
            while table[position] != 0 { position = (position &+ 1) & mask }
        }
        var slot = head &+ used
        if slot >= capacity { slot -= capacity }
        keys[slot] = key
        hashes[slot] = hash
        times[slot] = latest
        table[position] = tag | UInt64(slot &+ 1)
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
        let tag = UInt64(truncatingIfNeeded: UInt32(truncatingIfNeeded: hash)) << 32
        var position = hash & mask
        while true {
            let entry = table[position]
            if entry == 0 { return false }
            if entry & 0xFFFF_FFFF_0000_0000 == tag && keys[Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) &- 1] == key {
                return true
            }
            position = (position &+ 1) & mask
        }
    }

    /// Maps an instant to an unsigned tick with the same order (the sign bit flipped), so that the
    /// difference of two ticks is the exact number of milliseconds between them.
    @inlinable
    static func tick(_ instant: Instant) -> UInt64 {
        UInt64(bitPattern: instant.millisecondsSinceEpoch) ^ (1 << 63)
    }

    /// Forgets keys older than ``maxAge`` at the latest time seen.
    @inlinable
    mutating func expire() {
        while used > 0 && latest - times[head] > maxAgeMilliseconds {
            ageEvictions += 1
            removeOldest()
        }
    }

    /// Forgets the oldest key: removes its table entry with backward-shift deletion.
    @inlinable
    mutating func removeOldest() {
        let slot = head
        let wanted = UInt64(slot &+ 1)
        var position = hashes[slot] & mask
        while table[position] & 0xFFFF_FFFF != wanted { position = (position &+ 1) & mask }
        // Backward shift: move later entries of the probe run into the hole when allowed.
        var hole = position
        var next = (hole &+ 1) & mask
        while true {
            let moving = table[next]
            if moving == 0 { break }
            // The home position is the hash modulo the table size; the table keeps the hash's low
            // 32 bits and the table has at most 2^31 entries.
            let home = Int(truncatingIfNeeded: moving >> 32) & mask
            // The entry at `next` may move to `hole` if its home is not in (hole, next] cyclically.
            if (hole &- home) & mask < (next &- home) & mask {
                table[hole] = moving
                hole = next
            }
            next = (next &+ 1) & mask
        }
        table[hole] = 0
        keys[slot] = nil
        head = slot + 1 == capacity ? 0 : slot + 1
        used -= 1
    }
}

extension DedupWindow: Sendable where Key: Sendable {}
