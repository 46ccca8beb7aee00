extension Outbox {
    /// The largest payload a record may carry with this configuration.
    public var maximumPayloadSize: Int {
        configuration.segmentCapacity - SegmentHeader.size - RecordFrame.headerSize
    }

    /// Stores a message and returns its key, durable as ``OutboxConfiguration/durability`` promises.
    ///
    /// With ``DurabilityPolicy/everyRecord`` the record is durable before this returns. With
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
        switch configuration.durability {
        case .everyRecord:
            return try appendFrames(CollectionOfOne(payload), priority: priority, durably: true)[0]
        case .group(let records):
            let key = try appendFrames(CollectionOfOne(payload), priority: priority, durably: false)[0]
            if pendingSyncCount >= records { try sync() }
            return key
        case .none:
            return try appendFrames(CollectionOfOne(payload), priority: priority, durably: false)[0]
        }
    }

    /// Stores several messages with a single durable write (group commit for one writer).
    ///
    /// The frames are written with one storage call per segment touched, made durable together
    /// before this returns, unless the policy is ``DurabilityPolicy/none``.
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
        try appendFrames(payloads, priority: priority, durably: configuration.durability != .none)
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
        try appendFrames(CollectionOfOne(payload), priority: priority, durably: false)[0]
    }

    /// Frames `payloads` into the class's active segment(s), coalescing consecutive frames into one
    /// storage write per segment. With `durably`, the writes are made durable before returning
    /// (``OutboxStorage/writeDurably(_:at:from:count:)`` when nothing else is waiting for a sync).
    mutating func appendFrames<Payloads: Collection>(
        _ payloads: Payloads, priority: UInt8, durably: Bool
    )
        throws(OutboxError) -> [MessageKey] where Payloads.Element == [UInt8]
    {
        guard Int(priority) < configuration.priorityClassCount else { throw .invalidPriority(priority) }
        for payload in payloads where payload.count > maximumPayloadSize {
            throw .recordTooLarge(size: payload.count, limit: maximumPayloadSize)
        }
        let c = Int(priority)
        var keys: [MessageKey] = []
        keys.reserveCapacity(payloads.count)
        var used = 0
        var start = 0
        for payload in payloads {
            let frameSize = RecordFrame.headerSize + payload.count
            if let last = chains[c].last, !last.sealed, last.end + frameSize <= last.capacity {
                // fits in the active segment
            } else {
                try flushFrames(c, start: start, count: &used, durably: durably)
                try startSegment(priority: priority)
            }
            let index = chains[c].count - 1
            let segment = chains[c][index]
            if used == 0 { start = segment.end }
            if scratch.count < used + frameSize {
                scratch.append(contentsOf: repeatElement(0, count: max(used + frameSize - scratch.count, 4096)))
            }
            RecordFrame.encode(
                payload: payload, sequence: nextSequence, epoch: state.epoch, priority: priority, salt: segment.salt,
                into: &scratch, at: used)
            used += frameSize
            chains[c][index].end += frameSize
            chains[c][index].count += 1
            chains[c][index].lastSequence = nextSequence
            let key = MessageKey(producer: configuration.producer, epoch: state.epoch, sequence: nextSequence)
            nextSequence += 1
            lastAppended = key
            keys.append(key)
        }
        try flushFrames(c, start: start, count: &used, durably: durably)
        if durably {
            if !unsynced.isEmpty { try sync() }
            durableThrough = lastAppended
        } else {
            pendingSyncCount += keys.count
        }
        return keys
    }

    /// Writes the `count` framed bytes in `scratch` to class `c`'s active segment at `start`.
    mutating func flushFrames(_ c: Int, start: Int, count: inout Int, durably: Bool) throws(OutboxError) {
        guard count > 0, let segment = chains[c].last else { return }
        if durably && unsynced.isEmpty {
            try storage.writeDurably(segment.number, at: start, from: scratch, count: count)
        } else {
            try storage.write(segment.number, at: start, from: scratch, count: count)
            if !unsynced.contains(segment.number) { unsynced.append(segment.number) }
        }
        count = 0
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
