import FieldCore

/// A durable, crash-safe store-and-forward queue: messages are appended to a segmented log,
/// delivered in key order, retried with backoff, and deleted once acknowledged.
///
/// Opening an outbox recovers its log: every segment is checked (header checksum, format version,
/// producer), every record is validated (length, CRC-32C salted with its segment, expected
/// sequence and epoch), and each segment's log ends at its first torn or corrupt frame, so no
/// garbage is ever returned. The epoch then advances, durably, before any new key is handed out.
/// Un-acknowledged messages are delivered again (at least once). See <doc:Guarantees> for the
/// exact promises and the tests that check them.
///
/// ```swift
/// let storage = try PosixStorage(directory: "/var/lib/meter/outbox")
/// var outbox = try Outbox(storage: storage, configuration: OutboxConfiguration(producer: 42))
/// let key = try outbox.enqueue(reading, priority: 1)    // durable when it returns
/// let batch = try outbox.peekBatch(maximumCount: 32, now: MonotonicClock().now())
/// // ... send batch.messages; on success:
/// try outbox.acknowledge(through: batch.messages.last!.key)
/// ```
///
/// An `Outbox` is a value with exclusive ownership of its storage. It is not `Sendable`: it holds
/// a reference to a storage object that is not thread-safe, and copies share it. Use
/// ``SharedOutbox`` (host) to share one between threads with group commit.
public struct Outbox<Storage: OutboxStorage> {
    /// The storage the outbox writes through.
    public let storage: Storage
    /// The configuration the outbox was opened with.
    public let configuration: OutboxConfiguration

    var state: OutboxState
    var chains: [[Segment]]
    var cursors: [Cursor]
    var nextSequence: UInt64 = 0
    var nextSegmentNumber: UInt32 = StorageLayout.firstSegment
    var unsynced: [UInt32] = []
    var inFlight: [InFlight] = []
    var scratch: [UInt8] = []
    var random: SplitMix64
    var lastAppended: MessageKey? = nil
    var pendingSyncCount = 0

    /// The newest key known to be durable (synced), or `nil` when none was written this epoch.
    public internal(set) var durableThrough: MessageKey? = nil
    /// Counters (eviction counters persist across restarts).
    var counters = OutboxStatistics()

    /// One delivered, un-acknowledged message.
    struct InFlight {
        var message: OutboxMessage
        var retryAt: Instant?
        var backoff: Backoff
    }

    /// The current epoch (advanced on every open).
    public var epoch: UInt32 { state.epoch }

    /// Opens (or creates) an outbox on `storage`, recovering what is there.
    ///
    /// Recovery reads every segment once: O(*n*) in the bytes stored. It never rewrites a record;
    /// it writes only the state file (the new epoch) and deletes segments wholly acknowledged.
    ///
    /// - Parameters:
    ///   - storage: The storage; the outbox assumes it is the only writer.
    ///   - configuration: The configuration; the producer and class count must match what the
    ///     storage holds.
    ///   - seed: Seeds the retry jitter (use a per-device value, for example from the hardware RNG).
    /// - Throws: ``OutboxError/corruptHeader(file:offset:reason:)`` or
    ///   ``OutboxError/unsupportedVersion(file:version:)`` for a damaged or newer file,
    ///   ``OutboxError/foreignFile(name:)`` for a file FieldOutbox did not write,
    ///   ``OutboxError/producerMismatch(stored:configured:)``,
    ///   ``OutboxError/invalidConfiguration(reason:)``, or a storage error.
    /// - Complexity: O(*n*) in the stored bytes.
    public init(storage: Storage, configuration: OutboxConfiguration, seed: UInt64 = 0x5EED) throws(OutboxError) {
        try configuration.validate()
        self.storage = storage
        self.configuration = configuration
        self.random = SplitMix64(seed: seed ^ configuration.producer)
        let classCount = configuration.priorityClassCount
        state = OutboxState(producer: configuration.producer, classCount: classCount)
        chains = Array(repeating: [], count: classCount)
        cursors = Array(repeating: Cursor(segmentIndex: 0, offset: SegmentHeader.size, sequence: 0), count: classCount)
        try recover()
    }

