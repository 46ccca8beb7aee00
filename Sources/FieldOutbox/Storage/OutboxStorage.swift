/// The storage an outbox or inbox writes through: a flat set of numbered files with positional
/// reads and writes, an explicit sync, and durable creation and removal.
///
/// FieldOutbox never touches files directly. ``PosixStorage`` maps the numbers to files in a
/// directory, ``MemoryOutboxStorage`` keeps them in RAM, and ``FaultInjectingStorage`` simulates power
/// cuts for the crash tests. A device port implements the protocol over its flash driver. The
/// log takes the storage as a generic parameter (not an existential), so the protocol works in
/// Embedded Swift.
///
/// The contract every implementation must keep:
/// - `write` may be buffered; only `sync(_:)` makes the file's written bytes durable.
/// - `create(_:capacity:initialBytes:)` is atomic and returns once the file exists durably,
///   preallocated to `capacity` bytes (so later writes inside it do not change its size).
/// - `remove(_:)` returns once the removal is durable.
///
/// ```swift
/// let storage = MemoryOutboxStorage()
/// try storage.create(20, capacity: 4096, initialBytes: [])
/// try storage.write(20, at: 0, from: [1, 2, 3], count: 3)
/// try storage.sync(20)
/// ```
public protocol OutboxStorage: AnyObject {
    /// The numbers of all files present, in increasing order.
    ///
    /// - Returns: The file numbers.
    /// - Throws: ``OutboxError`` when the listing fails.
    func fileNumbers() throws(OutboxError) -> [UInt32]

    /// The size of a file in bytes.
    ///
    /// - Parameter file: The file number.
    /// - Returns: The size in bytes.
    /// - Throws: ``OutboxError`` when the file does not exist or cannot be examined.
    func size(of file: UInt32) throws(OutboxError) -> Int

    /// Reads up to `count` bytes at `offset` into the start of `buffer`.
    ///
    /// - Parameters:
    ///   - file: The file number.
    ///   - offset: The byte offset to read from.
    ///   - buffer: The destination; must hold at least `count` bytes.
    ///   - count: The number of bytes wanted.
    /// - Returns: The number of bytes read, less than `count` only at the end of the file.
    /// - Throws: ``OutboxError`` when the read fails.
    func read(_ file: UInt32, at offset: Int, into buffer: inout [UInt8], count: Int) throws(OutboxError) -> Int

    /// Writes the first `count` bytes of `bytes` at `offset`.
    ///
    /// - Parameters:
    ///   - file: The file number.
    ///   - offset: The byte offset to write at.
    ///   - bytes: The source.
    ///   - count: The number of bytes to write.
    /// - Throws: ``OutboxError`` when the write fails.
    func write(_ file: UInt32, at offset: Int, from bytes: [UInt8], count: Int) throws(OutboxError)

    /// Writes the first `count` bytes of `bytes` at `offset` and makes them durable before
    /// returning (as `write` then `sync`, which is the default; POSIX storage uses a write-through
    /// descriptor instead: one system call). The outbox calls it only when no other write to any
    /// of its files is waiting for a sync, so an implementation need only cover these bytes.
    ///
    /// - Parameters:
    ///   - file: The file number.
    ///   - offset: The byte offset to write at.
    ///   - bytes: The source.
    ///   - count: The number of bytes to write.
    /// - Throws: ``OutboxError`` when the write or the flush fails.
    func writeDurably(_ file: UInt32, at offset: Int, from bytes: [UInt8], count: Int) throws(OutboxError)

    /// Makes every byte written to the file so far durable.
    ///
    /// - Parameter file: The file number.
    /// - Throws: ``OutboxError`` when the flush fails.
    func sync(_ file: UInt32) throws(OutboxError)

    /// Creates a file of `capacity` bytes holding `initialBytes` followed by zeros, atomically and
    /// durably: after a crash the file either does not exist or exists whole.
    ///
    /// - Parameters:
    ///   - file: The file number; the file must not exist.
    ///   - capacity: The size to preallocate.
    ///   - initialBytes: The first bytes (a header); at most `capacity` bytes.
    /// - Throws: ``OutboxError`` when the file exists or cannot be created.
    func create(_ file: UInt32, capacity: Int, initialBytes: [UInt8]) throws(OutboxError)

    /// Removes a file, durably.
    ///
    /// - Parameter file: The file number.
    /// - Throws: ``OutboxError`` when the removal fails.
    func remove(_ file: UInt32) throws(OutboxError)
}

extension OutboxStorage {
    /// Writes, then syncs the file: the default ``OutboxStorage/writeDurably(_:at:from:count:)``.
    ///
    /// ```swift
    /// try storage.writeDurably(16, at: 64, from: frame, count: frame.count)
    /// ```
    ///
    /// - Parameters:
    ///   - file: The file number.
    ///   - offset: The byte offset to write at.
    ///   - bytes: The source.
    ///   - count: The number of bytes to write.
    /// - Throws: ``OutboxError`` when the write or the flush fails.
    public func writeDurably(_ file: UInt32, at offset: Int, from bytes: [UInt8], count: Int) throws(OutboxError) {
        try write(file, at: offset, from: bytes, count: count)
        try sync(file)
    }
}

/// The well-known file numbers of the layout FieldOutbox writes.
///
/// Segments are numbered from ``firstSegment`` upwards and never reuse a number.
///
/// ```swift
/// let isSegment = number >= StorageLayout.firstSegment
/// ```
public enum StorageLayout {
    /// The outbox state file (epoch, producer, acknowledgement floors), two checksummed slots.
    public static let outboxState: UInt32 = 1
    /// The inbox state file (per-producer slots).
    public static let inboxState: UInt32 = 2
    /// The first segment number.
    public static let firstSegment: UInt32 = 16
}
