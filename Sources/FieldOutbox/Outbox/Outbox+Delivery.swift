public import FieldCore

extension Outbox {
    /// Hands out messages to send: retries whose backoff has elapsed, then new messages in key
    /// order, up to `maximumCount` and the in-flight limit.
    ///
    /// Returned messages are in flight until acknowledged (``acknowledge(through:)``,
    /// ``acknowledge(_:)``) or refused (``negativeAcknowledge(_:now:)``). A message of a newer
    /// epoch is held back while one of an older epoch is in flight, and delivery never runs more
    /// than ``OutboxConfiguration/deliveryWindow`` sequence numbers ahead of the oldest message in
    /// flight, so an ``Inbox`` with that window always has room.
    ///
    /// ```swift
    /// let batch = try outbox.peekBatch(maximumCount: 32, now: clock.now())
    /// ```
    ///
    /// - Parameters:
    ///   - maximumCount: The most messages to return.
    ///   - now: The current time, from the clock ``negativeAcknowledge(_:now:)`` was given (a
    ///     monotonic one is best), for due retries.
    /// - Returns: The messages and the delivery floor.
    /// - Throws: A storage error, or ``OutboxError/corruptHeader(file:offset:reason:)`` when a
    ///   record validated at recovery no longer reads back intact.
    /// - Complexity: O(`maximumCount` x payload size + in-flight count).
    public mutating func peekBatch(maximumCount: Int, now: Instant) throws(OutboxError) -> OutboxBatch {
        var messages: [OutboxMessage] = []
        for i in inFlight.indices where messages.count < maximumCount {
            if let due = inFlight[i].retryAt, due <= now {
                inFlight[i].retryAt = nil
                messages.append(inFlight[i].message)
            }
        }
        while messages.count < maximumCount, inFlight.count < configuration.inFlightLimit {
            var best: Int? = nil
            var bestPosition = OutboxState.Floor(epoch: 0, sequence: 0)
            for c in 0..<chains.count where try settleCursor(c) {
                let p = position(atCursorOf: c)
                if best == nil || p < bestPosition {
                    best = c
                    bestPosition = p
                }
            }
            guard let c = best else { break }
            if let oldest = inFlight.first {
                if oldest.message.key.epoch < bestPosition.epoch { break }
                if bestPosition.sequence &- oldest.message.key.sequence >= UInt64(configuration.deliveryWindow) {
                    break
                }
            }
            let message = try readAtCursor(c)
            inFlight.append(
                InFlight(
                    message: message, retryAt: nil,
                    backoff: Backoff(
                        base: configuration.retryBase, cap: configuration.retryCap)))
            messages.append(message)
        }
        return OutboxBatch(messages: messages, floor: try deliveryFloor())
    }

    /// Acknowledges every message with a key up to and including `key`, delivered or not, and
    /// durably records it; segments holding only acknowledged messages are deleted.
    ///
    /// ```swift
    /// try outbox.acknowledge(through: batch.messages.last!.key)
    /// ```
    ///
    /// - Parameter key: The last key acknowledged (keys of other producers are ignored).
    /// - Throws: A storage error.
    /// - Complexity: O(in-flight count + segments removed).
    public mutating func acknowledge(through key: MessageKey) throws(OutboxError) {
        guard key.producer == configuration.producer else { return }
        let next = OutboxState.Floor(epoch: key.epoch, sequence: key.sequence &+ 1)
        for c in 0..<state.floors.count where state.floors[c] < next { state.floors[c] = next }
        inFlight.removeAll { OutboxState.Floor(epoch: $0.message.key.epoch, sequence: $0.message.key.sequence) < next }
        try settleAcknowledgements()
    }

    /// Acknowledges single messages (in any order) and durably records it.
    ///
    /// At most 60 acknowledgements above the oldest pending message are persisted; beyond that
    /// a restart may deliver an acknowledged message again (at least once).
    ///
    /// ```swift
    /// try outbox.acknowledge([keyA, keyC])
    /// ```
    ///
    /// - Parameter keys: The keys acknowledged (keys of other producers are ignored).
    /// - Throws: A storage error.
    /// - Complexity: O(`keys.count` x (in-flight count + acknowledgements kept)).
    public mutating func acknowledge(_ keys: [MessageKey]) throws(OutboxError) {
        for key in keys where key.producer == configuration.producer {
            let p = position(of: key)
            inFlight.removeAll { $0.message.key == key }
            if !state.singles.contains(p) {
                let index = state.singles.firstIndex { p < $0 } ?? state.singles.count
                state.singles.insert(p, at: index)
            }
        }
        try settleAcknowledgements()
    }

