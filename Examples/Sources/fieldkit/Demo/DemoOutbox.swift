import FieldKit

/// A device's outbox on either real files (`PosixStorage`) or the fault-injecting storage that
/// simulates power cuts: one type so the simulation can hold both kinds of device.
enum DemoOutbox {
    case files(Outbox<PosixStorage>)
    case faulty(Outbox<FaultInjectingStorage>)

    static func open(
        producer: UInt64, directory: String?, faulty: FaultInjectingStorage?
    ) throws(OutboxError) -> DemoOutbox {
        var configuration = OutboxConfiguration(producer: producer)
        configuration.durability = .everyRecord
        configuration.segmentCapacity = 64 << 10
        configuration.retryBase = .milliseconds(1_000)
        if let faulty {
            return .faulty(try Outbox(storage: faulty, configuration: configuration, seed: producer))
        }
        return .files(
            try Outbox(
                storage: try PosixStorage(directory: directory ?? "."), configuration: configuration, seed: producer))
    }

    var epoch: UInt32 {
        switch self {
        case .files(let o): o.epoch
        case .faulty(let o): o.epoch
        }
    }

    mutating func enqueue(contentsOf payloads: [[UInt8]]) throws(OutboxError) -> [MessageKey] {
        switch self {
        case .files(var o):
            defer { self = .files(o) }
            return try o.enqueue(contentsOf: payloads)
        case .faulty(var o):
            defer { self = .faulty(o) }
            return try o.enqueue(contentsOf: payloads)
        }
    }

    mutating func peekBatch(maximumCount: Int, now: Int64) throws(OutboxError) -> OutboxBatch {
        switch self {
        case .files(var o):
            defer { self = .files(o) }
            return try o.peekBatch(maximumCount: maximumCount, now: .milliseconds(now))
        case .faulty(var o):
            defer { self = .faulty(o) }
            return try o.peekBatch(maximumCount: maximumCount, now: .milliseconds(now))
        }
    }

    mutating func acknowledge(_ keys: [MessageKey]) throws(OutboxError) {
        switch self {
        case .files(var o):
            defer { self = .files(o) }
            try o.acknowledge(keys)
        case .faulty(var o):
            defer { self = .faulty(o) }
            try o.acknowledge(keys)
        }
    }

    mutating func negativeAcknowledge(_ keys: [MessageKey], now: Int64) {
        switch self {
        case .files(var o):
            for key in keys { _ = o.negativeAcknowledge(key, now: .milliseconds(now)) }
            self = .files(o)
        case .faulty(var o):
            for key in keys { _ = o.negativeAcknowledge(key, now: .milliseconds(now)) }
            self = .faulty(o)
        }
    }

    func pendingCount() throws(OutboxError) -> Int {
        switch self {
        case .files(let o): try o.statistics().pendingRecords
        case .faulty(let o): try o.statistics().pendingRecords
        }
    }
}
