import FieldCore
import FieldOutbox
import Testing

/// Deterministic power-cut simulation: thousands of cuts at random storage operations, with the
/// fault-injecting storage deciding per unsynced write whether it survives, is lost or is torn.
@Suite("Crash simulation")
struct CrashTests {
    /// What the test knows about one simulated device.
    struct Model {
        /// Keys whose enqueue returned with a durability promise (and their priority).
        var confirmed: [MessageKey: UInt8] = [:]
        /// Keys appended but not yet promised durable (policy none/group).
        var unconfirmed: [MessageKey: UInt8] = [:]
        /// Keys whose acknowledgement returned (durable).
        var acknowledged: Set<MessageKey> = []
        /// Keys whose acknowledgement was attempted (it may have reached storage even if it threw).
        var maybeAcknowledged: Set<MessageKey> = []
    }

    static func run(seed: UInt64, cuts: Int) throws -> (recovered: Int, torn: Int) {
        var rng = SplitMix64(seed: seed)
        let storage = FaultInjectingStorage()
        var model = Model()
        var recoveredTotal = 0
        var tornTotal = 0
        for _ in 0..<cuts {
            let policy: DurabilityPolicy
            switch rng.next() % 3 {
            case 0: policy = .everyRecord
            case 1: policy = .group(records: 1 + Int(rng.next() % 5))
            default: policy = .none
            }
            var configuration = smallConfiguration(durability: policy)
            configuration.budgetBytes = 1 << 24
            storage.armPowerCut(afterOperations: Int(rng.next() % 120))
            do throws(OutboxError) {
                var outbox = try Outbox(storage: storage, configuration: configuration, seed: rng.next())
                try operate(&outbox, policy: policy, model: &model, rng: &rng)
            } catch {
                #expect(error == .powerLost, "unexpected error \(error)")
                if error != .powerLost { return (recoveredTotal, tornTotal) }
            }
            storage.powerCut(using: &rng)

            // Recover without faults and check the promises.
            let recovered: [OutboxMessage]
            do throws(OutboxError) {
                let outbox = try Outbox(storage: storage, configuration: configuration)
                recovered = try outbox.pendingMessages()
                tornTotal += try outbox.statistics().tornTails
            } catch {
                Issue.record("recovery failed: \(error)")
                return (recoveredTotal, tornTotal)
            }
            recoveredTotal += recovered.count
            guard check(recovered, against: &model) else { return (recoveredTotal, tornTotal) }
        }
        return (recoveredTotal, tornTotal)
    }

    /// Runs random operations on `outbox`, keeping `model` up to date, until the power cut strikes
    /// (the storage then throws ``OutboxError/powerLost`` from every operation).
    static func operate(
        _ outbox: inout Outbox<FaultInjectingStorage>, policy: DurabilityPolicy, model: inout Model,
        rng: inout SplitMix64
    ) throws(OutboxError) {
        var sequence: UInt64 = 0
        while true {
            let op = rng.next() % 100
            if op < 70 {
                try enqueueOne(&outbox, policy: policy, sequence: &sequence, model: &model, rng: &rng)
            } else if op < 78 {
                try enqueueSeveral(&outbox, policy: policy, sequence: &sequence, model: &model, rng: &rng)
            } else if op < 90 {
                guard try deliverAndAcknowledge(&outbox, model: &model, rng: &rng) else { continue }
            } else if op < 95 {
                try outbox.sync()
            } else {
                _ = try outbox.peekBatch(maximumCount: 4, now: .epoch)
            }
            if let durable = outbox.durableThrough {
                for (key, priority) in model.unconfirmed where key <= durable {
                    model.confirmed[key] = priority
                    model.unconfirmed[key] = nil
                }
            }
        }
    }

    /// Enqueues one self-describing record.
    static func enqueueOne(
        _ outbox: inout Outbox<FaultInjectingStorage>, policy: DurabilityPolicy, sequence: inout UInt64,
        model: inout Model, rng: inout SplitMix64
    ) throws(OutboxError) {
        let priority = UInt8(rng.next() % 3)
        let length = 12 + Int(rng.next() % 300)
        let payload = selfDescribingPayload(epoch: outbox.epoch, sequence: sequence, length: length)
        model.unconfirmed[MessageKey(producer: 7, epoch: outbox.epoch, sequence: sequence)] = priority
        let key = try outbox.enqueue(payload, priority: priority)
        precondition(key.sequence == sequence)
        sequence += 1
        if policy == .everyRecord {
            model.confirmed[key] = priority
            model.unconfirmed[key] = nil
        }
    }

