/// How an ``Outbox`` lays out its data, how durable an enqueue is, and how it delivers.
///
/// ```swift
/// var configuration = OutboxConfiguration(producer: 42)
/// configuration.budgetBytes = 8 << 20          // 8 MiB on flash
/// configuration.protectedPriority = 2          // priority 2 and up is never evicted
/// configuration.durability = .everyRecord
/// ```
public struct OutboxConfiguration: Sendable, Equatable {
    /// The producer identifier written into every key.
    public var producer: UInt64
    /// The size of each preallocated segment file, in bytes (4 KiB ... 1 GiB).
    public var segmentCapacity: Int = 1 << 20
    /// The most bytes of segment files the outbox may hold (a multiple of the capacity is best).
    public var budgetBytes: Int = 64 << 20
    /// The number of priority classes (1 ... 8); priorities are `0..<priorityClassCount`.
    public var priorityClassCount: Int = 3
    /// Priorities at or above this value are never evicted; lower ones are evicted oldest first,
    /// lowest priority first, to make room.
    public var protectedPriority: UInt8 = 2
    /// When ``Outbox/enqueue(_:priority:)`` syncs.
    public var durability: DurabilityPolicy = .everyRecord
    /// The most messages delivered but not yet acknowledged (including those waiting to retry).
    public var inFlightLimit: Int = 64
    /// The receiver's out-of-order window: delivery never runs more than this many sequence
    /// numbers ahead of the oldest outstanding message of the same epoch (match ``InboxConfiguration/window``).
    public var deliveryWindow: Int = 1024
    /// The first retry delay after a negative acknowledgement (counted in whole milliseconds).
    public var retryBase: Duration = .milliseconds(100)
    /// The largest retry delay (counted in whole milliseconds).
    public var retryCap: Duration = .seconds(60)

    /// Creates a configuration with defaults for everything but the producer.
    ///
    /// - Parameter producer: The producer identifier.
    public init(producer: UInt64) {
        self.producer = producer
    }

    /// Checks every rule.
    func validate() throws(OutboxError) {
        guard segmentCapacity >= 4096, segmentCapacity <= 1 << 30 else {
            throw .invalidConfiguration(reason: .segmentCapacity)
        }
        guard priorityClassCount >= 1, priorityClassCount <= 8 else {
            throw .invalidConfiguration(reason: .priorityClasses)
        }
        guard budgetBytes >= 2 * segmentCapacity else { throw .invalidConfiguration(reason: .budgetTooSmall) }
        guard inFlightLimit >= 1, inFlightLimit <= deliveryWindow else {
            throw .invalidConfiguration(reason: .inFlightLimit)
        }
        if case .group(let records) = durability, records < 1 { throw .invalidConfiguration(reason: .groupSize) }
    }
}

/// When an enqueued record becomes durable.
///
/// ```swift
/// configuration.durability = .group(records: 64)
/// ```
public enum DurabilityPolicy: Sendable, Equatable {
    /// Every ``Outbox/enqueue(_:priority:)`` syncs before it returns: the record survives a power cut.
    case everyRecord
    /// One sync per `records` records: ``Outbox/enqueue(_:priority:)`` returns after writing, and the
    /// record is durable once ``Outbox/durableThrough`` reaches its key. ``SharedOutbox`` builds
    /// blocking group commit (concurrent writers share one sync, at most `records` or a time limit
    /// apart) on top of this.
    case group(records: Int)
    /// Never syncs on enqueue: records are durable only after ``Outbox/sync()`` or a later sync.
    case none
}
