import FieldCore

extension UpdateAgent {
    /// Starts (or resumes) installing a verified release.
    ///
    /// Checks, in order: the hardware target, that the device runs its confirmed image, that the
    /// release is not the running one, was not rolled back before, does not lower the
    /// anti-rollback floor, and that the preconditions hold. Then picks the payload (a patch from
    /// the running version if the applier supports it and it fits staging, else the full image),
    /// forgets the inactive slot's old image and commits the downloading phase.
    ///
    /// ```swift
    /// let started = try agent.begin(verified, conditions: DeviceConditions(batteryPercent: 71, connectivity: .wifi))
    /// ```
    ///
    /// - Parameters:
    ///   - verified: A manifest accepted by the product's verifier.
    ///   - conditions: The device's battery and connectivity now.
    /// - Returns: `false` if the device already runs this release or is already installing it
    ///   (nothing changed), `true` if the download starts.
    /// - Throws: ``FieldUpdateError`` naming the refusal.
    @discardableResult
    public mutating func begin(
        _ verified: VerifiedManifest, conditions: DeviceConditions
    ) throws(FieldUpdateError)
        -> Bool
    {
        let manifest = verified.manifest
        guard manifest.hardwareTarget == configuration.hardwareTarget else { throw FieldUpdateError(.wrongHardware) }
        if let release = record.phase.release, release.verified == verified { return false }
        guard case .idle = record.phase, bootedSlot == record.activeSlot, let active = record.activeImage else {
            throw FieldUpdateError(.invalidPhase)
        }
        if active.version == manifest.version && active.digest == manifest.image.digest { return false }
        if record.rejectedRelease == manifest.version { throw FieldUpdateError(.releaseRejectedEarlier) }
        if manifest.securityCounter < record.securityFloor && !configuration.allowsDowngrade {
            throw FieldUpdateError(.rollbackRefused(offered: manifest.securityCounter, floor: record.securityFloor))
        }
        if let unmet = manifest.preconditions.firstUnmet(by: conditions) { throw unmet }
        guard manifest.image.size <= UInt64(storage.capacity(of: .slot(inactiveSlot))) else {
            throw FieldUpdateError(.doesNotFit)
        }
        var choice = PayloadChoice.fullImage
        if applier.supportsPatches, let patch = manifest.patch(from: active.version),
            patch.payload.size <= UInt64(storage.capacity(of: .staging))
        {
            choice = .patch(from: active.version)
        }
        var next = record
        next.setImage(nil, in: inactiveSlot)
        next.phase = .downloading(PendingRelease(verified: verified, payload: choice), nextChunk: 0)
        try commit(next)
        return true
    }

    /// The chunk to fetch next, or `nil` when not downloading.
    ///
    /// After a reboot this is where the download stopped: every chunk before it was verified and
    /// written before the record said so.
    public var nextChunk: ChunkRequest? {
        guard case .downloading(let release, let next) = record.phase else { return nil }
        let payload = release.payloadDescriptor
        guard next < payload.chunkCount else { return nil }
        let range = payload.chunkRange(next)
        return ChunkRequest(index: next, offset: range.offset, count: range.count, payload: release.payload)
    }

    /// Verifies a downloaded chunk against the manifest, writes it, and commits the progress.
    ///
    /// A chunk with the wrong index, size or SHA-256 is refused without being written. After the
    /// last chunk the agent moves to the applying phase; call ``install()``.
    ///
    /// ```swift
    /// try agent.receiveChunk(bytes, index: request.index)
    /// ```
    ///
    /// - Parameters:
    ///   - bytes: The chunk (untrusted).
    ///   - index: The chunk index it claims to be.
    /// - Returns: `true` when the payload is complete.
    /// - Throws: ``FieldUpdateError/Code/unexpectedChunk``,
    ///   ``FieldUpdateError/Code/chunkDigestMismatch``, storage errors.
    /// - Complexity: O(n) in the chunk size.
    @discardableResult
    public mutating func receiveChunk(_ bytes: [UInt8], index: Int) throws(FieldUpdateError) -> Bool {
        guard case .downloading(let release, let next) = record.phase else { throw FieldUpdateError(.invalidPhase) }
        let payload = release.payloadDescriptor
        guard index == next, next < payload.chunkCount else { throw FieldUpdateError(.unexpectedChunk(index: index)) }
        let range = payload.chunkRange(index)
        guard bytes.count == range.count else { throw FieldUpdateError(.unexpectedChunk(index: index)) }
        guard SHA256.hash(bytes) == payload.chunkDigests[index] else {
            throw FieldUpdateError(.chunkDigestMismatch(index: index))
        }
        try storage.write(bytes, to: release.downloadArea(target: inactiveSlot), at: range.offset)
        var nextRecord = record
        let done = index + 1 == payload.chunkCount
        nextRecord.phase = done ? .applying(release) : .downloading(release, nextChunk: index + 1)
        try commit(nextRecord)
        return done
    }

    /// Builds (for a patch) and verifies the new image in the inactive slot, then commits the
    /// pending-reboot phase. Safe to call again after a power cut: the applier is called again and
    /// either re-applies the patch or, like ``FieldDeltaPatchApplier``, continues from the progress
    /// it saved; the result is verified either way.
    ///
    /// If the image does not match the manifest's size and SHA-256 (or the patch is bad), the
    /// release is rolled back and the error thrown; the running image is untouched.
    ///
    /// ```swift
    /// try agent.install()
    /// reboot()
    /// ```
    ///
    /// - Throws: ``FieldUpdateError/Code/imageDigestMismatch``, patch and storage errors.
    /// - Complexity: O(n) in the image size.
    public mutating func install() throws(FieldUpdateError) {
        guard case .applying(let release) = record.phase, let active = record.activeImage else {
            throw FieldUpdateError(.invalidPhase)
        }
        let manifest = release.manifest
        let target = inactiveSlot
        if case .patch = release.payload {
            let patch = release.payloadDescriptor
            let written: Int
            do throws(FieldUpdateError) {
                written = try applier.apply(
                    patchSize: Int(patch.size), base: record.activeSlot, baseSize: Int(active.size), into: target,
                    storage: &storage)
            } catch {
                if error.code == .patchFailed { try rollBack(release, .imageVerificationFailed) }
                throw error
            }
            guard UInt64(written) == manifest.image.size else {
                try rollBack(release, .imageVerificationFailed)
                throw FieldUpdateError(.imageDigestMismatch)
            }
        }
        guard slotMatches(target, size: manifest.image.size, digest: manifest.image.digest) else {
            try rollBack(release, .imageVerificationFailed)
            throw FieldUpdateError(.imageDigestMismatch)
        }
        var next = record
        next.setImage(
            InstalledImage(
                version: manifest.version, securityCounter: manifest.securityCounter, size: manifest.image.size,
                digest: manifest.image.digest),
            in: target)
        next.phase = .pendingReboot(release)
        try commit(next)
    }
}
