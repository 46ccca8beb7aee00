import FieldDelta

/// Applies FieldDelta binary patches for ``UpdateAgent``: the patch is read from the staging area,
/// the base image from the running slot, and the new image is written into the inactive slot.
///
/// FieldDelta's streaming `FieldDelta.PatchApplier` works in a fixed buffer (about 32 KiB with its
/// model table), checks the base image's SHA-256 before writing anything and the new image's at the
/// end. A corrupt patch or a wrong base image surfaces as ``FieldUpdateError/Code/patchFailed``
/// and the agent rolls the release back.
///
/// A power cut does not send the apply back to the start: after each chunk of the patch, the
/// applier saves FieldDelta's 36-byte progress record in the staging area just after the patch (two
/// alternating 64-byte copies at the next 64-byte boundary, so a torn write leaves the other), and
/// when the agent calls it again after the reboot it continues from the last saved chunk. A record
/// that does not fit the patch is ignored; a resumed apply whose result fails the SHA-256 check
/// (the target slot was changed in between) is redone once from the start, so a stale record can
/// cost time but never a good update. When staging has no room after the patch, the apply simply
/// restarts after a power cut.
///
/// ```swift
/// var agent = try UpdateAgent(store: store, storage: flash, applier: FieldDeltaPatchApplier(),
///                             configuration: config)
/// ```
public struct FieldDeltaPatchApplier: UpdatePatchApplier, Sendable {
    /// The applier's I/O buffer size in bytes (at least three FieldDelta pages plus 256 bytes).
    public var bufferSize: Int
    /// Whether to save progress records in staging and resume from them after a power cut.
    public var resumesAfterPowerCut: Bool

    /// The bytes reserved after the patch for the two progress copies.
    public static let checkpointAreaSize = 2 * checkpointSlotSize
    static let checkpointSlotSize = 64

    /// Creates the applier.
    ///
    /// - Parameters:
    ///   - bufferSize: The I/O buffer size; FieldDelta's default (8 KiB, 32,068 bytes with the model
    ///     table) when omitted.
    ///   - resumesAfterPowerCut: Whether to checkpoint progress in staging (default `true`).
    public init(bufferSize: Int? = nil, resumesAfterPowerCut: Bool = true) {
        self.bufferSize = bufferSize ?? FieldDelta.PatchApplier<ByteArrayImage, ByteArrayImage>.defaultBufferSize
        self.resumesAfterPowerCut = resumesAfterPowerCut
    }

    /// Always `true`: the agent prefers a patch from the running version when the manifest has one.
    public var supportsPatches: Bool { true }

    /// Applies the staged patch, continuing from the last saved chunk after a power cut.
    ///
    /// - Parameters:
    ///   - patchSize: The patch size in bytes, at offset 0 of staging.
    ///   - base: The running slot.
    ///   - baseSize: The running image's size.
    ///   - target: The slot to write.
    ///   - storage: The device storage.
    /// - Returns: The new image's size.
    /// - Throws: ``FieldUpdateError/Code/storageFailure`` if storage fails,
    ///   ``FieldUpdateError/Code/patchFailed`` for a bad patch or base image.
    /// - Complexity: O(base size + new size).
    public mutating func apply<Storage: UpdateStorage>(
        patchSize: Int, base: Slot, baseSize: Int, into target: Slot, storage: inout Storage
    ) throws(FieldUpdateError) -> Int {
        let area = checkpointOffset(patchSize: patchSize, storage: storage)
        let saved = area.map { loadCheckpoints(at: $0, storage: storage) } ?? []
        // Newest first; a record the patch refuses is skipped, and a resumed run that ends in a
        // wrong image (the slot was rewritten since) is redone from the start.
        for record in saved {
            do throws(PatchError) {
                return try run(
                    patchSize: patchSize, base: base, baseSize: baseSize, target: target, storage: &storage,
                    resumingFrom: record, checkpointArea: area)
            } catch {
                switch error.kind {
                case .invalidProgress, .newImageMismatch: continue
                default: throw FieldDeltaPatchApplier.translate(error)
                }
            }
        }
        do throws(PatchError) {
            return try run(
                patchSize: patchSize, base: base, baseSize: baseSize, target: target, storage: &storage,
                resumingFrom: nil, checkpointArea: area)
        } catch {
            throw FieldDeltaPatchApplier.translate(error)
        }
    }

