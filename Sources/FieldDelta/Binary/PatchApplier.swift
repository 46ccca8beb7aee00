import FieldCore

/// Applies a FieldDelta patch in a fixed, small working set: the device side of an update.
///
/// The applier reads the patch front to back and the old image through random-access reads of one
/// page at a time, and writes the new image front to back, one page at a time. Its memory is the
/// configured buffer (old page, output page, a page of earlier output for copies, patch input)
/// plus the fixed context-model table
/// (``modelByteCount``), whatever the image sizes. It verifies the old image's SHA-256 before
/// writing anything and the new image's SHA-256 at the end; it never writes past the declared new
/// size.
///
/// Work proceeds one chunk per ``step(into:)``. After each step, ``progress`` names a chunk
/// boundary; persist it, and after a power cut create a new applier with
/// `resumingFrom:` to continue from there (the chunk in flight is rewritten, nothing before it).
///
/// ```swift
/// let applier = try PatchApplier(old: flashSlotA, patch: downloadedPatch, resumingFrom: saved)
/// while try !applier.step(into: &flashSlotB) {
///     persist(applier.progress.serialized())
/// }
/// markBootable(slotB)
/// ```
public final class PatchApplier<Old: RandomAccessBytes, Patch: RandomAccessBytes> {
    /// The buffer size used when none is given: 8 KiB (with the model table, 32,068 bytes in all).
    public static var defaultBufferSize: Int { 8 * 1024 }
    /// The bytes of the context-model table, allocated once, in addition to the buffer.
    public static var modelByteCount: Int { PatchModel.byteCount }

    /// The patch's parsed header.
    public let header: PatchHeader
    /// Where the apply stands; persist it after each step.
    public internal(set) var progress: ApplyProgress

    let old: Old
    let patch: Patch
    let buffer: UnsafeMutableRawBufferPointer
    let model = PatchModel()
    var hasher = SHA256()
    var prepared = false
    var cachedOldPage = -1
    var cachedOldCount = 0
    var cachedHistoryPage = -1
    /// How far into the cached pages the branch transform has run (see ``BranchTransform/advance``).
    var cachedOldScan = 0
    var cachedHistoryScan = 0

