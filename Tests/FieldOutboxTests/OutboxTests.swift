import FieldCore
import FieldOutbox
import Testing

@Suite("Outbox")
struct OutboxTests {
    @Test("keys count from 0 within an epoch and the epoch advances on every open")
    func keysAndEpochs() throws {
        let storage = MemoryOutboxStorage()
        var first = try Outbox(storage: storage, configuration: smallConfiguration())
        let a = try first.enqueue([1])
        let b = try first.enqueue([2])
        #expect(a == MessageKey(producer: 7, epoch: 1, sequence: 0))
        #expect(b == MessageKey(producer: 7, epoch: 1, sequence: 1))
        let second = try Outbox(storage: storage, configuration: smallConfiguration())
        #expect(second.epoch == 2)
        let third = try Outbox(storage: storage, configuration: smallConfiguration())
        #expect(third.epoch == 3)
        #expect(try third.pendingMessages().map(\.payload) == [[1], [2]])
    }

    @Test("messages survive reopening, in order, across segments and classes")
    func reopen() throws {
        let storage = MemoryOutboxStorage()
        var outbox = try Outbox(storage: storage, configuration: smallConfiguration())
        var written: [MessageKey] = []
        for i in 0..<200 {
            written.append(
                try outbox.enqueue(
                    selfDescribingPayload(epoch: 1, sequence: UInt64(i), length: 100), priority: UInt8(i % 3)))
        }
        let reopened = try Outbox(storage: storage, configuration: smallConfiguration())
        let pending = try reopened.pendingMessages()
        #expect(pending.map(\.key) == written)
        #expect(pending.allSatisfy(isGenuine))
        #expect(pending.map(\.priority) == (0..<200).map { UInt8($0 % 3) })
    }

    @Test("delivery, acknowledgement through a key, compaction and redelivery after restart")
    func delivery() throws {
        let storage = MemoryOutboxStorage()
        var outbox = try Outbox(storage: storage, configuration: smallConfiguration())
        for i in 0..<100 { try outbox.enqueue(selfDescribingPayload(epoch: 1, sequence: UInt64(i), length: 200)) }
        let segmentsBefore = try outbox.statistics().segments
        let batch = try outbox.peekBatch(maximumCount: 10, now: .epoch)
        #expect(batch.messages.map(\.key.sequence) == Array(0..<10))
        #expect(batch.floor == MessageKey(producer: 7, epoch: 1, sequence: 0))
        try outbox.acknowledge(through: batch.messages[9].key)
        let more = try outbox.peekBatch(maximumCount: 70, now: .epoch)
        #expect(more.messages.map(\.key.sequence) == Array(10..<74))  // in-flight limit 64
        #expect(more.floor.sequence == 10)
        try outbox.acknowledge(through: more.messages[49].key)
        let stats = try outbox.statistics()
        #expect(stats.segments < segmentsBefore)
        #expect(stats.compactedSegments > 0)
        #expect(stats.pendingRecords == 40)
        // restart: everything un-acknowledged is delivered again, starting at 60
        var again = try Outbox(storage: storage, configuration: smallConfiguration())
        let redelivered = try again.peekBatch(maximumCount: 100, now: .epoch)
        #expect(redelivered.messages.map(\.key.sequence) == Array(60..<100))
        #expect(redelivered.messages.allSatisfy(isGenuine))
    }

    @Test("single acknowledgements persist and are skipped after restart")
    func singleAcks() throws {
        let storage = MemoryOutboxStorage()
        var outbox = try Outbox(storage: storage, configuration: smallConfiguration())
        for i in 0..<10 { try outbox.enqueue([UInt8(i)]) }
        let batch = try outbox.peekBatch(maximumCount: 10, now: .epoch)
        try outbox.acknowledge([batch.messages[3].key, batch.messages[0].key, batch.messages[7].key])
        #expect(try outbox.deliveryFloor().sequence == 1)
        var reopened = try Outbox(storage: storage, configuration: smallConfiguration())
        let again = try reopened.peekBatch(maximumCount: 10, now: .epoch)
        #expect(again.messages.map(\.payload) == [[1], [2], [4], [5], [6], [8], [9]])
        #expect(again.floor.sequence == 1)
    }

