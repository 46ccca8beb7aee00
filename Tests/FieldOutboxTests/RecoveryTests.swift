import FieldCore
@_spi(Testing) import FieldOutbox
import Testing

@Suite("Recovery and corrupt files")
struct RecoveryTests {
    /// An outbox with `count` records in class 0, the storage, and the first segment's number.
    func filled(_ count: Int) throws -> (FaultInjectingStorage, UInt32) {
        let storage = FaultInjectingStorage()
        var outbox = try Outbox(storage: storage, configuration: smallConfiguration())
        for i in 0..<count { try outbox.enqueue(selfDescribingPayload(epoch: 1, sequence: UInt64(i), length: 50)) }
        return (storage, StorageLayout.firstSegment)
    }

    @Test("a flipped bit in a record ends the log there: the prefix survives, nothing after it")
    func corruptRecord() throws {
        let (storage, segment) = try filled(10)
        let frame = OutboxFormat.recordHeaderSize + 50
        // Corrupt a payload byte of record 6.
        storage.corrupt(
            segment, at: OutboxFormat.segmentHeaderSize + 6 * frame + OutboxFormat.recordHeaderSize + 20, with: [0xFF])
        let outbox = try Outbox(storage: storage, configuration: smallConfiguration())
        let pending = try outbox.pendingMessages()
        #expect(pending.map(\.key.sequence) == Array(0..<6))
        #expect(pending.allSatisfy(isGenuine))
        #expect(try outbox.statistics().tornTails == 1)
    }

    @Test("a torn tail (half a frame) is ignored, and appends go to a fresh segment")
    func tornTail() throws {
        let (storage, segment) = try filled(3)
        let frame = OutboxFormat.recordHeaderSize + 50
        let garbage = [UInt8](repeating: 0xA5, count: 30)
        storage.corrupt(segment, at: OutboxFormat.segmentHeaderSize + 3 * frame, with: garbage)
        var outbox = try Outbox(storage: storage, configuration: smallConfiguration())
        #expect(try outbox.pendingMessages().count == 3)
        let key = try outbox.enqueue(selfDescribingPayload(epoch: 2, sequence: 0, length: 50))
        let reopened = try Outbox(storage: storage, configuration: smallConfiguration())
        let pending = try reopened.pendingMessages()
        #expect(pending.map(\.key) == pending.map(\.key).sorted())
        #expect(pending.last?.key == key)
        #expect(pending.count == 4)
        #expect(pending.allSatisfy(isGenuine))
    }

    @Test("a valid-looking frame copied from another segment never validates (salted CRC)")
    func foreignFrame() throws {
        let storage = MemoryOutboxStorage()
        var outbox = try Outbox(storage: storage, configuration: smallConfiguration())
        for i in 0..<40 { try outbox.enqueue(selfDescribingPayload(epoch: 1, sequence: UInt64(i), length: 200)) }
        let first = StorageLayout.firstSegment
        let second = first + 1
        let firstCount = try Outbox(storage: storage, configuration: smallConfiguration()).recordCounts(priority: 0)[0]
        // Copy the first frame of segment 1 behind the last record of segment 0, with a plausible sequence.
        var frame = [UInt8](repeating: 0, count: OutboxFormat.recordHeaderSize + 200)
        _ = try storage.read(second, at: OutboxFormat.segmentHeaderSize, into: &frame, count: frame.count)
        let end = OutboxFormat.segmentHeaderSize + firstCount * frame.count
        try storage.write(first, at: end, from: frame, count: frame.count)
        let reopened = try Outbox(storage: storage, configuration: smallConfiguration())
        #expect(reopened.recordCounts(priority: 0)[0] == firstCount)
        #expect(try reopened.pendingMessages().count == 40)
    }

    @Test("corrupt headers, newer versions, other producers and stray files give typed errors")
    func badFiles() throws {
        let (storage, segment) = try filled(2)
        storage.corrupt(segment, at: 20, with: [0x01])
        #expect(
            outboxError { try Outbox(storage: storage, configuration: smallConfiguration()) }
                == .corruptHeader(file: segment, offset: 60, reason: .badChecksum))

        let (other, segment2) = try filled(2)
        other.corrupt(segment2, at: 0, with: [0x00])
        #expect(
            outboxError { try Outbox(storage: other, configuration: smallConfiguration()) }
                == .corruptHeader(file: segment2, offset: 0, reason: .badMagic))

        let (newer, segment3) = try filled(2)
        let header = OutboxFormat.segmentHeader(
            segment: segment3, priority: 0, epoch: 1, firstSequence: 0, capacity: 4096, producer: 7, version: 2)
        newer.corrupt(segment3, at: 0, with: header)
        #expect(
            outboxError { try Outbox(storage: newer, configuration: smallConfiguration()) }
                == .unsupportedVersion(file: segment3, version: 2))

        let stray = MemoryOutboxStorage()
        _ = try Outbox(storage: stray, configuration: smallConfiguration())
        try stray.create(5, capacity: 10, initialBytes: [])
        #expect(
            outboxError { try Outbox(storage: stray, configuration: smallConfiguration()) }
                == .foreignFile(name: "file number 5"))

        let (lostState, _) = try filled(1)
        try lostState.remove(StorageLayout.outboxState)
        #expect(
            outboxError { try Outbox(storage: lostState, configuration: smallConfiguration()) }
                == .corruptHeader(file: StorageLayout.outboxState, offset: 0, reason: .truncated))
    }

    @Test("a torn state-file write falls back to the previous slot")
    func tornState() throws {
        let storage = FaultInjectingStorage()
        var outbox = try Outbox(storage: storage, configuration: smallConfiguration())
        for i in 0..<5 { try outbox.enqueue([UInt8(i)]) }
        try outbox.acknowledge(through: MessageKey(producer: 7, epoch: 1, sequence: 1))
        // Tear the slot holding the newest state.
        let newest = Int(outbox.stateGeneration % 2)
        storage.corrupt(StorageLayout.outboxState, at: newest * OutboxFormat.stateSlotSize + 40, with: [0xEE, 0xEE])
        let reopened = try Outbox(storage: storage, configuration: smallConfiguration())
        // The older slot predates the acknowledgement: at least once, nothing lost.
        #expect(try reopened.pendingMessages().map(\.payload) == [[0], [1], [2], [3], [4]])
        #expect(reopened.epoch == 2)
    }
}