    /// Where the progress copies go in staging, or `nil` when checkpoints are off or do not fit.
    func checkpointOffset<Storage: UpdateStorage>(patchSize: Int, storage: Storage) -> Int? {
        guard resumesAfterPowerCut, patchSize >= 0 else { return nil }
        let offset = (patchSize + Self.checkpointSlotSize - 1) / Self.checkpointSlotSize * Self.checkpointSlotSize
        guard offset <= storage.capacity(of: .staging) - Self.checkpointAreaSize else { return nil }
        return offset
    }

    /// The intact progress copies in the checkpoint area, the furthest first.
    func loadCheckpoints<Storage: UpdateStorage>(at offset: Int, storage: Storage) -> [ApplyProgress] {
        var records: [ApplyProgress] = []
        for slot in 0..<2 {
            let at = offset + slot * Self.checkpointSlotSize
            guard let bytes = try? storage.read(.staging, at: at, count: ApplyProgress.byteCount),
                let record = try? ApplyProgress(serialized: bytes)
            else { continue }
            records.append(record)
        }
        if records.count == 2 && records[1].newOffset > records[0].newOffset { records.swapAt(0, 1) }
        return records
    }

    private func run<Storage: UpdateStorage>(
        patchSize: Int, base: Slot, baseSize: Int, target: Slot, storage: inout Storage,
        resumingFrom saved: ApplyProgress?, checkpointArea: Int?
    ) throws(PatchError) -> Int {
        let old = AreaBytes(storage: storage, area: .slot(base), count: baseSize)
        let patch = AreaBytes(storage: storage, area: .staging, count: patchSize)
        var sink = AreaSink(storage: storage, area: .slot(target))
        defer { storage = sink.storage }
        let applier = try FieldDelta.PatchApplier(
            old: old, patch: patch, bufferSize: bufferSize, resumingFrom: saved)
        if saved == nil, let checkpointArea {
            // Forget older records before the slot is rewritten from the start (no valid record
            // is all zeros).
            let zeros = [UInt8](repeating: 0, count: Self.checkpointAreaSize)
            try sink.write(zeros, to: .staging, at: checkpointArea)
        }
        while true {
            if try applier.step(into: &sink) { return applier.header.newSize }
            // Only unfinished states are saved: resuming re-decodes the last chunk and so
            // re-checks the whole image's SHA-256.
            if let checkpointArea {
                let progress = applier.progress
                let at = checkpointArea + (progress.chunkIndex & 1) * Self.checkpointSlotSize
                try sink.write(progress.serialized(), to: .staging, at: at)
            }
        }
    }

    private static func translate(_ error: PatchError) -> FieldUpdateError {
        if case .storage = error.kind { return FieldUpdateError(.storageFailure, at: error.offset) }
        return FieldUpdateError(.patchFailed(error.description), at: error.offset)
    }
}

/// A read-only view of one storage area as FieldDelta's random-access bytes.
private struct AreaBytes<Storage: UpdateStorage>: RandomAccessBytes {
    let storage: Storage
    let area: StorageArea
    let count: Int

    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(PatchError) {
        do throws(FieldUpdateError) {
            let bytes = try storage.read(area, at: offset, count: buffer.count)
            for i in 0..<bytes.count { buffer[i] = bytes[i] }
        } catch {
            throw PatchError(.storage(code: -1), at: offset)
        }
    }
}

/// The target slot as FieldDelta's image sink.
private struct AreaSink<Storage: UpdateStorage>: ImageSink {
    var storage: Storage
    let area: StorageArea

    mutating func write(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(PatchError) {
        do throws(FieldUpdateError) {
            try storage.write(Array(bytes), to: area, at: offset)
        } catch {
            throw PatchError(.storage(code: -1), at: offset)
        }
    }

    func read(at offset: Int, into buffer: UnsafeMutableRawBufferPointer) throws(PatchError) {
        do throws(FieldUpdateError) {
            let bytes = try storage.read(area, at: offset, count: buffer.count)
            for i in 0..<bytes.count { buffer[i] = bytes[i] }
        } catch {
            throw PatchError(.storage(code: -1), at: offset)
        }
    }

    /// Writes a small record (a progress copy) into another area of the same storage.
    mutating func write(_ bytes: [UInt8], to other: StorageArea, at offset: Int) throws(PatchError) {
        do throws(FieldUpdateError) {
            try storage.write(bytes, to: other, at: offset)
        } catch {
            throw PatchError(.storage(code: -1), at: offset)
        }
    }
}