    @Test("a refused message comes back after a jittered, growing backoff")
    func negativeAcknowledgement() throws {
        var configuration = smallConfiguration()
        configuration.retryBase = .milliseconds(100)
        configuration.retryCap = .milliseconds(10_000)
        var outbox = try Outbox(storage: MemoryOutboxStorage(), configuration: configuration)
        let key = try outbox.enqueue([9])
        _ = try outbox.peekBatch(maximumCount: 1, now: .epoch)
        var now = Instant.epoch
        var ceilings: [Duration] = []
        for attempt in 0..<6 {
            let refused = outbox.negativeAcknowledge(key, now: now)
            let due = try #require(refused)
            let ceiling = Duration.milliseconds(Int64(100) << attempt)
            ceilings.append(ceiling)
            #expect(due >= now && due <= now + ceiling)
            if due > now {
                #expect(try outbox.peekBatch(maximumCount: 1, now: due - .milliseconds(1)).messages.isEmpty)
            }
            #expect(try outbox.peekBatch(maximumCount: 1, now: due).messages.map(\.key) == [key])
            now = due
        }
        #expect(outbox.negativeAcknowledge(MessageKey(producer: 7, epoch: 1, sequence: 99), now: .epoch) == nil)
    }

    @Test("a newer epoch is not delivered while an older one is in flight")
    func epochBarrier() throws {
        let storage = MemoryOutboxStorage()
        var first = try Outbox(storage: storage, configuration: smallConfiguration())
        try first.enqueue([1])
        var second = try Outbox(storage: storage, configuration: smallConfiguration())
        try second.enqueue([2])
        let batch = try second.peekBatch(maximumCount: 10, now: .epoch)
        #expect(batch.messages.map(\.key.epoch) == [1])
        try second.acknowledge([batch.messages[0].key])
        let next = try second.peekBatch(maximumCount: 10, now: .epoch)
        #expect(next.messages.map(\.key) == [MessageKey(producer: 7, epoch: 2, sequence: 0)])
    }

    @Test("misuse gets typed errors")
    func errors() throws {
        var outbox = try Outbox(storage: MemoryOutboxStorage(), configuration: smallConfiguration())
        #expect(
            outboxError { _ = try outbox.enqueue([UInt8](repeating: 0, count: 5000)) }
                == .recordTooLarge(size: 5000, limit: outbox.maximumPayloadSize))
        #expect(outboxError { _ = try outbox.enqueue([1], priority: 3) } == .invalidPriority(3))
        var bad = smallConfiguration()
        bad.segmentCapacity = 100
        #expect(
            outboxError { _ = try Outbox(storage: MemoryOutboxStorage(), configuration: bad) }
                == .invalidConfiguration(reason: .segmentCapacity))
        let storage = MemoryOutboxStorage()
        _ = try Outbox(storage: storage, configuration: smallConfiguration(producer: 1))
        #expect(
            outboxError { _ = try Outbox(storage: storage, configuration: smallConfiguration(producer: 2)) }
                == .producerMismatch(stored: 1, configured: 2))
    }

    @Test("group policy syncs every N records; none only on sync()")
    func durabilityPolicies() throws {
        var group = try Outbox(
            storage: MemoryOutboxStorage(), configuration: smallConfiguration(durability: .group(records: 4)))
        var keys: [MessageKey] = []
        for i in 0..<3 { keys.append(try group.enqueue([UInt8(i)])) }
        #expect(group.durableThrough == nil)
        keys.append(try group.enqueue([3]))
        #expect(group.durableThrough == keys[3])
        var none = try Outbox(storage: MemoryOutboxStorage(), configuration: smallConfiguration(durability: .none))
        let k = try none.enqueue([1])
        #expect(none.durableThrough == nil)
        try none.sync()
        #expect(none.durableThrough == k)
    }
}
