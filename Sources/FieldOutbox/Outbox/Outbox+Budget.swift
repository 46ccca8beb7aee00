import FieldCore

extension Outbox {
    /// Bytes of segment files currently held.
    var segmentBytes: Int {
        var total = 0
        for chain in chains { for segment in chain { total += segment.capacity } }
        return total
    }

    /// Evicts the oldest segments of evictable classes not above `priority` until a new segment fits.
    mutating func makeRoom(for priority: UInt8) throws(OutboxError) {
        let capacity = configuration.segmentCapacity
        var evicted = false
        while segmentBytes + capacity > configuration.budgetBytes {
            try compact()
            if segmentBytes + capacity <= configuration.budgetBytes { break }
            var victim: Int? = nil
            let highest = min(Int(priority), Int(configuration.protectedPriority) - 1)
            if highest >= 0 {
                for c in 0...highest where !chains[c].isEmpty {
                    victim = c
                    break
                }
            }
            guard let c = victim else {
                throw .storageFull(priority: priority, needed: capacity, budget: configuration.budgetBytes)
            }
            try evictOldestSegment(of: c)
            evicted = true
        }
        if evicted { try writeState() }
    }

    /// Removes the oldest segment of class `c`, counting its un-acknowledged records as evicted.
    mutating func evictOldestSegment(of c: Int) throws(OutboxError) {
        let segment = chains[c][0]
        if unsynced.contains(segment.number) { try sync() }
        var records: UInt64 = 0
        var bytes: UInt64 = 0
        let image = try readImage(segment)
        var offset = SegmentHeader.size
        while offset < segment.end {
            let frame = try frameHeader(image, at: offset, in: segment)
            let position = OutboxState.Floor(epoch: segment.epoch, sequence: frame.sequence)
            if isPending(position, inClass: c) {
                records += 1
                bytes += UInt64(frame.length)
            }
            offset += RecordFrame.headerSize + frame.length
        }
        state.evictedRecords[c] &+= records
        state.evictedBytes[c] &+= bytes
        let end = segment.nextPosition
        if state.floors[c] < end { state.floors[c] = end }
        inFlight.removeAll {
            $0.message.priority == UInt8(c)
                && OutboxState.Floor(epoch: $0.message.key.epoch, sequence: $0.message.key.sequence) < end
        }
        try removeFrontSegment(of: c)
    }

    /// Deletes the front segment of class `c` and fixes its cursor.
    mutating func removeFrontSegment(of c: Int) throws(OutboxError) {
        let segment = chains[c].removeFirst()
        unsynced.removeAll { $0 == segment.number }
        try storage.remove(segment.number)
        if cursors[c].segmentIndex == 0 {
            cursors[c] = Cursor(
                segmentIndex: 0, offset: SegmentHeader.size, sequence: chains[c].first?.header.firstSequence ?? 0)
        } else {
            cursors[c].segmentIndex -= 1
        }
    }

    /// Deletes sealed segments whose every record is acknowledged (below the class floor).
    mutating func compact() throws(OutboxError) {
        for c in 0..<chains.count {
            while let first = chains[c].first, first.sealed, !(state.floors[c] < first.nextPosition) {
                try removeFrontSegment(of: c)
                counters.compactedSegments += 1
            }
            // Empty sealed segments anywhere at the front (for example from an earlier epoch).
            while let first = chains[c].first, first.sealed, first.count == 0 {
                try removeFrontSegment(of: c)
                counters.compactedSegments += 1
            }
        }
    }

    /// The (epoch, sequence) of a key.
    func position(of key: MessageKey) -> OutboxState.Floor {
        OutboxState.Floor(epoch: key.epoch, sequence: key.sequence)
    }

    /// The position of the record under the cursor of class `c`.
    func position(atCursorOf c: Int) -> OutboxState.Floor {
        let cursor = cursors[c]
        guard cursor.segmentIndex < chains[c].count else {
            return OutboxState.Floor(epoch: state.epoch, sequence: nextSequence)
        }
        return OutboxState.Floor(epoch: chains[c][cursor.segmentIndex].epoch, sequence: cursor.sequence)
    }

    /// Whether the record at `position` of class `c` is still un-acknowledged.
    func isPending(_ position: OutboxState.Floor, inClass c: Int) -> Bool {
        !(position < state.floors[c]) && !state.singles.contains(position)
    }

    /// The header of the frame at `offset` in `image`, a segment image read by ``readImage(_:)``.
    func frameHeader(_ image: [UInt8], at offset: Int, in segment: Segment) throws(OutboxError) -> RecordFrame.Header {
        do throws(FieldCoreError) {
            return try RecordFrame.Header(image, at: offset)
        } catch {
            throw OutboxError(error, file: segment.number)
        }
    }

    /// Reads a segment's bytes up to its valid end.
    func readImage(_ segment: Segment) throws(OutboxError) -> [UInt8] {
        var image = [UInt8](repeating: 0, count: segment.end)
        let n = try storage.read(segment.number, at: 0, into: &image, count: segment.end)
        guard n == segment.end else { throw .corruptHeader(file: segment.number, offset: n, reason: .truncated) }
        return image
    }
}
