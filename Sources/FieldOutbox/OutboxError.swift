/// An error from FieldOutbox: a storage failure, a corrupt or foreign file, a full budget or
/// misuse, naming what is wrong and, for on-disk data, the file and offset where it was found.
///
/// Every FieldKit error has the same shape: a ``code`` that says what kind of problem it is (a
/// struct over a private enum, so a new code in a later release never breaks a `switch`), the byte
/// ``offset`` where it was detected when there is one, the normative ``rule`` broken when a
/// specification has one (FieldOutbox's own format has none: it is `nil`), named optional fields
/// for the values involved, and a one-line ``description``. Every throwing function in FieldOutbox
/// throws this one concrete type (typed throws), so the module compiles in Embedded Swift.
///
/// ```swift
/// do {
///     _ = try outbox.enqueue(payload, priority: 0)
/// } catch {
///     if error.code == .storageFull {
///         print("no room for priority \(error.priority ?? 0): \(error.needed ?? 0) bytes")
///     }
///     print(error)  // "storage full: 4096 more bytes needed for priority 0 ..."
/// }
/// ```
public struct OutboxError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What kind of problem an error reports.
    ///
    /// Compare with `==` or match in a `switch` with `case .storageFull:`; always add a
    /// `default:`, since later releases may add codes.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Backing: String, Hashable, Sendable {
            case storage, powerLost, corruptHeader, unsupportedVersion, foreignFile, recordTooLarge
            case storageFull, invalidConfiguration, producerMismatch, tooManyProducers, invalidPriority
        }

        private let backing: Backing

        private init(_ backing: Backing) { self.backing = backing }

        /// A storage operation failed (``OutboxError/operation``, ``OutboxError/file``,
        /// ``OutboxError/errorNumber``).
        public static let storage = Code(.storage)
        /// The fault-injecting storage simulated a power cut; every later operation fails too.
        public static let powerLost = Code(.powerLost)
        /// A file's header or record is not FieldOutbox's, or its checksum does not match
        /// (``OutboxError/file``, ``OutboxError/offset``, ``OutboxError/corruption``).
        public static let corruptHeader = Code(.corruptHeader)
        /// A file was written by a newer, unknown format version (``OutboxError/version``).
        public static let unsupportedVersion = Code(.unsupportedVersion)
        /// The storage holds a file that FieldOutbox did not create (``OutboxError/fileName``).
        public static let foreignFile = Code(.foreignFile)
        /// A payload is larger than a segment can hold (``OutboxError/size``, ``OutboxError/limit``).
        public static let recordTooLarge = Code(.recordTooLarge)
        /// The byte budget is exhausted and only protected (never-evicted) data is left to evict
        /// (``OutboxError/priority``, ``OutboxError/needed``, ``OutboxError/budget``).
        public static let storageFull = Code(.storageFull)
        /// A configuration value is out of range (``OutboxError/configurationRule``).
        public static let invalidConfiguration = Code(.invalidConfiguration)
        /// The stored data belongs to another producer than the one configured
        /// (``OutboxError/storedProducer``, ``OutboxError/configuredProducer``).
        public static let producerMismatch = Code(.producerMismatch)
        /// The inbox already tracks as many producers as it was configured for (``OutboxError/limit``).
        public static let tooManyProducers = Code(.tooManyProducers)
        /// A priority class outside `0..<OutboxConfiguration.priorityClassCount` (``OutboxError/priority``).
        public static let invalidPriority = Code(.invalidPriority)

        /// The code's name, as written in source (`corruptHeader`).
        public var description: String { backing.rawValue }
    }

    /// What kind of problem this is.
    public var code: Code
    /// The byte offset in ``file`` where the problem was detected, or `nil` when it is not tied to
    /// a position.
    public var offset: Int?
    /// The specification rule broken, when there is one (`nil` for FieldOutbox's own format).
    public var rule: String?
    /// The number of the file involved (see ``StorageLayout``), when one is.
    public var file: UInt32?
    /// For ``Code/storage``: the operation that failed.
    public var operation: StorageOperation?
    /// For ``Code/storage``: the platform error number (`errno`), 0 when there is none.
    public var errorNumber: Int32?
    /// For ``Code/corruptHeader``: why the data was rejected.
    public var corruption: CorruptionReason?
    /// For ``Code/unsupportedVersion``: the version found in the file.
    public var version: UInt16?
    /// For ``Code/foreignFile``: the name of the file FieldOutbox did not write.
    public var fileName: String?
    /// For ``Code/recordTooLarge``: the payload size, in bytes.
    public var size: Int?
    /// For ``Code/recordTooLarge``: the largest payload, in bytes. For ``Code/tooManyProducers``:
    /// the configured number of producers.
    public var limit: Int?
    /// For ``Code/storageFull`` and ``Code/invalidPriority``: the priority class.
    public var priority: UInt8?
    /// For ``Code/storageFull``: the bytes that had to be found (one segment).
    public var needed: Int?
    /// For ``Code/storageFull``: the configured byte budget.
    public var budget: Int?
    /// For ``Code/invalidConfiguration``: the configuration rule broken.
    public var configurationRule: ConfigurationRule?
    /// For ``Code/producerMismatch``: the producer the storage belongs to.
    public var storedProducer: UInt64?
    /// For ``Code/producerMismatch``: the producer configured.
    public var configuredProducer: UInt64?

    /// Creates an error with a code and, optionally, where it was found; set the other fields as
    /// the code needs (or use the factory functions such as ``storage(operation:file:errorNumber:)``).
    ///
    /// - Parameters:
    ///   - code: What kind of problem it is.
    ///   - offset: Where in ``file`` it was detected, or `nil`.
    ///   - file: The file involved, or `nil`.
    ///   - rule: The specification rule broken, or `nil`.
    public init(_ code: Code, at offset: Int? = nil, file: UInt32? = nil, rule: String? = nil) {
        self.code = code
        self.offset = offset
        self.file = file
        self.rule = rule
    }

    /// A one-line description naming the problem, the values involved, its offset and rule.
    ///
    /// ```swift
    /// print(OutboxError.recordTooLarge(size: 9000, limit: 4008))
    /// // record of 9000 bytes exceeds the 4008-byte limit of a segment
    /// ```
    public var description: String {
        var text = summary
        if let offset { text += " at offset " + String(offset) }
        if let rule { text += " (" + rule + ")" }
        return text
    }

    /// What is wrong, without the offset and rule.
    private var summary: String {
        let fileText = file.map { String($0) } ?? "?"
        switch code {
        case .storage:
            return "storage \(operation?.description ?? "?") failed on file \(fileText) (error \(errorNumber ?? 0))"
        case .powerLost:
            return "simulated power loss"
        case .corruptHeader:
            return "file \(fileText) is corrupt: \(corruption?.description ?? "?")"
        case .unsupportedVersion:
            return "file \(fileText) has format version \(version ?? 0); this build reads version 1"
        case .foreignFile:
            return "\(fileName ?? "?") was not written by FieldOutbox; refusing to use this directory"
        case .recordTooLarge:
            return "record of \(size ?? 0) bytes exceeds the \(limit ?? 0)-byte limit of a segment"
        case .storageFull:
            return "storage full: \(needed ?? 0) more bytes needed for priority \(priority ?? 0) within a budget of "
                + "\(budget ?? 0) bytes, and nothing evictable is left"
        case .invalidConfiguration:
            return "invalid configuration: \(configurationRule?.description ?? "?")"
        case .producerMismatch:
            return "the storage belongs to producer \(storedProducer ?? 0), not \(configuredProducer ?? 0)"
        case .tooManyProducers:
            return "the inbox already tracks its limit of \(limit ?? 0) producers"
        case .invalidPriority:
            return "priority \(priority ?? 0) is not a configured priority class"
        default:
            return code.description
        }
    }
}

