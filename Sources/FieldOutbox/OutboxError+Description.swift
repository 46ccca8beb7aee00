extension OutboxError: CustomStringConvertible {
    /// A one-line explanation naming the file (by number) and offset where there is one.
    ///
    /// ```swift
    /// print(OutboxError.recordTooLarge(size: 9000, limit: 4008))
    /// // record of 9000 bytes exceeds the 4008-byte limit of a segment
    /// ```
    public var description: String {
        switch self {
        case .storage(let operation, let file, let code):
            return "storage \(operation) failed on file \(file) (error \(code))"
        case .powerLost:
            return "simulated power loss"
        case .corruptHeader(let file, let offset, let reason):
            return "file \(file) is corrupt at offset \(offset): \(reason)"
        case .unsupportedVersion(let file, let version):
            return "file \(file) has format version \(version); this build reads version 1"
        case .foreignFile(let name):
            return "\(name) was not written by FieldOutbox; refusing to use this directory"
        case .recordTooLarge(let size, let limit):
            return "record of \(size) bytes exceeds the \(limit)-byte limit of a segment"
        case .storageFull(let priority, let needed, let budget):
            return
                "storage full: \(needed) more bytes needed for priority \(priority) within a budget of \(budget) bytes, and nothing evictable is left"
        case .invalidConfiguration(let reason):
            return "invalid configuration: \(reason)"
        case .producerMismatch(let stored, let configured):
            return "the storage belongs to producer \(stored), not \(configured)"
        case .tooManyProducers(let limit):
            return "the inbox already tracks its limit of \(limit) producers"
        case .invalidPriority(let priority):
            return "priority \(priority) is not a configured priority class"
        }
    }
}
