extension Outbox {
    /// Every message not yet acknowledged, in key order (in flight or not), read from storage.
    ///
    /// Meant for inspection and tests (the `fieldkit outbox list` command); delivery uses
    /// ``peekBatch(maximumCount:now:)``.
    ///
    /// ```swift
    /// for message in try outbox.pendingMessages() { print(message.key, message.payload.count) }
    /// ```
    ///
    /// - Returns: The pending messages.
    /// - Throws: A storage error.
    /// - Complexity: O(*n*) in the stored bytes; holds every pending payload in memory.
    public func pendingMessages() throws(OutboxError) -> [OutboxMessage] {
        var perClass: [[OutboxMessage]] = []
        for c in 0..<chains.count {
            var list: [OutboxMessage] = []
            for segment in chains[c] {
                let image = try readImage(segment)
                var offset = SegmentHeader.size
                while offset < segment.end {
                    let frame = try frameHeader(image, at: offset, in: segment)
                    let (length, sequence) = (frame.length, frame.sequence)
                    let start = offset + RecordFrame.headerSize
                    if isPending(OutboxState.Floor(epoch: segment.epoch, sequence: sequence), inClass: c) {
                        let key = MessageKey(producer: configuration.producer, epoch: segment.epoch, sequence: sequence)
                        list.append(
                            OutboxMessage(
                                key: key, priority: segment.priority, payload: Array(image[start..<(start + length)])))
                    }
                    offset = start + length
                }
            }
            perClass.append(list)
        }
        var merged: [OutboxMessage] = []
        var heads = [Int](repeating: 0, count: perClass.count)
        while true {
            var best: Int? = nil
            for c in 0..<perClass.count where heads[c] < perClass[c].count {
                if best == nil || perClass[c][heads[c]].key < perClass[best!][heads[best!]].key { best = c }
            }
            guard let c = best else { break }
            merged.append(perClass[c][heads[c]])
            heads[c] += 1
        }
        return merged
    }

    /// Counters: what is pending, what was evicted and why, what recovery found.
    ///
    /// ```swift
    /// let stats = try outbox.statistics()
    /// ```
    ///
    /// - Returns: The statistics.
    /// - Throws: A storage error.
    /// - Complexity: O(*n*) in the stored bytes (it counts pending records from storage).
    public func statistics() throws(OutboxError) -> OutboxStatistics {
        var stats = counters
        stats.epoch = state.epoch
        stats.inFlight = inFlight.count
        stats.evictedRecords = state.evictedRecords
        stats.evictedBytes = state.evictedBytes
        for chain in chains {
            stats.segments += chain.count
            for segment in chain { stats.segmentBytes += segment.capacity }
        }
        for message in try pendingMessages() {
            stats.pendingRecords += 1
            stats.pendingBytes += message.payload.count
        }
        return stats
    }
}