extension OutboxError {
    /// A storage operation failed.
    ///
    /// ```swift
    /// throw OutboxError.storage(operation: .write, file: 16, errorNumber: errno)
    /// ```
    ///
    /// - Parameters:
    ///   - operation: The operation.
    ///   - file: The file number (0 for the storage as a whole).
    ///   - errorNumber: The platform error number (`errno`), or 0.
    /// - Returns: A ``Code/storage`` error.
    public static func storage(operation: StorageOperation, file: UInt32, errorNumber: Int32) -> OutboxError {
        var error = OutboxError(.storage, file: file)
        error.operation = operation
        error.errorNumber = errorNumber
        return error
    }

    /// The fault-injecting storage simulated a power cut.
    public static let powerLost = OutboxError(.powerLost)

    /// A file's header or record failed validation.
    ///
    /// - Parameters:
    ///   - file: The file number.
    ///   - offset: The byte offset of the offending field.
    ///   - reason: Why it was rejected.
    /// - Returns: A ``Code/corruptHeader`` error.
    public static func corruptHeader(file: UInt32, offset: Int, reason: CorruptionReason) -> OutboxError {
        var error = OutboxError(.corruptHeader, at: offset, file: file)
        error.corruption = reason
        return error
    }

    /// A file was written by an unknown format version.
    ///
    /// - Parameters:
    ///   - file: The file number.
    ///   - version: The version found.
    /// - Returns: An ``Code/unsupportedVersion`` error.
    public static func unsupportedVersion(file: UInt32, version: UInt16) -> OutboxError {
        var error = OutboxError(.unsupportedVersion, file: file)
        error.version = version
        return error
    }

