import FieldCore

/// How far an apply has got: the small record a device persists to survive a power cut.
///
/// The applier advances the record after each chunk it has written, so the record always names a
/// chunk boundary: everything before `newOffset` is in the new image's storage, and decoding
/// resumes at `patchOffset`. Persist ``serialized()`` (36 bytes) after each
/// ``PatchApplier/step(into:)``; after a reboot, parse it with ``init(serialized:)`` and pass it to
/// ``PatchApplier/init(old:patch:bufferSize:resumingFrom:)``. A record from another patch is
/// rejected.
///
/// ```swift
/// while try !applier.step(into: &slot) {
///     settings.store(applier.progress.serialized())
/// }
/// ```
public struct ApplyProgress: Sendable, Hashable {
    /// The encoded size of a record.
    public static let byteCount = 36

    /// The first eight bytes of the new image's SHA-256: which patch this record belongs to.
    public var fingerprint: UInt64
    /// The next chunk to decode.
    public var chunkIndex: Int
    /// The patch offset of that chunk.
    public var patchOffset: Int
    /// The number of new-image bytes written and final.
    public var newOffset: Int
    /// Whether the whole image was written and its SHA-256 verified.
    public var isComplete: Bool

    /// Creates a record from its fields.
    ///
    /// - Parameters:
    ///   - fingerprint: The first eight bytes of the new image's SHA-256, little-endian.
    ///   - chunkIndex: The next chunk to decode.
    ///   - patchOffset: The patch offset of that chunk.
    ///   - newOffset: New-image bytes already written.
    ///   - isComplete: Whether the apply finished and verified.
    public init(fingerprint: UInt64, chunkIndex: Int, patchOffset: Int, newOffset: Int, isComplete: Bool = false) {
        self.fingerprint = fingerprint
        self.chunkIndex = chunkIndex
        self.patchOffset = patchOffset
        self.newOffset = newOffset
        self.isComplete = isComplete
    }

    /// The record as 36 bytes: version, flags, chunk index, fingerprint, patch and new offsets,
    /// CRC-32C.
    ///
    /// - Returns: The bytes to persist.
    public func serialized() -> [UInt8] {
        var out: [UInt8] = [1, isComplete ? 1 : 0, 0, 0]
        PatchHeader.append(UInt64(chunkIndex), byteCount: 4, to: &out)
        PatchHeader.append(fingerprint, byteCount: 8, to: &out)
        PatchHeader.append(UInt64(patchOffset), byteCount: 8, to: &out)
        PatchHeader.append(UInt64(newOffset), byteCount: 8, to: &out)
        PatchHeader.append(UInt64(CRC32C.checksum(out)), byteCount: 4, to: &out)
        return out
    }

    /// Parses a persisted record.
    ///
    /// - Parameter bytes: Bytes from ``serialized()``.
    /// - Throws: ``PatchError`` (``PatchError/Kind/invalidProgress``) when the length, version,
    ///   checksum or a field is wrong, as after a torn write.
    public init(serialized bytes: [UInt8]) throws(PatchError) {
        guard bytes.count == ApplyProgress.byteCount else { throw PatchError(.invalidProgress, at: bytes.count) }
        guard CRC32C.checksum(bytes[0..<32]) == PatchHeader.loadUInt32(bytes, 32) else {
            throw PatchError(.invalidProgress, at: 32)
        }
        guard bytes[0] == 1, bytes[1] <= 1 else { throw PatchError(.invalidProgress, at: 0) }
        let patchOffset = PatchHeader.loadUInt64(bytes, 16)
        let newOffset = PatchHeader.loadUInt64(bytes, 24)
        guard patchOffset <= UInt64(Int.max >> 1), newOffset <= UInt64(Int.max >> 1) else {
            throw PatchError(.invalidProgress, at: 16)
        }
        self.init(
            fingerprint: PatchHeader.loadUInt64(bytes, 8), chunkIndex: Int(PatchHeader.loadUInt32(bytes, 4)),
            patchOffset: Int(patchOffset), newOffset: Int(newOffset), isComplete: bytes[1] == 1)
    }
}
