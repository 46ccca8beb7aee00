import FieldDelta

/// Applies FieldDelta binary patches for ``UpdateAgent``: the patch is read from the staging area,
/// the base image from the running slot, and the new image is written into the inactive slot.
///
/// FieldDelta's streaming `FieldDelta.PatchApplier` works in a fixed buffer (about 30 KiB with its
/// model table), checks the base image's SHA-256 before writing anything and the new image's at the
/// end. Storage failures (a power cut) surface as ``FieldUpdateError/Kind/storageFailure`` so the
/// agent simply re-runs the apply after the reboot; a corrupt patch or a wrong base image surfaces
/// as ``FieldUpdateError/Kind/patchFailed(_:)`` and the agent rolls the release back.
///
/// ```swift
/// var agent = try UpdateAgent(store: store, storage: flash, applier: FieldDeltaPatchApplier(),
///                             configuration: config)
/// ```
public struct FieldDeltaPatchApplier: PatchApplier, Sendable {
    /// The applier's I/O buffer size in bytes (at least two FieldDelta pages plus 256 bytes).
    public var bufferSize: Int

    /// Creates the applier.
    ///
    /// - Parameter bufferSize: The I/O buffer size; FieldDelta's default is 12 KiB.
    public init(bufferSize: Int = 12 * 1024) { self.bufferSize = bufferSize }

    /// Always `true`: the agent prefers a patch from the running version when the manifest has one.
    public var supportsPatches: Bool { true }

    /// Applies the staged patch.
    ///
    /// - Parameters:
    ///   - patchSize: The patch size in bytes, at offset 0 of staging.
    ///   - base: The running slot.
    ///   - baseSize: The running image's size.
    ///   - target: The slot to write.
    ///   - storage: The device storage.
    /// - Returns: The new image's size.
    /// - Throws: ``FieldUpdateError/Kind/storageFailure`` if storage fails,
    ///   ``FieldUpdateError/Kind/patchFailed(_:)`` for a bad patch or base image.
    /// - Complexity: O(base size + new size).
    public mutating func apply<Storage: UpdateStorage>(
        patchSize: Int, base: Slot, baseSize: Int, into target: Slot, storage: inout Storage
    ) throws(FieldUpdateError) -> Int {
        let old = AreaBytes(storage: storage, area: .slot(base), count: baseSize)
        let patch = AreaBytes(storage: storage, area: .staging, count: patchSize)
        var sink = AreaSink(storage: storage, area: .slot(target))
        defer { storage = sink.storage }
        do throws(PatchError) {
            let applier = try FieldDelta.PatchApplier(old: old, patch: patch, bufferSize: bufferSize)
            try applier.run(into: &sink)
            return applier.header.newSize
        } catch {
            if case .storage = error.kind { throw FieldUpdateError(.storageFailure, at: error.offset) }
            throw FieldUpdateError(.patchFailed(error.description), at: error.offset)
        }
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
}
