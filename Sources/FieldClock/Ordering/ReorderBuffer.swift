public import FieldCore

/// A bounded buffer that accepts events in any order and releases them in timestamp order once
/// the watermark has passed them.
///
/// The watermark trails the largest physical time seen by the allowed lateness:
/// `watermark = maxSeen - allowedLateness`. An event whose physical time is below the watermark
/// is complete: nothing that could still precede it is accepted any more, so ``popReady()``
/// releases it. An event that arrives with physical time already below the watermark (or at or
/// below a timestamp already released) is *late*: ``insert(_:at:)`` hands it back as
/// ``Admission/late(_:)``, the side output, instead of dropping it. The buffer holds at most
/// ``capacity`` events; at the limit ``insert(_:at:)`` hands the event back as
/// ``Admission/full(_:)`` and the caller chooses: release the earliest with ``popEarliest()``
/// and retry, or apply back-pressure.
///
/// Everything released, by ``popReady()`` or ``popEarliest()``, comes out in nondecreasing
/// timestamp order (equal timestamps, which only the same event delivered twice can have, in
/// arrival order).
///
/// ```swift
/// var buffer = ReorderBuffer<Reading>(allowedLateness: .seconds(5), capacity: 10_000)
/// switch buffer.insert(reading, at: reading.stamp) {
/// case .buffered: break
/// case .late(let old): lateSink.append(old)
/// case .full(let event): _ = buffer.popEarliest().map(emit); _ = buffer.insert(event, at: event.stamp)
/// }
/// while let (stamp, event) = buffer.popReady() { emit(stamp, event) }
/// ```
public struct ReorderBuffer<Event> {
    /// What happened to an inserted event.
    public enum Admission {
        /// The event is held until the watermark passes it.
        case buffered
        /// The watermark already passed the event's time: it is handed back (the side output).
        case late(Event)
        /// The buffer holds ``ReorderBuffer/capacity`` events: the event is handed back.
        case full(Event)
    }

    /// How far the watermark trails the largest physical time seen (in whole milliseconds).
    public let allowedLateness: Duration
    /// The largest number of events held at once.
    public let capacity: Int

    /// A four-ary min-heap on (timestamp, arrival sequence).
    @usableFromInline
    var heap: [Entry]
    /// ``allowedLateness`` in milliseconds (negative lateness counts as zero).
    @usableFromInline
    let lateness: UInt64
    /// The largest physical time seen or announced.
    @usableFromInline
    var maxSeen: UInt64
    /// Whether any time has been seen (before that there is no watermark).
    @usableFromInline
    var started: Bool
    /// The last timestamp released, if any.
    @usableFromInline
    var releasedThrough: HybridTimestamp?
    /// Arrival counter that keeps equal timestamps in arrival order.
    @usableFromInline
    var sequence: UInt64

    @usableFromInline
    var lateTally: Int
    @usableFromInline
    var fullTally: Int

    /// Events handed back as late so far.
    @inlinable
    public var lateCount: Int { lateTally }
    /// Events handed back because the buffer was full so far.
    @inlinable
    public var fullCount: Int { fullTally }

    @usableFromInline
    struct Entry {
        @usableFromInline var packed: UInt64
        @usableFromInline var node: UInt64
        @usableFromInline var sequence: UInt64
        @usableFromInline var event: Event

        @inlinable
        init(packed: UInt64, node: UInt64, sequence: UInt64, event: Event) {
            self.packed = packed
            self.node = node
            self.sequence = sequence
            self.event = event
        }

        @inlinable
        func precedes(_ other: Entry) -> Bool {
            if packed != other.packed { return packed < other.packed }
            if node != other.node { return node < other.node }
            return sequence < other.sequence
        }
    }

    /// Creates an empty buffer.
    ///
    /// ```swift
    /// var buffer = ReorderBuffer<Int>(allowedLateness: .seconds(2), capacity: 4_096)
    /// ```
    ///
    /// - Parameters:
    ///   - allowedLateness: How far the watermark trails the largest time seen (whole
    ///     milliseconds; a negative duration counts as zero).
    ///   - capacity: The most events held at once (at least 1); storage for them is reserved now.
    public init(allowedLateness: Duration, capacity: Int) {
        self.allowedLateness = allowedLateness
        self.lateness = UInt64(max(0, allowedLateness.wholeMilliseconds))
        self.capacity = max(capacity, 1)
        self.heap = []
        self.heap.reserveCapacity(self.capacity)
        self.maxSeen = 0
        self.started = false
        self.releasedThrough = nil
        self.sequence = 0
        self.lateTally = 0
        self.fullTally = 0
    }

    /// The number of events held.
    @inlinable
    public var count: Int { heap.count }

    /// Whether no events are held.
    @inlinable
    public var isEmpty: Bool { heap.isEmpty }

    /// The watermark, in milliseconds since the Unix epoch: events whose physical time is below
    /// it are complete. `nil` before any time has been seen.
    @inlinable
    public var watermark: Instant? {
        started ? Instant(physical: maxSeen > lateness ? maxSeen - lateness : 0) : nil
    }

    /// The earliest held event's timestamp, without removing it.
    @inlinable
    public var earliest: HybridTimestamp? {
        heap.first.map { HybridTimestamp(packed: $0.packed, node: $0.node) }
    }

