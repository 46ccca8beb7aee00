extension Outbox {
    /// The largest payload a record may carry with this configuration.
    public var maximumPayloadSize: Int {
        configuration.segmentCapacity - SegmentHeader.size - RecordFrame.headerSize
    }

    /// Stores a message and returns its key, durable as ``OutboxConfiguration/durability`` promises.
    ///
    /// With ``DurabilityPolicy/everyRecord`` the record is synced before this returns. With
    /// ``DurabilityPolicy/group(records:)`` it is synced when `records` records are waiting (check
    /// ``durableThrough`` or call ``sync()``); with ``DurabilityPolicy/none`` only ``sync()`` makes
    /// it durable. When the byte budget is full, older records of evictable priority classes not
    /// above `priority` are evicted, oldest first.
    ///
    /// ```swift
    /// let key = try outbox.enqueue([0x01, 0x02], priority: 2)
    /// ```
    ///
    /// - Parameters:
    ///   - payload: The message bytes (at most ``maximumPayloadSize``).
    ///   - priority: The priority class, `0..<priorityClassCount`; higher is more important.
    /// - Returns: The message's idempotency key.
    /// - Throws: ``OutboxError/recordTooLarge(size:limit:)``, ``OutboxError/invalidPriority(_:)``,
    ///   ``OutboxError/storageFull(priority:needed:budget:)``, or a storage error. After a storage
    ///   error the outbox must be reopened.
    /// - Complexity: O(`payload.count`), plus a segment creation when the current one is full.
    @discardableResult
    public mutating func enqueue(_ payload: [UInt8], priority: UInt8 = 0) throws(OutboxError) -> MessageKey {
        let key = try append(payload, priority: priority)
        switch configuration.durability {
        case .everyRecord:
            try sync()
        case .group(let records):
            if unsynced.count > 0, pendingSyncCount >= records { try sync() }
        case .none:
            break
        }
        return key
    }

    /// Stores several messages with a single sync at the end (group commit for one writer).
    ///
    /// Returns once every record is durable, unless the policy is ``DurabilityPolicy/none``.
    ///
    /// ```swift
    /// let keys = try outbox.enqueue(contentsOf: readings, priority: 1)
    /// ```
    ///
    /// - Parameters:
    ///   - payloads: The messages.
    ///   - priority: Their priority class.
    /// - Returns: Their keys, in order.
    /// - Throws: As ``enqueue(_:priority:)``.
    /// - Complexity: O(total payload bytes).
    @discardableResult
    public mutating func enqueue(
        contentsOf payloads: [[UInt8]], priority: UInt8 = 0
    ) throws(OutboxError)
        -> [MessageKey]
    {
        var keys: [MessageKey] = []
        keys.reserveCapacity(payloads.count)
        for payload in payloads { keys.append(try append(payload, priority: priority)) }
        if configuration.durability != .none { try sync() }
        return keys
    }

    /// Makes every record appended so far durable.
    ///
    /// ```swift
    /// try outbox.sync()
    /// assert(outbox.durableThrough == lastKey)
    /// ```
    ///
    /// - Throws: A storage error.
    /// - Complexity: One storage sync per segment written since the last sync (usually one).
    public mutating func sync() throws(OutboxError) {
        for file in unsynced { try storage.sync(file) }
        unsynced.removeAll(keepingCapacity: true)
        pendingSyncCount = 0
        durableThrough = lastAppended
    }

    /// Writes one record without syncing.
    mutating func append(_ payload: [UInt8], priority: UInt8) throws(OutboxError) -> MessageKey {
        guard Int(priority) < configuration.priorityClassCount else { throw .invalidPriority(priority) }
        guard payload.count <= maximumPayloadSize else {
            throw .recordTooLarge(size: payload.count, limit: maximumPayloadSize)
        }
        let c = Int(priority)
        let frameSize = RecordFrame.headerSize + payload.count
        if let last = chains[c].last, !last.sealed, last.end + frameSize <= last.capacity {
            // fits in the active segment
        } else {
            try startSegment(priority: priority)
        }
        let index = chains[c].count - 1
        let segment = chains[c][index]
        if scratch.count < frameSize { scratch = [UInt8](repeating: 0, count: max(frameSize, 4096)) }
        RecordFrame.encode(
            payload: payload, sequence: nextSequence, epoch: state.epoch, priority: priority, salt: segment.salt,
            into: &scratch)
        try storage.write(segment.number, at: segment.end, from: scratch, count: frameSize)
        chains[c][index].end += frameSize
        chains[c][index].count += 1
        chains[c][index].lastSequence = nextSequence
        if unsynced.last != segment.number, !unsynced.contains(segment.number) { unsynced.append(segment.number) }
        let key = MessageKey(producer: configuration.producer, epoch: state.epoch, sequence: nextSequence)
        nextSequence += 1
        pendingSyncCount += 1
        lastAppended = key
        return key
    }

    /// Seals the class's active segment (syncing it) and creates the next one, evicting if needed.
    mutating func startSegment(priority: UInt8) throws(OutboxError) {
        let c = Int(priority)
        if let last = chains[c].last, !last.sealed {
            if unsynced.contains(last.number) { try sync() }
            chains[c][chains[c].count - 1].sealed = true
        }
        try makeRoom(for: priority)
        let header = SegmentHeader(
            priority: priority, segment: nextSegmentNumber, epoch: state.epoch, firstSequence: nextSequence,
            capacity: UInt32(configuration.segmentCapacity), producer: configuration.producer)
        try storage.create(header.segment, capacity: configuration.segmentCapacity, initialBytes: header.encoded())
        nextSegmentNumber &+= 1
        let segment = Segment(
            header: header, salt: header.salt, end: SegmentHeader.size, count: 0, lastSequence: nil, sealed: false)
        if chains[c].isEmpty {
            cursors[c] = Cursor(segmentIndex: 0, offset: SegmentHeader.size, sequence: header.firstSequence)
        }
        chains[c].append(segment)
    }
}
