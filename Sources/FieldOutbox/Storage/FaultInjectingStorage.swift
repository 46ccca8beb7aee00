/// Storage that simulates power loss: unsynced writes are lost, torn at any byte, or survive out
/// of order, as on a real disk or flash part with a volatile cache.
///
/// Each file has a durable image and a list of writes made since its last ``sync(_:)``. After
/// ``armPowerCut(afterOperations:)`` the storage counts operations and, when the count runs out,
/// fails that operation and every later one with ``OutboxError/powerLost``. ``powerCut(using:)``
/// then decides, write by write and at random, what reached the medium: each unsynced write
/// survives whole, is dropped, or is torn after a random number of bytes, independently of the
/// others (so a later write may survive while an earlier one is lost). Creation and removal are
/// durable when they return, as the ``OutboxStorage`` contract says. Reads see the volatile view
/// (what a running system sees) until the cut, and the durable image after it. Not thread-safe,
/// and so not `Sendable`: tests drive it from one thread.
///
/// ```swift
/// let storage = FaultInjectingStorage()
/// storage.armPowerCut(afterOperations: 37)
/// // ... run an outbox until it throws .powerLost ...
/// var rng = SplitMix64(seed: 1)
/// storage.powerCut(using: &rng)
/// // reopen an outbox on `storage` and check what survived
/// ```
public final class FaultInjectingStorage: OutboxStorage {
    /// One unsynced write.
    struct PendingWrite {
        var offset: Int
        var bytes: [UInt8]
    }

    /// A file: what is durable, what a running system sees, and the writes in between.
    struct File {
        var durable: [UInt8]
        var volatile: [UInt8]
        var pending: [PendingWrite] = []
    }

    var files: [UInt32: File] = [:]
    var remainingOperations: Int? = nil
    var dead = false

    /// The number of operations performed so far (for choosing a cut point).
    public private(set) var operationCount = 0

    /// Creates an empty storage with no power cut armed.
    public init() {}

    /// Arms a power cut: the operation after `count` more operations fails, and so does every one
    /// after it, until ``powerCut(using:)``.
    ///
    /// - Parameter count: The number of operations that still succeed.
    public func armPowerCut(afterOperations count: Int) {
        remainingOperations = max(0, count)
    }

    /// Applies the power cut: decides at random what each unsynced write left on the medium, then
    /// restores power (operations succeed again and no cut is armed).
    ///
    /// - Parameter generator: The random source; a seeded `SplitMix64` (FieldCore) makes runs repeatable.
    /// - Complexity: O(*n*) in the bytes of unsynced writes.
    public func powerCut<G: RandomNumberGenerator>(using generator: inout G) {
        for number in files.keys.sorted() {
            var file = files[number]!
            for write in file.pending {
                let fate = generator.next() % 3
                let kept: Int
                switch fate {
                case 0: kept = write.bytes.count
                case 1: kept = 0
                default: kept = write.bytes.isEmpty ? 0 : Int(generator.next() % UInt64(write.bytes.count))
                }
                if kept > 0 { copyIn(&file.durable, write.offset, write.bytes, kept) }
            }
            file.pending = []
            file.volatile = file.durable
            files[number] = file
        }
        remainingOperations = nil
        dead = false
    }

    /// Counts an operation and fails it when the armed cut has been reached.
    func step() throws(OutboxError) {
        if dead { throw .powerLost }
        operationCount += 1
        if let remaining = remainingOperations {
            if remaining == 0 {
                dead = true
                throw .powerLost
            }
            remainingOperations = remaining - 1
        }
    }

    /// The numbers of all files.
    ///
    /// - Returns: The file numbers, in increasing order.
    /// - Throws: ``OutboxError/powerLost`` after a cut.
    public func fileNumbers() throws(OutboxError) -> [UInt32] {
        try step()
        return files.keys.sorted()
    }

