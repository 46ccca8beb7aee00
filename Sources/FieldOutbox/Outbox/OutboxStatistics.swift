/// Counters describing an outbox: what it holds, what it evicted and why, and what recovery found.
///
/// ```swift
/// let stats = outbox.statistics
/// print(stats.pendingRecords, stats.evictedRecords[0])
/// ```
public struct OutboxStatistics: Sendable, Equatable {
    /// The current epoch.
    public var epoch: UInt32 = 0
    /// Records not yet acknowledged (including those in flight).
    public var pendingRecords: Int = 0
    /// Payload bytes of the pending records.
    public var pendingBytes: Int = 0
    /// Segment files present.
    public var segments: Int = 0
    /// Bytes of segment files present (their preallocated capacity).
    public var segmentBytes: Int = 0
    /// Messages delivered and not yet acknowledged.
    public var inFlight: Int = 0
    /// Per priority class: records evicted un-acknowledged to make room under the byte budget
    /// (persisted across restarts).
    public var evictedRecords: [UInt64] = []
    /// Per priority class: payload bytes of those evicted records (persisted).
    public var evictedBytes: [UInt64] = []
    /// Segments whose tail was torn or corrupt at the last recovery (the garbage was ignored).
    public var tornTails: Int = 0
    /// Segments deleted because every record in them was acknowledged.
    public var compactedSegments: Int = 0

    /// Creates zeroed counters.
    public init() {}
}