    /// Whether an event at `timestamp` would be late now.
    ///
    /// - Parameter timestamp: A timestamp.
    /// - Returns: `true` when the watermark or a released timestamp has passed it.
    @inlinable
    public func isLate(_ timestamp: HybridTimestamp) -> Bool {
        if started && maxSeen > lateness && timestamp.physical < maxSeen - lateness { return true }
        if let last = releasedThrough, timestamp <= last { return true }
        return false
    }

    /// Offers an event with its timestamp.
    ///
    /// The event's physical time also advances the watermark when it is the largest seen.
    ///
    /// ```swift
    /// if case .late(let event) = buffer.insert(event, at: stamp) { sideOutput.append(event) }
    /// ```
    ///
    /// - Parameters:
    ///   - event: The event.
    ///   - timestamp: Its timestamp.
    /// - Returns: ``Admission/buffered``, or the event handed back as late or because the buffer
    ///   is full. Nothing is dropped.
    /// - Complexity: O(log n) for n events held.
    @inlinable
    public mutating func insert(_ event: Event, at timestamp: HybridTimestamp) -> Admission {
        if isLate(timestamp) {
            lateTally += 1
            return .late(event)
        }
        guard heap.count < capacity else {
            fullTally += 1
            return .full(event)
        }
        let physical = timestamp.physical
        if !started || physical > maxSeen {
            maxSeen = physical
            started = true
        }
        heap.append(Entry(packed: timestamp.packed, node: timestamp.node, sequence: sequence, event: event))
        sequence &+= 1
        siftUp(heap.count - 1)
        return .buffered
    }

    /// Advances the watermark as if an event at `instant` had been seen, without adding one: for
    /// example from the local clock when a source goes quiet.
    ///
    /// ```swift
    /// buffer.advance(to: SystemClock().now())
    /// ```
    ///
    /// - Parameter instant: Milliseconds since the Unix epoch (a time before it counts as the
    ///   epoch); a time below the largest seen changes nothing.
    @inlinable
    public mutating func advance(to instant: Instant) {
        let physical = UInt64(max(0, instant.millisecondsSinceEpoch))
        if !started || physical > maxSeen {
            maxSeen = physical
            started = true
        }
    }

    /// Removes and returns the earliest event if the watermark has passed it.
    ///
    /// ```swift
    /// while let (stamp, event) = buffer.popReady() { emit(stamp, event) }
    /// ```
    ///
    /// - Returns: The earliest event and its timestamp, or `nil` when none is complete yet.
    /// - Complexity: O(log n).
    @inlinable
    public mutating func popReady() -> (timestamp: HybridTimestamp, event: Event)? {
        guard let first = heap.first, started, maxSeen > lateness,
            first.packed >> 16 < maxSeen - lateness
        else { return nil }
        return removeFirst()
    }

    /// Removes and returns the earliest event whether or not the watermark has passed it.
    ///
    /// Use it to make room when the buffer is full or to flush at shutdown. Events that arrive
    /// afterwards at or below the released timestamp are late.
    ///
    /// ```swift
    /// while let (stamp, event) = buffer.popEarliest() { emit(stamp, event) }  // flush
    /// ```
    ///
    /// - Returns: The earliest event and its timestamp, or `nil` when empty.
    /// - Complexity: O(log n).
    @inlinable
    public mutating func popEarliest() -> (timestamp: HybridTimestamp, event: Event)? {
        guard !heap.isEmpty else { return nil }
        return removeFirst()
    }

    @inlinable
    mutating func removeFirst() -> (timestamp: HybridTimestamp, event: Event) {
        let last = heap.removeLast()
        let top: Entry
        if heap.isEmpty {
            top = last
        } else {
            top = heap[0]
            siftDown(last)
        }
        let stamp = HybridTimestamp(packed: top.packed, node: top.node)
        releasedThrough = stamp
        return (stamp, top.event)
    }

    /// Moves the entry at `start` up the four-ary heap to its place.
    @inlinable
    mutating func siftUp(_ start: Int) {
        var child = start
        let moving = heap[child]
        while child > 0 {
            let parent = (child &- 1) >> 2
            guard moving.precedes(heap[parent]) else { break }
            heap[child] = heap[parent]
            child = parent
        }
        heap[child] = moving
    }

    /// Places `moving` at the root's hole and sifts it down the four-ary heap (half the depth of
    /// a binary heap, and a node's children share a cache line or two).
    @inlinable
    mutating func siftDown(_ moving: Entry) {
        let count = heap.count
        var hole = 0
        while true {
            let first = hole &* 4 &+ 1
            guard first < count else { break }
            var best = first
            let end = Swift.min(first &+ 4, count)
            var child = first &+ 1
            while child < end {
                if heap[child].precedes(heap[best]) { best = child }
                child &+= 1
            }
            guard heap[best].precedes(moving) else { break }
            heap[hole] = heap[best]
            hole = best
        }
        heap[hole] = moving
    }
}

extension ReorderBuffer: Sendable where Event: Sendable {}
extension ReorderBuffer.Admission: Sendable where Event: Sendable {}
extension ReorderBuffer.Entry: Sendable where Event: Sendable {}
