import FieldCore

/// The device side of an over-the-air update: a sans-IO state machine over injected storage.
///
/// The agent never opens a socket or a file. The product feeds it a verified manifest, chunks
/// and health verdicts; it writes through an ``UpdateStorage`` and commits its ``UpdateRecord``
/// through an ``UpdateRecordStore`` before each step that depends on it:
///
/// idle → downloading (chunk by chunk, each verified) → applying (patch, then SHA-256 of the
/// slot) → pending reboot → trial boot (boot counter) → confirmed, or rolled back on a failed
/// health check or after too many boot attempts.
///
/// Only the inactive slot is ever written, and the record switches the boot target only after
/// the new image is verified, so a power cut at any instant leaves a bootable device; see
/// <doc:ShippingFirmwareWithoutBrickingDevices>.
///
/// ```swift
/// var agent = try UpdateAgent(store: store, storage: flash, applier: FullImageOnly(), configuration: config)
/// let boot = try agent.boot()                 // bootloader: which slot, trial or not
/// try agent.begin(verified, conditions: now)   // a verified manifest arrives
/// while let request = agent.nextChunk { try agent.receiveChunk(fetch(request), index: request.index) }
/// try agent.install()                          // verify the inactive slot; then reboot
/// ```
public struct UpdateAgent<Store: UpdateRecordStore, Storage: UpdateStorage, Applier: UpdatePatchApplier> {
    /// The persisted state, as last committed.
    public private(set) var record: UpdateRecord
    /// The record store.
    public private(set) var store: Store
    /// The slot storage.
    public internal(set) var storage: Storage
    /// The patch applier.
    public internal(set) var applier: Applier
    /// The product's policy.
    public let configuration: UpdateConfiguration
    /// The slot started by the last ``boot()``, or `nil` before it.
    public private(set) var bootedSlot: Slot?

    /// Loads the agent's state from a provisioned device.
    ///
    /// - Parameters:
    ///   - store: The record store.
    ///   - storage: The slot storage.
    ///   - applier: The patch applier (``FullImageOnly`` if the device takes no patches).
    ///   - configuration: The product's policy.
    /// - Throws: ``FieldUpdateError/Code/corruptRecord`` if no record was ever committed or none
    ///   can be read.
    public init(
        store: Store, storage: Storage, applier: Applier, configuration: UpdateConfiguration
    )
        throws(FieldUpdateError)
    {
        var store = store
        guard let record = try store.load() else { throw FieldUpdateError(.corruptRecord) }
        self.record = record
        self.store = store
        self.storage = storage
        self.applier = applier
        self.configuration = configuration
    }

    /// Provisions a factory-fresh device: commits the record naming its first image.
    ///
    /// ```swift
    /// var agent = try UpdateAgent(provisioning: factory, in: .a, store: store, storage: flash,
    ///                             applier: FullImageOnly(), configuration: config)
    /// ```
    ///
    /// - Parameters:
    ///   - factoryImage: The verified image flashed at the factory.
    ///   - slot: The slot holding it.
    ///   - store: The record store.
    ///   - storage: The slot storage.
    ///   - applier: The patch applier.
    ///   - configuration: The product's policy.
    /// - Throws: ``FieldUpdateError`` from the store.
    public init(
        provisioning factoryImage: InstalledImage, in slot: Slot, store: Store, storage: Storage, applier: Applier,
        configuration: UpdateConfiguration
    ) throws(FieldUpdateError) {
        var store = store
        let record = UpdateRecord(factoryImage: factoryImage, in: slot)
        try store.commit(record)
        self.record = record
        self.store = store
        self.storage = storage
        self.applier = applier
        self.configuration = configuration
    }

    /// The slot the next release is written to.
    public var inactiveSlot: Slot { record.activeSlot.other }

    /// Commits a new record, then adopts it.
    internal mutating func commit(_ next: UpdateRecord) throws(FieldUpdateError) {
        try store.commit(next)
        record = next
    }

    /// The bootloader's step: decides which slot to start, counting trial boots.
    ///
    /// A pending release becomes a trial (its slot's SHA-256 and security counter are checked
    /// first); a trial that has used up ``UpdateConfiguration/maximumBootAttempts`` is rolled
    /// back. The decision is committed before it is returned, so a crash of the new image counts.
    ///
    /// ```swift
    /// let decision = try agent.boot()
    /// ```
    ///
    /// - Returns: The slot to start and whether it is a trial.
    /// - Throws: ``FieldUpdateError`` from the store (the device should then boot
    ///   ``UpdateRecord/activeSlot``).
    /// - Complexity: O(n) in the image size on the first trial boot (the slot is hashed).
    public mutating func boot() throws(FieldUpdateError) -> BootDecision {
        let target = inactiveSlot
        switch record.phase {
        case .pendingReboot(let release):
            if let reason = rejection(of: release, in: target) {
                try rollBack(release, reason)
                return bootActive()
            }
            var next = record
            next.phase = .trialBoot(release, attempts: 1)
            try commit(next)
            bootedSlot = target
            return BootDecision(slot: target, isTrial: true, version: release.manifest.version)
        case .trialBoot(let release, let attempts):
            guard attempts < configuration.maximumBootAttempts else {
                try rollBack(release, .tooManyBootAttempts)
                return bootActive()
            }
            var next = record
            next.phase = .trialBoot(release, attempts: attempts + 1)
            try commit(next)
            bootedSlot = target
            return BootDecision(slot: target, isTrial: true, version: release.manifest.version)
        case .idle, .downloading, .applying:
            return bootActive()
        }
    }

