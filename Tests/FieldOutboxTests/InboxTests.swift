import FieldCore
import FieldOutbox
import Testing

@Suite("Inbox")
struct InboxTests {
    func key(_ producer: UInt64, _ epoch: UInt32, _ sequence: UInt64) -> MessageKey {
        MessageKey(producer: producer, epoch: epoch, sequence: sequence)
    }

    @Test("new, duplicate, out of order, beyond the window")
    func decisions() throws {
        var configuration = InboxConfiguration()
        configuration.window = 128
        var inbox = try Inbox(storage: MemoryOutboxStorage(), configuration: configuration)
        #expect(try inbox.receive(key(1, 1, 0)) == .new)
        #expect(try inbox.receive(key(1, 1, 0)) == .duplicate)
        #expect(try inbox.receive(key(1, 1, 5)) == .new)
        #expect(try inbox.receive(key(1, 1, 5)) == .duplicate)
        #expect(try inbox.receive(key(1, 1, 1 + 128)) == .beyondWindow)
        for s in 1..<5 as Range<UInt64> { #expect(try inbox.receive(key(1, 1, s)) == .new) }
        #expect(inbox.window(for: 1)?.next == 6)
        #expect(try inbox.receive(key(1, 1, 6 + 127)) == .new)
        // another producer is independent
        #expect(try inbox.receive(key(2, 1, 0)) == .new)
        // a newer epoch restarts the window; older epochs are duplicates from then on
        #expect(try inbox.receive(key(1, 2, 0)) == .new)
        #expect(try inbox.receive(key(1, 1, 7)) == .duplicate)
    }

    @Test("the delivery floor moves the window past gaps (evicted or acknowledged messages)")
    func floor() throws {
        var inbox = try Inbox(storage: MemoryOutboxStorage(), configuration: InboxConfiguration())
        #expect(try inbox.receive(key(1, 1, 0)) == .new)
        #expect(try inbox.receive(key(1, 1, 5000), floor: key(1, 1, 4990)) == .new)
        #expect(inbox.window(for: 1)?.next == 4990)
        #expect(try inbox.receive(key(1, 1, 3)) == .duplicate)
        #expect(try inbox.receive(key(1, 3, 9), floor: key(1, 3, 9)) == .new)
        #expect(inbox.window(for: 1)?.next == 10)
    }

    @Test("state persists across reopening, after weeks of silence (no time window)")
    func persistence() throws {
        let storage = MemoryOutboxStorage()
        var inbox = try Inbox(storage: storage, configuration: InboxConfiguration())
        for s in [0, 1, 2, 7, 9] as [UInt64] { try inbox.receive(key(42, 3, s)) }
        try inbox.receive(key(43, 1, 0))
        let reopened = try Inbox(storage: storage, configuration: InboxConfiguration())
        #expect(reopened.producerCount == 2)
        for s in [0, 1, 2, 7, 9] as [UInt64] { #expect(reopened.decide(key(42, 3, s)) == .duplicate) }
        for s in [3, 8, 10] as [UInt64] { #expect(reopened.decide(key(42, 3, s)) == .new) }
        #expect(reopened.decide(key(43, 1, 0)) == .duplicate)
    }

    @Test("matches a set-based model under random out-of-order replays (seeded)")
    func property() throws {
        var rng = SplitMix64(seed: 99)
        var configuration = InboxConfiguration()
        configuration.window = 256
        let storage = MemoryOutboxStorage()
        var inbox = try Inbox(storage: storage, configuration: configuration)
        var seen = Set<MessageKey>()
        var base: [UInt64: UInt64] = [:]
        for step in 0..<5000 {
            let producer = rng.next() % 4
            let low = base[producer, default: 0]
            // replays from the past and new messages within the window
            let sequence = low > 300 && rng.next() % 4 == 0 ? low - 1 - rng.next() % 300 : low + rng.next() % 200
            let k = key(producer, 1, sequence)
            let expected: InboxDecision = seen.contains(k) ? .duplicate : .new
            let window = inbox.window(for: producer)
            let got = try inbox.receive(k)
            if expected == .new, let window, sequence < window.next {
                Issue.record("step \(step): \(k) below the high-water mark yet never seen")
            }
            #expect(got == expected || (got == .beyondWindow && expected == .new))
            if got == .new { seen.insert(k) }
            if rng.next() % 16 == 0 { base[producer] = low + 50 }
            if step % 1000 == 999 { inbox = try Inbox(storage: storage, configuration: configuration) }
        }
    }

    @Test("a torn slot write keeps the previous state; too many producers is an error")
    func tornAndFull() throws {
        let storage = FaultInjectingStorage()
        var configuration = InboxConfiguration()
        configuration.maximumProducers = 2
        var inbox = try Inbox(storage: storage, configuration: configuration)
        try inbox.receive(key(1, 1, 0))
        storage.armPowerCut(afterOperations: 1)  // the next write lands, its sync fails
        #expect(outboxError { try inbox.receive(key(1, 1, 1)) } == .powerLost)
        var rng = SplitMix64(seed: 5)
        storage.powerCut(using: &rng)
        var reopened = try Inbox(storage: storage, configuration: configuration)
        #expect(reopened.decide(key(1, 1, 0)) == .duplicate)
        try reopened.receive(key(2, 1, 0))
        #expect(outboxError { try reopened.receive(key(3, 1, 0)) } == .tooManyProducers(limit: 2))
    }

    @Test("end to end: outbox to inbox across restarts processes every message exactly once")
    func endToEnd() throws {
        var rng = SplitMix64(seed: 7)
        let deviceStorage = MemoryOutboxStorage()
        let serverStorage = MemoryOutboxStorage()
        var configuration = smallConfiguration()
        configuration.inFlightLimit = 16
        var processed: [MessageKey: Int] = [:]
        var enqueued = Set<MessageKey>()
        for _ in 0..<20 {  // 20 device restarts
            var outbox = try Outbox(storage: deviceStorage, configuration: configuration)
            var inbox = try Inbox(storage: serverStorage, configuration: InboxConfiguration())
            for _ in 0..<30 {
                enqueued.insert(try outbox.enqueue([UInt8(rng.next() % 256)], priority: UInt8(rng.next() % 3)))
                let batch = try outbox.peekBatch(maximumCount: 8, now: .epoch)
                var acked: [MessageKey] = []
                for message in batch.messages {
                    if try inbox.receive(message.key, floor: batch.floor) == .new {
                        processed[message.key, default: 0] += 1
                    }
                    if rng.next() % 3 != 0 { acked.append(message.key) }  // acks get lost
                }
                try outbox.acknowledge(acked)
            }
        }
        var outbox = try Outbox(storage: deviceStorage, configuration: configuration)
        var inbox = try Inbox(storage: serverStorage, configuration: InboxConfiguration())
        while true {
            let batch = try outbox.peekBatch(maximumCount: 16, now: .epoch)
            if batch.messages.isEmpty { break }
            for message in batch.messages where try inbox.receive(message.key, floor: batch.floor) == .new {
                processed[message.key, default: 0] += 1
            }
            try outbox.acknowledge(batch.messages.map(\.key))
        }
        #expect(Set(processed.keys) == enqueued)
        #expect(processed.values.allSatisfy { $0 == 1 })
    }
}