    /// Refuses a message in flight: it is delivered again after an exponential backoff with full
    /// jitter (`Backoff` (FieldCore)), growing with each refusal of the same message.
    ///
    /// ```swift
    /// let retryAt = outbox.negativeAcknowledge(key, now: clock.now())
    /// ```
    ///
    /// - Parameters:
    ///   - key: The key of a message in flight.
    ///   - now: The current time (the clock later given to ``peekBatch(maximumCount:now:)``).
    /// - Returns: When the message becomes due again, or `nil` when it is not in flight.
    /// - Complexity: O(in-flight count).
    @discardableResult
    public mutating func negativeAcknowledge(_ key: MessageKey, now: Instant) -> Instant? {
        guard let i = inFlight.firstIndex(where: { $0.message.key == key }) else { return nil }
        let due = now + inFlight[i].backoff.nextDelay(using: &random)
        inFlight[i].retryAt = due
        return due
    }

    /// The smallest key that may still be delivered (every smaller key is acknowledged or evicted).
    ///
    /// - Returns: The floor; the next key to be assigned when nothing is pending.
    /// - Throws: A storage error.
    public mutating func deliveryFloor() throws(OutboxError) -> MessageKey {
        var floor = OutboxState.Floor(epoch: state.epoch, sequence: nextSequence)
        for c in 0..<chains.count {
            let p = try pendingMinimum(ofClass: c)
            if p < floor { floor = p }
        }
        return MessageKey(producer: configuration.producer, epoch: floor.epoch, sequence: floor.sequence)
    }

    /// Recomputes the class floors, drops single acknowledgements below them, compacts, persists.
    mutating func settleAcknowledgements() throws(OutboxError) {
        for c in 0..<chains.count {
            let p = try pendingMinimum(ofClass: c)
            if state.floors[c] < p { state.floors[c] = p }
        }
        var lowest = state.floors[0]
        for floor in state.floors where floor < lowest { lowest = floor }
        state.singles.removeAll { $0 < lowest }
        try compact()
        try writeState()
    }

    /// The smallest pending position of class `c`: its oldest message in flight or under its cursor.
    mutating func pendingMinimum(ofClass c: Int) throws(OutboxError) -> OutboxState.Floor {
        var result = OutboxState.Floor(epoch: state.epoch, sequence: nextSequence)
        if try settleCursor(c) { result = position(atCursorOf: c) }
        for entry in inFlight where entry.message.priority == UInt8(c) {
            let p = position(of: entry.message.key)
            if p < result { result = p }
            break
        }
        return result
    }

    /// Moves the cursor of class `c` past acknowledged records; whether a pending record is under it.
    mutating func settleCursor(_ c: Int) throws(OutboxError) -> Bool {
        while cursors[c].segmentIndex < chains[c].count {
            let segment = chains[c][cursors[c].segmentIndex]
            if cursors[c].offset >= segment.end {
                guard cursors[c].segmentIndex + 1 < chains[c].count else { return false }
                cursors[c].segmentIndex += 1
                cursors[c].offset = SegmentHeader.size
                cursors[c].sequence = chains[c][cursors[c].segmentIndex].header.firstSequence
                continue
            }
            var head = [UInt8](repeating: 0, count: RecordFrame.headerSize)
            let n = try storage.read(segment.number, at: cursors[c].offset, into: &head, count: head.count)
            guard n == head.count else {
                throw .corruptHeader(file: segment.number, offset: cursors[c].offset, reason: .truncated)
            }
            let frame = try frameHeader(head, at: 0, in: segment)
            cursors[c].sequence = frame.sequence
            if isPending(position(atCursorOf: c), inClass: c) { return true }
            cursors[c].offset += RecordFrame.headerSize + frame.length
        }
        return false
    }

    /// Reads and re-validates the record under the cursor of class `c`, then advances the cursor.
    mutating func readAtCursor(_ c: Int) throws(OutboxError) -> OutboxMessage {
        let segment = chains[c][cursors[c].segmentIndex]
        let offset = cursors[c].offset
        var head = [UInt8](repeating: 0, count: RecordFrame.headerSize)
        _ = try storage.read(segment.number, at: offset, into: &head, count: head.count)
        let length = try frameHeader(head, at: 0, in: segment).length
        guard length <= segment.end - offset - RecordFrame.headerSize else {
            throw .corruptHeader(file: segment.number, offset: offset, reason: .badField)
        }
        var frame = [UInt8](repeating: 0, count: RecordFrame.headerSize + length)
        let n = try storage.read(segment.number, at: offset, into: &frame, count: frame.count)
        guard n == frame.count,
            let valid = SegmentScanner.validFrame(
                frame, at: 0, limit: frame.count, header: segment.header, salt: segment.salt,
                minimumSequence: cursors[c].sequence),
            valid.length == length, valid.sequence == cursors[c].sequence
        else { throw .corruptHeader(file: segment.number, offset: offset, reason: .badChecksum) }
        let key = MessageKey(producer: configuration.producer, epoch: segment.epoch, sequence: cursors[c].sequence)
        cursors[c].offset += frame.count
        return OutboxMessage(key: key, priority: segment.priority, payload: Array(frame[RecordFrame.headerSize...]))
    }
}
