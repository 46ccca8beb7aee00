/// The sizes of FieldOutbox's on-disk structures and a forger of segment headers, for tests that
/// damage files on purpose (see <doc:OnDiskFormat> for the layouts).
///
/// ```swift
/// @_spi(Testing) import FieldOutbox
/// let frame = OutboxFormat.recordHeaderSize + 50
/// storage.corrupt(segment, at: OutboxFormat.segmentHeaderSize + 6 * frame, with: [0xFF])
/// ```
@_spi(Testing)
public enum OutboxFormat {
    /// The size of a segment header; the first record starts here.
    public static var segmentHeaderSize: Int { SegmentHeader.size }
    /// The size of a record frame header; the payload follows it.
    public static var recordHeaderSize: Int { RecordFrame.headerSize }
    /// The size of one of the two slots of the outbox state file.
    public static var stateSlotSize: Int { OutboxState.slotSize }

    /// A complete, correctly checksummed segment header, in any format version.
    ///
    /// - Parameters:
    ///   - segment: The segment (file) number.
    ///   - priority: The priority class.
    ///   - epoch: The epoch.
    ///   - firstSequence: The first record's sequence.
    ///   - capacity: The file size.
    ///   - producer: The producer.
    ///   - version: The format version to claim.
    /// - Returns: The header bytes.
    public static func segmentHeader(
        segment: UInt32, priority: UInt8, epoch: UInt32, firstSequence: UInt64, capacity: UInt32, producer: UInt64,
        version: UInt16
    ) -> [UInt8] {
        SegmentHeader(
            priority: priority, segment: segment, epoch: epoch, firstSequence: firstSequence, capacity: capacity,
            producer: producer
        ).encoded(version: version)
    }
}

extension Outbox {
    /// The generation of the state last written (its slot is `generation % 2`).
    @_spi(Testing)
    public var stateGeneration: UInt64 { state.generation }

    /// The number of valid records in each segment of a priority class, oldest segment first.
    ///
    /// - Parameter priority: The priority class.
    /// - Returns: One count per segment.
    @_spi(Testing)
    public func recordCounts(priority: UInt8) -> [Int] {
        chains[Int(priority)].map(\.count)
    }
}
