/// Random-access, read-only bytes: an old firmware image in flash, a patch file, an array.
///
/// The applier reads the old image through this interface at arbitrary offsets (a few KB at a
/// time) and the patch strictly front to back, so a device can keep both in flash and never load
/// either into RAM. Storage failures are reported as ``PatchError/Kind/storage(code:)``.
///
/// ```swift
/// struct FlashSlot: RandomAccessBytes {
///     var count: Int { 1 << 20 }
///     func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(PatchError) {
///         guard flash_read(slotBase + offset, buffer.baseAddress, buffer.count) == 0 else {
///             throw PatchError(.storage(code: -1), at: offset)
///         }
///     }
/// }
/// ```
public protocol RandomAccessBytes {
    /// The number of readable bytes.
    var count: Int { get }

    /// Fills `buffer` with the bytes starting at `offset`.
    ///
    /// The applier only asks for ranges inside `0..<count`.
    ///
    /// - Parameters:
    ///   - offset: The first byte to read.
    ///   - buffer: Where to put `buffer.count` bytes.
    /// - Throws: ``PatchError`` with kind ``PatchError/Kind/storage(code:)`` when the storage fails.
    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(PatchError)
}

/// The destination of the rebuilt image: written front to back, readable back for resumption.
///
/// The applier writes each byte offset in increasing order and never past the patch's declared new
/// size. It reads back whole pages it wrote earlier (copies in a patch repeat earlier new bytes),
/// and after a power cut it reads back what an earlier run wrote, up to the saved progress, to
/// recompute the running SHA-256; the store must keep those bytes.
///
/// ```swift
/// var slot = ByteArrayImage()
/// try PatchApplier.apply(patch: patchBytes, old: oldBytes, into: &slot)
/// ```
public protocol ImageSink {
    /// Writes `bytes` at `offset`; offsets arrive in increasing order without gaps, except that a
    /// resumed apply rewrites from the last saved progress.
    ///
    /// - Parameters:
    ///   - bytes: The bytes to store.
    ///   - offset: The image offset of the first byte.
    /// - Throws: ``PatchError`` with kind ``PatchError/Kind/storage(code:)`` when the storage fails.
    mutating func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(PatchError)

    /// Reads back bytes written earlier (for copies, and when resuming).
    ///
    /// - Parameters:
    ///   - offset: The first byte to read.
    ///   - buffer: Where to put `buffer.count` bytes.
    /// - Throws: ``PatchError`` with kind ``PatchError/Kind/storage(code:)`` when the storage fails.
    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(PatchError)
}

/// An in-memory image: a byte array that is both a ``RandomAccessBytes`` source and an ``ImageSink``.
///
/// Useful on hosts and in tests; a device implements the two protocols over its flash instead.
///
/// ```swift
/// let old = ByteArrayImage(oldBytes)
/// var out = ByteArrayImage()
/// try PatchApplier.apply(patch: ByteArrayImage(patch), old: old, into: &out)
/// print(out.bytes.count)
/// ```
public struct ByteArrayImage: RandomAccessBytes, ImageSink, Sendable, Hashable {
    /// The bytes held.
    public var bytes: [UInt8]

    /// Creates an image holding `bytes`.
    ///
    /// - Parameter bytes: The initial contents (empty by default).
    public init(_ bytes: [UInt8] = []) { self.bytes = bytes }

    /// The number of bytes held.
    public var count: Int { bytes.count }

    /// Copies the bytes at `offset` into `buffer`.
    ///
    /// - Parameters:
    ///   - offset: The first byte to read.
    ///   - buffer: Where to put `buffer.count` bytes.
    /// - Throws: ``PatchError`` (``PatchError/Kind/outOfBounds``) when the range is outside the array.
    public func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(PatchError) {
        guard offset >= 0, buffer.count <= bytes.count, offset <= bytes.count - buffer.count else {
            throw PatchError(.outOfBounds, at: offset)
        }
        guard let target = buffer.baseAddress, buffer.count > 0 else { return }
        bytes.withUnsafeBytes { source in
            target.copyMemory(from: source.baseAddress! + offset, byteCount: buffer.count)
        }
    }

    /// Stores `bytes` at `offset`, growing or truncating the array so it ends after them.
    ///
    /// - Parameters:
    ///   - bytes: The bytes to store.
    ///   - offset: The image offset of the first byte (at most the current count).
    /// - Throws: ``PatchError`` (``PatchError/Kind/outOfBounds``) when `offset` leaves a gap.
    public mutating func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(PatchError) {
        guard offset >= 0, offset <= self.bytes.count else { throw PatchError(.outOfBounds, at: offset) }
        if offset < self.bytes.count { self.bytes.removeSubrange(offset...) }
        self.bytes.append(contentsOf: bytes)
    }
}

extension RandomAccessBytes {
    /// Reads `count` bytes at `offset` into a new array.
    func readArray(at offset: Int, count: Int) throws(PatchError) -> [UInt8] {
        let temporary = UnsafeMutableRawBufferPointer.allocate(byteCount: max(count, 1), alignment: 8)
        defer { temporary.deallocate() }
        let part = UnsafeMutableRawBufferPointer(rebasing: temporary[0..<count])
        if count > 0 { try read(at: offset, into: part) }
        return [UInt8](UnsafeRawBufferPointer(part))
    }
}
