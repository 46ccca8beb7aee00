import FieldCore
import FieldOutbox

/// FieldOutbox under Embedded Swift: the log over in-memory and fault-injecting storage (enqueue,
/// recovery after a simulated power cut, delivery, acknowledgement, compaction) and the inbox.
func runFieldOutboxSelfTest(_ check: inout Checker) {
    check.begin("FieldOutbox")
    var configuration = OutboxConfiguration(producer: 5)
    configuration.segmentCapacity = 4096
    configuration.budgetBytes = 64 * 1024
    do throws(OutboxError) {
        let storage = FaultInjectingStorage()
        var outbox = try Outbox(storage: storage, configuration: configuration)
        var keys: [MessageKey] = []
        for i in 0..<40 {
            keys.append(try outbox.enqueue([UInt8](repeating: UInt8(i), count: 150), priority: UInt8(i % 3)))
        }
        check.expect(keys[0] == MessageKey(producer: 5, epoch: 1, sequence: 0), "first key")
        check.expect(keys[39].sequence == 39, "sequences count up")

        // A power cut in the middle of unsynced writes loses nothing that was synced.
        storage.armPowerCut(afterOperations: 1)
        var unsynced = configuration
        unsynced.durability = .none
        var lost = false
        do throws(OutboxError) {
            var cut = try Outbox(storage: storage, configuration: unsynced)
            for _ in 0..<10 { try cut.enqueue([1, 2, 3]) }
        } catch {
            lost = error == .powerLost
        }
        check.expect(lost, "power cut reported")
        var rng = FixedRandom()
        storage.powerCut(using: &rng)

        var recovered = try Outbox(storage: storage, configuration: configuration)
        let pending = try recovered.pendingMessages()
        check.expect(pending.count == 40, "all synced records recovered")
        check.expect(pending.map { $0.key } == keys, "in order")
        check.expect(pending[7].payload == [UInt8](repeating: 7, count: 150), "payload intact")
        check.expect(recovered.epoch >= 2, "epoch advanced")

        let batch = try recovered.peekBatch(maximumCount: 10, now: .epoch)
        check.expect(batch.messages.count == 10, "batch delivered")
        try recovered.acknowledge(through: batch.messages[9].key)
        check.expect(try recovered.pendingMessages().count == 30, "acknowledged records gone")

        var inbox = try Inbox(storage: MemoryOutboxStorage(), configuration: InboxConfiguration())
        check.expect(try inbox.receive(keys[0]) == .new, "inbox: new")
        check.expect(try inbox.receive(keys[0]) == .duplicate, "inbox: duplicate")
        check.expect(try inbox.receive(keys[2]) == .new, "inbox: out of order")
        check.expect(try inbox.receive(keys[1]) == .new, "inbox: gap filled")
        check.expect(inbox.window(for: 5)?.next == 3, "inbox: high-water mark")
    } catch {
        check.expect(false, "unexpected OutboxError")
    }
}

/// A deterministic generator for the power cut (keeps every unsynced write).
struct FixedRandom: RandomNumberGenerator {
    mutating func next() -> UInt64 { 0 }
}
