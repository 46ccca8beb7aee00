/// An error from making, reading or applying a binary patch.
///
/// Every error names the rule that failed and the byte offset where it was detected: an offset in
/// the patch for format problems, in the old or new image for image problems. A patch from the
/// network is untrusted input; whatever its bytes, applying it ends in either the exact new image
/// or one of these errors, never a trap or a write past the declared new size.
///
/// ```swift
/// do {
///     try applier.run()
/// } catch {
///     print(error)  // "patch truncated at offset 1187"
/// }
/// ```
public struct PatchError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Hashable, Sendable {
        /// The patch ended before a complete header or chunk.
        case truncated
        /// The patch does not start with the FieldDelta patch magic bytes.
        case badMagic
        /// The patch uses a format version this library does not read.
        case unsupportedVersion(UInt8)
        /// A header field is invalid or the header checksum does not match.
        case corruptHeader
        /// A chunk's checksum or coded contents are inconsistent.
        case corruptChunk
        /// A control value points outside the old image or past the chunk's end.
        case outOfBounds
        /// The old image is not the one the patch was made from (size or SHA-256 differ).
        case oldImageMismatch
        /// The rebuilt new image does not have the SHA-256 the patch declares.
        case newImageMismatch
        /// A saved progress record does not belong to this patch or is malformed.
        case invalidProgress
        /// A caller-supplied parameter is out of range (for example a buffer that is too small).
        case invalidArgument
        /// The storage behind an image failed; `code` is the storage's own error code.
        case storage(code: Int32)
    }

    /// What went wrong.
    public var kind: Kind
    /// The byte offset where the problem was detected (patch offset for format errors, image
    /// offset for image errors).
    public var offset: Int

    /// Creates an error of the given kind at the given byte offset.
    ///
    /// - Parameters:
    ///   - kind: What went wrong.
    ///   - offset: Where it went wrong.
    public init(_ kind: Kind, at offset: Int) {
        self.kind = kind
        self.offset = offset
    }

    /// A one-line description naming the problem and its offset.
    public var description: String {
        switch kind {
        case .truncated: "patch truncated at offset \(offset)"
        case .badMagic: "not a FieldDelta patch (bad magic at offset \(offset))"
        case .unsupportedVersion(let version): "unsupported patch format version \(version) at offset \(offset)"
        case .corruptHeader: "corrupt patch header at offset \(offset)"
        case .corruptChunk: "corrupt patch chunk at offset \(offset)"
        case .outOfBounds: "patch control value out of bounds at offset \(offset)"
        case .oldImageMismatch: "old image does not match the patch (detected at offset \(offset))"
        case .newImageMismatch: "rebuilt image does not match the patch's SHA-256 (offset \(offset))"
        case .invalidProgress: "progress record does not match this patch (offset \(offset))"
        case .invalidArgument: "invalid argument (value \(offset))"
        case .storage(let code): "storage error \(code) at offset \(offset)"
        }
    }
}
