/// The errors FieldOutbox reports: storage failures, corrupt or foreign files, full budgets and
/// misuse, each naming what is wrong and, for on-disk data, where.
///
/// Every function in FieldOutbox that can fail throws this one concrete type (typed throws), so
/// the module compiles in Embedded Swift and callers can switch over the cases exhaustively.
///
/// ```swift
/// do {
///     _ = try outbox.enqueue(payload, priority: 0)
/// } catch .storageFull(let priority, let needed, let budget) {
///     print("no room for priority \(priority): \(needed) of \(budget) bytes")
/// } catch {
///     print("outbox failed: \(error)")
/// }
/// ```
public enum OutboxError: Error, Equatable, Sendable {
    /// A storage operation failed; `code` is the platform error number (`errno`) or 0.
    case storage(operation: StorageOperation, file: UInt32, code: Int32)
    /// The fault-injecting storage simulated a power cut; every later operation fails too.
    case powerLost
    /// A file's header is not a FieldOutbox header, or its checksum does not match.
    case corruptHeader(file: UInt32, offset: Int, reason: CorruptionReason)
    /// A file was written by a newer, unknown format version.
    case unsupportedVersion(file: UInt32, version: UInt16)
    /// The storage directory holds a file that FieldOutbox did not create.
    case foreignFile(name: String)
    /// A payload is larger than a segment can hold.
    case recordTooLarge(size: Int, limit: Int)
    /// The byte budget is exhausted and only protected (never-evicted) data is left to evict.
    case storageFull(priority: UInt8, needed: Int, budget: Int)
    /// A configuration value is out of range; `reason` names the rule.
    case invalidConfiguration(reason: ConfigurationRule)
    /// The stored data belongs to another producer than the one configured.
    case producerMismatch(stored: UInt64, configured: UInt64)
    /// The inbox already tracks as many producers as it was configured for.
    case tooManyProducers(limit: Int)
    /// A priority class outside `0..<OutboxConfiguration.priorityClassCount`.
    case invalidPriority(UInt8)
}

/// The storage operation that failed, carried by ``OutboxError/storage(operation:file:code:)``.
public enum StorageOperation: Equatable, Sendable {
    /// Listing the files.
    case list
    /// Creating (and preallocating) a file.
    case create
    /// Reading.
    case read
    /// Writing.
    case write
    /// Flushing to stable storage.
    case sync
    /// Removing a file.
    case remove
    /// Opening the storage (for example the directory).
    case open
}

/// Why a header was rejected, carried by ``OutboxError/corruptHeader(file:offset:reason:)``.
public enum CorruptionReason: Equatable, Sendable {
    /// The magic number is not FieldOutbox's.
    case badMagic
    /// The header checksum (CRC-32C) does not match.
    case badChecksum
    /// The file is shorter than its header.
    case truncated
    /// A field holds a value the format does not allow (for example a capacity beyond the file).
    case badField
    /// The file kind stored in the header is not the kind expected for this file.
    case wrongKind
}

/// The configuration rule that was broken, carried by ``OutboxError/invalidConfiguration(reason:)``.
public enum ConfigurationRule: Equatable, Sendable {
    /// The segment capacity must be between 4 KiB and 1 GiB.
    case segmentCapacity
    /// The budget must hold at least two segments.
    case budgetTooSmall
    /// There must be between 1 and 8 priority classes.
    case priorityClasses
    /// The in-flight limit must be between 1 and the inbox window (1024).
    case inFlightLimit
    /// The group commit size must be at least 1.
    case groupSize
    /// The inbox window must be a multiple of 64 between 64 and 4096.
    case inboxWindow
}