    /// The storage holds a file FieldOutbox did not write.
    ///
    /// - Parameter name: The file's name.
    /// - Returns: A ``Code/foreignFile`` error.
    public static func foreignFile(name: String) -> OutboxError {
        var error = OutboxError(.foreignFile)
        error.fileName = name
        return error
    }

    /// A payload is larger than a segment can hold.
    ///
    /// - Parameters:
    ///   - size: The payload size.
    ///   - limit: The largest payload.
    /// - Returns: A ``Code/recordTooLarge`` error.
    public static func recordTooLarge(size: Int, limit: Int) -> OutboxError {
        var error = OutboxError(.recordTooLarge)
        error.size = size
        error.limit = limit
        return error
    }

    /// The byte budget is exhausted and nothing evictable is left.
    ///
    /// - Parameters:
    ///   - priority: The priority class being written.
    ///   - needed: The bytes that had to be found.
    ///   - budget: The configured budget.
    /// - Returns: A ``Code/storageFull`` error.
    public static func storageFull(priority: UInt8, needed: Int, budget: Int) -> OutboxError {
        var error = OutboxError(.storageFull)
        error.priority = priority
        error.needed = needed
        error.budget = budget
        return error
    }

    /// A configuration value is out of range.
    ///
    /// - Parameter reason: The rule broken.
    /// - Returns: An ``Code/invalidConfiguration`` error.
    public static func invalidConfiguration(reason: ConfigurationRule) -> OutboxError {
        var error = OutboxError(.invalidConfiguration)
        error.configurationRule = reason
        return error
    }

    /// The stored data belongs to another producer.
    ///
    /// - Parameters:
    ///   - stored: The producer in storage.
    ///   - configured: The producer configured.
    /// - Returns: A ``Code/producerMismatch`` error.
    public static func producerMismatch(stored: UInt64, configured: UInt64) -> OutboxError {
        var error = OutboxError(.producerMismatch)
        error.storedProducer = stored
        error.configuredProducer = configured
        return error
    }

    /// The inbox tracks as many producers as it may.
    ///
    /// - Parameter limit: The configured number of producers.
    /// - Returns: A ``Code/tooManyProducers`` error.
    public static func tooManyProducers(limit: Int) -> OutboxError {
        var error = OutboxError(.tooManyProducers)
        error.limit = limit
        return error
    }

    /// A priority class outside the configured ones.
    ///
    /// - Parameter priority: The priority given.
    /// - Returns: An ``Code/invalidPriority`` error.
    public static func invalidPriority(_ priority: UInt8) -> OutboxError {
        var error = OutboxError(.invalidPriority)
        error.priority = priority
        return error
    }
}

/// The storage operation that failed, carried by ``OutboxError/operation``.
public enum StorageOperation: Hashable, Sendable, CustomStringConvertible {
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

    /// The operation's name (`write`).
    public var description: String {
        switch self {
        case .list: "list"
        case .create: "create"
        case .read: "read"
        case .write: "write"
        case .sync: "sync"
        case .remove: "remove"
        case .open: "open"
        }
    }
}

/// Why a header or record was rejected, carried by ``OutboxError/corruption``.
public enum CorruptionReason: Hashable, Sendable, CustomStringConvertible {
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

    /// The reason's name (`badChecksum`).
    public var description: String {
        switch self {
        case .badMagic: "badMagic"
        case .badChecksum: "badChecksum"
        case .truncated: "truncated"
        case .badField: "badField"
        case .wrongKind: "wrongKind"
        }
    }
}

/// The configuration rule that was broken, carried by ``OutboxError/configurationRule``.
public enum ConfigurationRule: Hashable, Sendable, CustomStringConvertible {
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

    /// The rule's name (`segmentCapacity`).
    public var description: String {
        switch self {
        case .segmentCapacity: "segmentCapacity"
        case .budgetTooSmall: "budgetTooSmall"
        case .priorityClasses: "priorityClasses"
        case .inFlightLimit: "inFlightLimit"
        case .groupSize: "groupSize"
        case .inboxWindow: "inboxWindow"
        }
    }
}