    /// Opens a patch for applying.
    ///
    /// - Parameters:
    ///   - old: The old image (ignored by a full-image patch, which needs no old image).
    ///   - patch: The patch bytes.
    ///   - bufferSize: The I/O buffer: at least three pages plus 256 bytes (6400 bytes with the
    ///     default 2 KiB pages).
    ///   - saved: A progress record saved by an earlier run of the same patch, or `nil`.
    /// - Throws: ``PatchError`` when the header is invalid, the old image's size differs, the
    ///   buffer is too small or the progress record belongs elsewhere.
    public init(
        old: Old, patch: Patch, bufferSize: Int = PatchApplier.defaultBufferSize,
        resumingFrom saved: ApplyProgress? = nil
    ) throws(PatchError) {
        guard patch.count >= PatchHeader.byteCount else {
            _ = try PatchHeader(parsing: try patch.readArray(at: 0, count: max(0, patch.count)))
            throw PatchError(.truncated, at: patch.count)
        }
        let headerBytes = try patch.readArray(at: 0, count: PatchHeader.byteCount)
        let header = try PatchHeader(parsing: headerBytes)
        if header.mode == .delta && old.count != header.oldSize {
            throw PatchError(.oldImageMismatch, at: min(old.count, header.oldSize))
        }
        guard bufferSize >= 3 * header.pageSize + 256 else { throw PatchError(.invalidArgument, at: bufferSize) }
        let fingerprint = PatchHeader.loadUInt64(header.newDigest, 0)
        if let saved {
            let expectedOffset = min(saved.chunkIndex * header.chunkSize, header.newSize)
            guard saved.fingerprint == fingerprint, saved.chunkIndex <= header.chunkCount,
                saved.newOffset == expectedOffset, saved.patchOffset >= PatchHeader.byteCount,
                saved.patchOffset <= patch.count, !saved.isComplete || saved.chunkIndex == header.chunkCount
            else { throw PatchError(.invalidProgress, at: saved.patchOffset) }
            progress = saved
        } else {
            progress = ApplyProgress(
                fingerprint: fingerprint, chunkIndex: 0, patchOffset: PatchHeader.byteCount, newOffset: 0)
        }
        self.header = header
        self.old = old
        self.patch = patch
        self.buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 16)
    }

    deinit { buffer.deallocate() }

    /// Whether the whole new image is written and verified.
    public var isComplete: Bool { progress.isComplete }

    /// Decodes and writes the next chunk; after the last one, verifies the new image.
    ///
    /// The first call also verifies the old image's SHA-256 and, when resuming, re-reads the
    /// already written part of the new image to continue its SHA-256.
    ///
    /// - Parameter sink: The new image's storage.
    /// - Returns: `true` when the apply is complete and verified.
    /// - Throws: ``PatchError`` for a mismatched old image, a truncated or corrupt patch, a control
    ///   value outside the images, a storage failure, or a new image whose SHA-256 is wrong.
    /// - Complexity: O(chunk size), plus O(old size + written size) on the first call.
    public func step<Sink: ImageSink>(into sink: inout Sink) throws(PatchError) -> Bool {
        if progress.isComplete { return true }
        if !prepared { try prepare(sink) }
        if progress.chunkIndex < header.chunkCount {
            try decodeChunk(into: &sink)
        }
        if progress.chunkIndex == header.chunkCount {
            guard progress.patchOffset == patch.count else { throw PatchError(.corruptChunk, at: progress.patchOffset) }
            let digest = hasher.finalize().bytes
            hasher = SHA256()
            prepared = false
            guard digest == header.newDigest else { throw PatchError(.newImageMismatch, at: header.newSize) }
            progress.isComplete = true
        }
        return progress.isComplete
    }

    /// Runs the apply to the end, reporting progress after each chunk.
    ///
    /// - Parameters:
    ///   - sink: The new image's storage.
    ///   - checkpoint: Called with the progress after each chunk; persist it to resume later.
    /// - Throws: ``PatchError`` as ``step(into:)`` does.
    /// - Complexity: O(old size + new size).
    public func run<Sink: ImageSink>(
        into sink: inout Sink, checkpoint: (ApplyProgress) -> Void = { _ in }
    )
        throws(PatchError)
    {
        while try !step(into: &sink) {
            checkpoint(progress)
        }
        checkpoint(progress)
    }

    /// Applies a whole patch in one call with the default buffer.
    ///
    /// - Parameters:
    ///   - patch: The patch.
    ///   - old: The old image.
    ///   - sink: The new image's storage.
    ///   - bufferSize: The I/O buffer size.
    /// - Throws: ``PatchError`` as ``step(into:)`` does.
    /// - Complexity: O(old size + new size).
    public static func apply<Sink: ImageSink>(
        patch: Patch, old: Old, into sink: inout Sink, bufferSize: Int = PatchApplier.defaultBufferSize
    ) throws(PatchError) {
        let applier = try PatchApplier(old: old, patch: patch, bufferSize: bufferSize)
        try applier.run(into: &sink)
    }

    // MARK: - Session start

    private func prepare<Sink: ImageSink>(_ sink: Sink) throws(PatchError) {
        let scratch = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<(2 * header.pageSize)])
        if header.mode == .delta {
            var oldHasher = SHA256()
            var offset = 0
            while offset < header.oldSize {
                let count = min(scratch.count, header.oldSize - offset)
                let part = UnsafeMutableRawBufferPointer(rebasing: scratch[0..<count])
                try old.read(at: offset, into: part)
                oldHasher.update(UnsafeRawBufferPointer(part))
                offset += count
            }
            guard oldHasher.finalize().bytes == header.oldDigest else {
                throw PatchError(.oldImageMismatch, at: 0)
            }
        }
        hasher = SHA256()
        var offset = 0
        while offset < progress.newOffset {
            let count = min(scratch.count, progress.newOffset - offset)
            let part = UnsafeMutableRawBufferPointer(rebasing: scratch[0..<count])
            try sink.read(at: offset, into: part)
            hasher.update(UnsafeRawBufferPointer(part))
            offset += count
        }
        cachedOldPage = -1
        cachedHistoryPage = -1
        prepared = true
    }
}
