/// Storage kept in RAM: every write is immediately "durable" for as long as the object lives.
///
/// Use it for tests, for a receiver that rebuilds its state elsewhere, or on a device whose RAM is
/// battery-backed. It keeps the full ``OutboxStorage`` contract except that nothing survives the
/// process. Not thread-safe, and so not `Sendable`: share it only under the owner's lock.
///
/// ```swift
/// let storage = MemoryOutboxStorage()
/// var outbox = try Outbox(storage: storage, configuration: .init(producer: 1))
/// ```
public final class MemoryOutboxStorage: OutboxStorage {
    /// The files, by number.
    var files: [UInt32: [UInt8]] = [:]

    /// Creates an empty storage.
    public init() {}

    /// The numbers of all files, in increasing order.
    ///
    /// - Returns: The file numbers.
    /// - Complexity: O(*n* log *n*) in the number of files.
    public func fileNumbers() throws(OutboxError) -> [UInt32] {
        files.keys.sorted()
    }

    /// The size of a file.
    ///
    /// - Parameter file: The file number.
    /// - Returns: The size in bytes.
    /// - Throws: ``OutboxError/storage(operation:file:errorNumber:)`` when the file does not exist.
    public func size(of file: UInt32) throws(OutboxError) -> Int {
        guard let bytes = files[file] else { throw .storage(operation: .read, file: file, errorNumber: 2) }
        return bytes.count
    }

    /// Reads up to `count` bytes at `offset`.
    ///
    /// - Parameters:
    ///   - file: The file number.
    ///   - offset: The offset.
    ///   - buffer: The destination.
    ///   - count: The number of bytes wanted.
    /// - Returns: The number of bytes read.
    /// - Throws: ``OutboxError/storage(operation:file:errorNumber:)`` when the file does not exist.
    /// - Complexity: O(`count`).
    public func read(
        _ file: UInt32, at offset: Int, into buffer: inout [UInt8], count: Int
    ) throws(OutboxError)
        -> Int
    {
        guard let bytes = files[file], offset >= 0, count >= 0, count <= buffer.count else {
            throw .storage(operation: .read, file: file, errorNumber: 22)
        }
        return copyOut(bytes, offset, &buffer, count)
    }

    /// Writes `count` bytes at `offset`, growing the file when needed.
    ///
    /// - Parameters:
    ///   - file: The file number.
    ///   - offset: The offset.
    ///   - bytes: The source.
    ///   - count: The number of bytes.
    /// - Throws: ``OutboxError/storage(operation:file:errorNumber:)`` when the file does not exist.
    /// - Complexity: O(`count`).
    public func write(_ file: UInt32, at offset: Int, from bytes: [UInt8], count: Int) throws(OutboxError) {
        guard files[file] != nil, offset >= 0, count >= 0, count <= bytes.count else {
            throw .storage(operation: .write, file: file, errorNumber: 22)
        }
        copyIn(&files[file]!, offset, bytes, count)
    }

    /// Does nothing: memory writes are as durable as they get.
    ///
    /// - Parameter file: The file number.
    /// - Throws: ``OutboxError/storage(operation:file:errorNumber:)`` when the file does not exist.
    public func sync(_ file: UInt32) throws(OutboxError) {
        guard files[file] != nil else { throw .storage(operation: .sync, file: file, errorNumber: 2) }
    }

    /// Creates a file holding `initialBytes` then zeros.
    ///
    /// - Parameters:
    ///   - file: The file number.
    ///   - capacity: The size.
    ///   - initialBytes: The first bytes.
    /// - Throws: ``OutboxError/storage(operation:file:errorNumber:)`` when it already exists.
    /// - Complexity: O(`capacity`).
    public func create(_ file: UInt32, capacity: Int, initialBytes: [UInt8]) throws(OutboxError) {
        guard files[file] == nil, capacity >= initialBytes.count else {
            throw .storage(operation: .create, file: file, errorNumber: 17)
        }
        var bytes = [UInt8](repeating: 0, count: capacity)
        copyIn(&bytes, 0, initialBytes, initialBytes.count)
        files[file] = bytes
    }

    /// Removes a file.
    ///
    /// - Parameter file: The file number.
    /// - Throws: ``OutboxError/storage(operation:file:errorNumber:)`` when it does not exist.
    public func remove(_ file: UInt32) throws(OutboxError) {
        guard files.removeValue(forKey: file) != nil else {
            throw .storage(operation: .remove, file: file, errorNumber: 2)
        }
    }
}

/// Copies up to `count` bytes of `source` from `offset` into `buffer`; returns how many.
func copyOut(_ source: [UInt8], _ offset: Int, _ buffer: inout [UInt8], _ count: Int) -> Int {
    guard offset < source.count else { return 0 }
    let n = min(count, source.count - offset)
    buffer.replaceSubrange(0..<n, with: source[offset..<(offset + n)])
    return n
}

/// Copies `count` bytes of `bytes` into `target` at `offset`, zero-extending `target` as needed.
func copyIn(_ target: inout [UInt8], _ offset: Int, _ bytes: [UInt8], _ count: Int) {
    if target.count < offset + count {
        target.append(contentsOf: repeatElement(0, count: offset + count - target.count))
    }
    target.replaceSubrange(offset..<(offset + count), with: bytes[0..<count])
}

/// The former name of ``MemoryOutboxStorage``.
@available(*, deprecated, renamed: "MemoryOutboxStorage")
public typealias MemoryStorage = MemoryOutboxStorage