    /// Enqueues one to four records with a single durable write.
    static func enqueueSeveral(
        _ outbox: inout Outbox<FaultInjectingStorage>, policy: DurabilityPolicy, sequence: inout UInt64,
        model: inout Model, rng: inout SplitMix64
    ) throws(OutboxError) {
        let count = 1 + Int(rng.next() % 4)
        let priority = UInt8(rng.next() % 3)
        var payloads: [[UInt8]] = []
        for i in 0..<count {
            payloads.append(selfDescribingPayload(epoch: outbox.epoch, sequence: sequence + UInt64(i), length: 40))
            model.unconfirmed[MessageKey(producer: 7, epoch: outbox.epoch, sequence: sequence + UInt64(i))] = priority
        }
        let keys = try outbox.enqueue(contentsOf: payloads, priority: priority)
        sequence += UInt64(count)
        for key in keys where policy != .none {
            model.confirmed[key] = priority
            model.unconfirmed[key] = nil
        }
    }

    /// Takes a batch and acknowledges it, through its last key or a random subset of single keys.
    ///
    /// - Returns: `false` when the batch was empty (nothing happened).
    static func deliverAndAcknowledge(
        _ outbox: inout Outbox<FaultInjectingStorage>, model: inout Model, rng: inout SplitMix64
    ) throws(OutboxError) -> Bool {
        let batch = try outbox.peekBatch(maximumCount: 1 + Int(rng.next() % 8), now: .epoch)
        guard let last = batch.messages.last else { return false }
        if rng.next() % 2 == 0 {
            for key in Array(model.confirmed.keys) + Array(model.unconfirmed.keys) where key <= last.key {
                model.maybeAcknowledged.insert(key)
            }
            try outbox.acknowledge(through: last.key)
            for key in Array(model.confirmed.keys) + Array(model.unconfirmed.keys) where key <= last.key {
                model.acknowledged.insert(key)
            }
        } else {
            let picked = batch.messages.filter { _ in rng.next() % 2 == 0 }.map(\.key)
            model.maybeAcknowledged.formUnion(picked)
            try outbox.acknowledge(picked)
            model.acknowledged.formUnion(picked)
        }
        return true
    }

    /// Checks what recovery returned against the model, then makes the model match it.
    ///
    /// - Returns: `false` after a durable record was found lost (the run stops there).
    static func check(_ recovered: [OutboxMessage], against model: inout Model) -> Bool {
        var seen = Set<MessageKey>()
        var lastPerClass: [UInt8: MessageKey] = [:]
        for message in recovered {
            // nothing never written: the payload is exactly what was enqueued under that key
            #expect(isGenuine(message), "garbage recovered as \(message.key)")
            #expect(
                model.confirmed[message.key] == message.priority
                    || model.unconfirmed[message.key] == message.priority)
            #expect(!model.acknowledged.contains(message.key), "acknowledged \(message.key) came back")
            // order kept, each at most once
            #expect(!seen.contains(message.key))
            if let previous = lastPerClass[message.priority] { #expect(previous < message.key) }
            lastPerClass[message.priority] = message.key
            seen.insert(message.key)
        }
        for (key, _) in model.confirmed where !model.maybeAcknowledged.contains(key) {
            #expect(seen.contains(key), "durable \(key) lost")
            if !seen.contains(key) { return false }
        }
        // What was not recovered is gone for good: forget it, and treat the rest as confirmed.
        model.confirmed = model.confirmed.filter { seen.contains($0.key) }
        for key in seen where model.confirmed[key] == nil {
            model.confirmed[key] = model.unconfirmed[key]
        }
        model.unconfirmed = [:]
        model.acknowledged = model.acknowledged.filter { model.confirmed[$0] != nil }
        model.maybeAcknowledged = model.maybeAcknowledged.filter { model.confirmed[$0] != nil }
        return true
    }

    @Test(
        "every durable record survives thousands of power cuts; no garbage, no reordering",
        arguments: [1, 2, 3, 4] as [UInt64])
    func powerCuts(seed: UInt64) throws {
        let (recovered, torn) = try Self.run(seed: seed, cuts: 750)
        #expect(recovered > 1000)  // the runs really recover data
        #expect(torn > 10)  // and really meet torn tails
    }
}
