/// What recovery and appending know about one segment file.
struct Segment: Sendable {
    var header: SegmentHeader
    var salt: UInt32
    /// The end of the valid records (the next append position).
    var end: Int
    /// The number of valid records.
    var count: Int
    /// The sequence of the last valid record (sequences increase within a segment but may skip:
    /// the epoch's counter is shared by all priority classes).
    var lastSequence: UInt64?
    /// No more appends: written in an earlier epoch, or rolled over.
    var sealed: Bool

    var number: UInt32 { header.segment }
    var epoch: UInt32 { header.epoch }
    var priority: UInt8 { header.priority }
    var capacity: Int { Int(header.capacity) }
    /// The position after the last record.
    var nextPosition: OutboxState.Floor {
        OutboxState.Floor(epoch: header.epoch, sequence: lastSequence.map { $0 &+ 1 } ?? header.firstSequence)
    }
}

/// A delivery cursor in one priority class's chain of segments; `sequence` is that of the record
/// under it once ``Outbox/settleCursor(_:)`` has read its frame header.
struct Cursor: Sendable {
    var segmentIndex: Int
    var offset: Int
    var sequence: UInt64
}