    /// Recovery: state file, segments, new epoch, cursors, compaction.
    mutating func recover() throws(OutboxError) {
        let files = try storage.fileNumbers()
        var segmentNumbers: [UInt32] = []
        var hasState = false
        for number in files {
            if number == StorageLayout.outboxState {
                hasState = true
            } else if number >= StorageLayout.firstSegment {
                segmentNumbers.append(number)
            } else if number != StorageLayout.inboxState {
                throw .foreignFile(name: "file number " + String(number))
            }
        }
        try loadState(exists: hasState, segmentsExist: !segmentNumbers.isEmpty)
        var maxEpoch = state.epoch
        var image: [UInt8] = []
        for number in segmentNumbers {
            let segment = try recoverSegment(number, image: &image)
            chains[Int(segment.priority)].append(segment)
            maxEpoch = max(maxEpoch, segment.epoch)
            nextSegmentNumber = max(nextSegmentNumber, number &+ 1)
        }
        guard maxEpoch < UInt32.max else {
            throw .corruptHeader(file: StorageLayout.outboxState, offset: 24, reason: .badField)
        }
        state.epoch = maxEpoch + 1
        try writeState()
        for c in 0..<chains.count {
            cursors[c] = Cursor(
                segmentIndex: 0, offset: SegmentHeader.size, sequence: chains[c].first?.header.firstSequence ?? 0)
        }
        try compact()
    }

    /// Reads the state file, or creates it for an empty storage.
    mutating func loadState(exists: Bool, segmentsExist: Bool) throws(OutboxError) {
        let file = StorageLayout.outboxState
        guard exists else {
            if segmentsExist { throw .corruptHeader(file: file, offset: 0, reason: .truncated) }
            try storage.create(file, capacity: 2 * OutboxState.slotSize, initialBytes: state.encoded())
            return
        }
        var buffer = [UInt8](repeating: 0, count: 2 * OutboxState.slotSize)
        let n = try storage.read(file, at: 0, into: &buffer, count: buffer.count)
        guard n == buffer.count else { throw .corruptHeader(file: file, offset: n, reason: .truncated) }
        let candidates = [OutboxState.decode(buffer, at: 0), OutboxState.decode(buffer, at: OutboxState.slotSize)]
        var best: OutboxState? = nil
        for case let candidate? in candidates where best == nil || candidate.generation > best!.generation {
            best = candidate
        }
        guard let loaded = best else {
            if OutboxState.isBlank(buffer, at: 0) || OutboxState.isBlank(buffer, at: OutboxState.slotSize) {
                if !segmentsExist { return }  // created, first slot write torn before anything else
            }
            throw .corruptHeader(file: file, offset: 0, reason: .badChecksum)
        }
        guard loaded.producer == configuration.producer else {
            throw .producerMismatch(stored: loaded.producer, configured: configuration.producer)
        }
        guard loaded.classCount == configuration.priorityClassCount else {
            throw .invalidConfiguration(reason: .priorityClasses)
        }
        state = loaded
    }

    /// Reads, validates and scans one segment, reusing `image` as the read buffer.
    mutating func recoverSegment(_ number: UInt32, image: inout [UInt8]) throws(OutboxError) -> Segment {
        let size = try storage.size(of: number)
        guard size >= SegmentHeader.size else { throw .corruptHeader(file: number, offset: 0, reason: .truncated) }
        if image.count < SegmentHeader.size { image = [UInt8](repeating: 0, count: SegmentHeader.size) }
        _ = try storage.read(number, at: 0, into: &image, count: SegmentHeader.size)
        let header = try SegmentHeader.decode(image, file: number, fileSize: size)
        guard header.producer == configuration.producer else {
            throw .producerMismatch(stored: header.producer, configured: configuration.producer)
        }
        guard Int(header.priority) < configuration.priorityClassCount else {
            throw .corruptHeader(file: number, offset: 7, reason: .badField)
        }
        let capacity = Int(header.capacity)
        if image.count < capacity { image.append(contentsOf: repeatElement(0, count: capacity - image.count)) }
        let n = try storage.read(number, at: 0, into: &image, count: capacity)
        let salt = header.salt
        let result = SegmentScanner.scan(image, length: n, header: header, salt: salt)
        if result.torn { counters.tornTails += 1 }
        return Segment(
            header: header, salt: salt, end: result.end, count: result.count, lastSequence: result.lastSequence,
            sealed: true)
    }

    /// Writes the state to the slot not holding the newest copy and syncs it.
    mutating func writeState() throws(OutboxError) {
        state.generation &+= 1
        let slot = Int(state.generation % 2)
        let bytes = state.encoded()
        try storage.write(StorageLayout.outboxState, at: slot * OutboxState.slotSize, from: bytes, count: bytes.count)
        try storage.sync(StorageLayout.outboxState)
    }
}