    /// The size of a file as a running system sees it.
    ///
    /// - Parameter file: The file number.
    /// - Returns: The size in bytes.
    /// - Throws: ``OutboxError`` when the file does not exist or after a cut.
    public func size(of file: UInt32) throws(OutboxError) -> Int {
        try step()
        guard let f = files[file] else { throw .storage(operation: .read, file: file, errorNumber: 2) }
        return f.volatile.count
    }

    /// Reads from the volatile view.
    ///
    /// - Parameters:
    ///   - file: The file number.
    ///   - offset: The offset.
    ///   - buffer: The destination.
    ///   - count: The number of bytes wanted.
    /// - Returns: The number of bytes read.
    /// - Throws: ``OutboxError`` when the file does not exist or after a cut.
    /// - Complexity: O(`count`).
    public func read(
        _ file: UInt32, at offset: Int, into buffer: inout [UInt8], count: Int
    ) throws(OutboxError)
        -> Int
    {
        try step()
        guard let f = files[file], offset >= 0, count >= 0, count <= buffer.count else {
            throw .storage(operation: .read, file: file, errorNumber: 22)
        }
        return copyOut(f.volatile, offset, &buffer, count)
    }

    /// Records an unsynced write.
    ///
    /// - Parameters:
    ///   - file: The file number.
    ///   - offset: The offset.
    ///   - bytes: The source.
    ///   - count: The number of bytes.
    /// - Throws: ``OutboxError`` when the file does not exist or after a cut.
    /// - Complexity: O(`count`).
    public func write(_ file: UInt32, at offset: Int, from bytes: [UInt8], count: Int) throws(OutboxError) {
        try step()
        guard files[file] != nil, offset >= 0, count >= 0, count <= bytes.count else {
            throw .storage(operation: .write, file: file, errorNumber: 22)
        }
        let chunk = Array(bytes[0..<count])
        copyIn(&files[file]!.volatile, offset, chunk, count)
        files[file]!.pending.append(PendingWrite(offset: offset, bytes: chunk))
    }

    /// Makes the file's writes durable.
    ///
    /// - Parameter file: The file number.
    /// - Throws: ``OutboxError`` when the file does not exist or after a cut.
    /// - Complexity: O(*n*) in the file size.
    public func sync(_ file: UInt32) throws(OutboxError) {
        try step()
        guard var f = files[file] else { throw .storage(operation: .sync, file: file, errorNumber: 2) }
        f.durable = f.volatile
        f.pending = []
        files[file] = f
    }

    /// Creates a file holding `initialBytes` then zeros, durably.
    ///
    /// - Parameters:
    ///   - file: The file number.
    ///   - capacity: The size.
    ///   - initialBytes: The first bytes.
    /// - Throws: ``OutboxError`` when it exists or after a cut.
    /// - Complexity: O(`capacity`).
    public func create(_ file: UInt32, capacity: Int, initialBytes: [UInt8]) throws(OutboxError) {
        try step()
        guard files[file] == nil, capacity >= initialBytes.count else {
            throw .storage(operation: .create, file: file, errorNumber: 17)
        }
        var zeros = [UInt8](repeating: 0, count: capacity)
        copyIn(&zeros, 0, initialBytes, initialBytes.count)
        files[file] = File(durable: zeros, volatile: zeros)
    }

    /// Removes a file, durably.
    ///
    /// - Parameter file: The file number.
    /// - Throws: ``OutboxError`` when it does not exist or after a cut.
    public func remove(_ file: UInt32) throws(OutboxError) {
        try step()
        guard files.removeValue(forKey: file) != nil else {
            throw .storage(operation: .remove, file: file, errorNumber: 2)
        }
    }

    /// Overwrites durable bytes directly, as bit rot or a foreign writer would (for tests).
    ///
    /// - Parameters:
    ///   - file: The file number.
    ///   - offset: The offset.
    ///   - bytes: The bytes to place.
    public func corrupt(_ file: UInt32, at offset: Int, with bytes: [UInt8]) {
        guard files[file] != nil else { return }
        copyIn(&files[file]!.durable, offset, bytes, bytes.count)
        copyIn(&files[file]!.volatile, offset, bytes, bytes.count)
    }
}