    private mutating func bootActive() -> BootDecision {
        bootedSlot = record.activeSlot
        let version = record.activeImage?.version ?? FirmwareVersion(major: 0, minor: 0, patch: 0)
        return BootDecision(slot: record.activeSlot, isTrial: false, version: version)
    }

    /// Why a pending release must not be started, or `nil` if it may.
    private func rejection(of release: PendingRelease, in slot: Slot) -> RollbackReason? {
        let manifest = release.manifest
        if manifest.securityCounter < record.securityFloor && !configuration.allowsDowngrade { return .antiRollback }
        guard let image = record.image(in: slot), image.digest == manifest.image.digest,
            image.size == manifest.image.size, slotMatches(slot, size: image.size, digest: image.digest)
        else { return .imageVerificationFailed }
        return nil
    }

    /// Hashes a slot's first `size` bytes and compares with `digest`.
    internal func slotMatches(_ slot: Slot, size: UInt64, digest: SHA256Digest) -> Bool {
        guard size <= UInt64(storage.capacity(of: .slot(slot))) else { return false }
        var hasher = SHA256()
        var offset = 0
        let total = Int(size)
        while offset < total {
            let count = min(configuration.verificationReadSize, total - offset)
            do throws(FieldUpdateError) {
                hasher.update(try storage.read(.slot(slot), at: offset, count: count))
            } catch {
                return false
            }
            offset += count
        }
        return hasher.finalize() == digest
    }

    /// Abandons a release: the active slot stays, the inactive slot is forgotten, and the release
    /// is remembered as rejected (unless cancelled by the product).
    internal mutating func rollBack(_ release: PendingRelease, _ reason: RollbackReason) throws(FieldUpdateError) {
        var next = record
        next.setImage(nil, in: inactiveSlot)
        next.phase = .idle
        if reason != .cancelled { next.rejectedRelease = release.manifest.version }
        next.lastOutcome = .rolledBack(release.manifest.version, reason)
        try commit(next)
    }

    /// Reports the trial image's health check.
    ///
    /// Healthy: the trial slot becomes the active slot and the anti-rollback floor rises to the
    /// release's security counter. Unhealthy: the release is rolled back and the device must
    /// reboot into the previous image.
    ///
    /// ```swift
    /// let mustReboot = try agent.confirm(healthy: selfTestPassed && cloudReachable)
    /// ```
    ///
    /// - Parameter healthy: The verdict of the product's health check.
    /// - Returns: `true` if the device must reboot (rolled back), `false` if it keeps running.
    /// - Throws: ``FieldUpdateError/Code/invalidPhase`` unless running a trial; store errors.
    @discardableResult
    public mutating func confirm(healthy: Bool) throws(FieldUpdateError) -> Bool {
        guard case .trialBoot(let release, _) = record.phase, bootedSlot == inactiveSlot else {
            throw FieldUpdateError(.invalidPhase)
        }
        guard healthy else {
            try rollBack(release, .healthCheckFailed)
            return true
        }
        var next = record
        next.activeSlot = inactiveSlot
        let counter = release.manifest.securityCounter
        next.securityFloor = configuration.allowsDowngrade ? counter : max(record.securityFloor, counter)
        next.phase = .idle
        next.lastOutcome = .confirmed(release.manifest.version)
        try commit(next)
        return false
    }

    /// Cancels a release that is downloading, applying or pending reboot; it is not marked as
    /// rejected and may be offered again.
    ///
    /// - Throws: ``FieldUpdateError/Code/invalidPhase`` if idle or on trial; store errors.
    public mutating func cancel() throws(FieldUpdateError) {
        switch record.phase {
        case .downloading(let release, _), .applying(let release), .pendingReboot(let release):
            try rollBack(release, .cancelled)
        case .idle, .trialBoot:
            throw FieldUpdateError(.invalidPhase)
        }
    }
}

/// An agent is a value: it can move to another task or thread when its store, storage and applier can.
extension UpdateAgent: Sendable where Store: Sendable, Storage: Sendable, Applier: Sendable {}
