public import FieldCore

/// The bytes a device downloads: their size, SHA-256, and the SHA-256 of every fixed-size chunk.
///
/// A payload is either the full image or a patch. The device verifies each chunk as it arrives,
/// so one corrupted chunk costs one chunk of bandwidth, not the whole download, and a resumed
/// download never builds on bytes it has not checked. The last chunk may be shorter.
///
/// ```swift
/// let payload = PayloadDescriptor(describing: image, chunkSize: 4096)
/// print(payload.chunkCount)
/// ```
public struct PayloadDescriptor: Hashable, Sendable {
    /// The payload size in bytes (1 ... ``UpdateManifest/maximumPayloadSize``).
    public var size: UInt64
    /// The SHA-256 of the whole payload.
    public var digest: SHA256Digest
    /// The chunk size in bytes (``UpdateManifest/minimumChunkSize`` ... ``UpdateManifest/maximumChunkSize``).
    public var chunkSize: UInt32
    /// The SHA-256 of each chunk, in order.
    public var chunkDigests: [SHA256Digest]

    /// Creates a descriptor from its parts. ``UpdateManifest/validate()`` checks consistency.
    ///
    /// - Parameters:
    ///   - size: The payload size in bytes.
    ///   - digest: The SHA-256 of the payload.
    ///   - chunkSize: The chunk size in bytes.
    ///   - chunkDigests: The SHA-256 of each chunk.
    public init(size: UInt64, digest: SHA256Digest, chunkSize: UInt32, chunkDigests: [SHA256Digest]) {
        self.size = size
        self.digest = digest
        self.chunkSize = chunkSize
        self.chunkDigests = chunkDigests
    }

    /// Describes bytes a publisher holds: hashes the whole and each chunk.
    ///
    /// - Parameters:
    ///   - bytes: The payload.
    ///   - chunkSize: The chunk size in bytes.
    /// - Complexity: O(n) in the payload size.
    public init(describing bytes: [UInt8], chunkSize: UInt32) {
        let step = max(1, Int(chunkSize))
        var digests: [SHA256Digest] = []
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + step)
            digests.append(SHA256.hash(bytes[start..<end]))
            start = end
        }
        self.init(size: UInt64(bytes.count), digest: SHA256.hash(bytes), chunkSize: chunkSize, chunkDigests: digests)
    }

    /// The number of chunks the size and chunk size imply.
    public var chunkCount: Int {
        guard chunkSize > 0 else { return 0 }
        let (q, r) = size.quotientAndRemainder(dividingBy: UInt64(chunkSize))
        return Int(truncatingIfNeeded: q) + (r == 0 ? 0 : 1)
    }

    /// The byte range of chunk `index` within the payload.
    ///
    /// - Parameter index: A chunk index in `0..<chunkCount`.
    /// - Returns: The offset and length of the chunk.
    public func chunkRange(_ index: Int) -> (offset: Int, count: Int) {
        let offset = index * Int(chunkSize)
        return (offset, min(Int(chunkSize), Int(size) - offset))
    }

    /// Checks the descriptor's internal rules.
    internal func validate(field: String) throws(FieldUpdateError) {
        guard size >= 1, size <= UpdateManifest.maximumPayloadSize else {
            throw FieldUpdateError(.valueOutOfRange(field + ".size"))
        }
        guard chunkSize >= UpdateManifest.minimumChunkSize, chunkSize <= UpdateManifest.maximumChunkSize else {
            throw FieldUpdateError(.valueOutOfRange(field + ".chunk_size"))
        }
        guard chunkDigests.count == chunkCount else {
            throw FieldUpdateError(.malformedField(field + ".chunks"))
        }
    }
}

/// A patch that turns one named earlier version into the release, as a payload.
///
/// ```swift
/// let patch = DeltaPatch(baseVersion: FirmwareVersion(major: 1, minor: 3, patch: 0), payload: described)
/// ```
public struct DeltaPatch: Hashable, Sendable {
    /// The version the patch applies to (the running image must be exactly this version).
    public var baseVersion: FirmwareVersion
    /// The patch bytes' description.
    public var payload: PayloadDescriptor

    /// Creates a patch description.
    ///
    /// - Parameters:
    ///   - baseVersion: The version the patch applies to.
    ///   - payload: The patch bytes' description.
    public init(baseVersion: FirmwareVersion, payload: PayloadDescriptor) {
        self.baseVersion = baseVersion
        self.payload = payload
    }
}
