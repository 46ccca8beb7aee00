import FieldOutbox
import Testing

@Suite("Byte budget and priorities")
struct BudgetTests {
    func configuration() -> OutboxConfiguration {
        var configuration = smallConfiguration()
        configuration.budgetBytes = 8 * 4096  // eight segments
        configuration.protectedPriority = 2
        return configuration
    }

    @Test("telemetry is evicted oldest first to make room; alarms never; counters say what went")
    func eviction() throws {
        let storage = MemoryOutboxStorage()
        var outbox = try Outbox(storage: storage, configuration: configuration())
        let payload = [UInt8](repeating: 1, count: 1000)  // 3 records per 4 KiB segment
        var alarms: [MessageKey] = []
        for _ in 0..<6 { alarms.append(try outbox.enqueue(payload, priority: 2)) }  // 2 segments
        var telemetry: [MessageKey] = []
        for _ in 0..<30 { telemetry.append(try outbox.enqueue(payload, priority: 1)) }  // 10 segments wanted
        let stats = try outbox.statistics()
        #expect(stats.segmentBytes <= 8 * 4096)
        #expect(stats.evictedRecords == [0, 12, 0])
        #expect(stats.evictedBytes == [0, 12_000, 0])
        let pending = try outbox.pendingMessages().map(\.key)
        #expect(pending == (alarms + telemetry.suffix(18)).sorted())
        // Counters persist.
        let reopened = try Outbox(storage: storage, configuration: configuration())
        #expect(try reopened.statistics().evictedRecords == [0, 12, 0])
    }

    @Test("protected data that cannot fit gets storageFull; lower priorities cannot evict higher ones")
    func full() throws {
        var outbox = try Outbox(storage: MemoryOutboxStorage(), configuration: configuration())
        let payload = [UInt8](repeating: 2, count: 1000)
        for _ in 0..<24 { try outbox.enqueue(payload, priority: 2) }  // 8 segments: budget used
        #expect(
            outboxError { try outbox.enqueue(payload, priority: 2) }
                == .storageFull(priority: 2, needed: 4096, budget: 8 * 4096))
        #expect(
            outboxError { try outbox.enqueue(payload, priority: 0) }
                == .storageFull(priority: 0, needed: 4096, budget: 8 * 4096))
        // Acknowledging frees space again.
        try outbox.acknowledge(through: MessageKey(producer: 7, epoch: 1, sequence: 5))
        try outbox.enqueue(payload, priority: 2)
    }
}
