/// Which payload a device downloads for a release.
///
/// ```swift
/// if case .patch(let base) = choice { print("patch from \(base)") }
/// ```
public enum PayloadChoice: Hashable, Sendable {
    /// The full image, written straight into the inactive slot.
    case fullImage
    /// The patch from `base` (the running version), downloaded into staging then applied.
    case patch(from: FirmwareVersion)
}

/// A release in progress on a device: its verified manifest and the payload chosen.
///
/// ```swift
/// if let release = record.phase.release { print(release.manifest.version) }
/// ```
public struct PendingRelease: Hashable, Sendable {
    /// The verified manifest (its canonical bytes are persisted with the record).
    public var verified: VerifiedManifest
    /// The payload being downloaded or applied.
    public var payload: PayloadChoice

    /// The manifest.
    public var manifest: UpdateManifest { verified.manifest }

    /// The descriptor of the chosen payload.
    public var payloadDescriptor: PayloadDescriptor {
        switch payload {
        case .fullImage: return manifest.image
        case .patch(let base): return manifest.patch(from: base)?.payload ?? manifest.image
        }
    }

    /// Where the chosen payload is downloaded.
    internal func downloadArea(target: Slot) -> StorageArea {
        switch payload {
        case .fullImage: .slot(target)
        case .patch: .staging
        }
    }
}

/// Where a device is in the update cycle. Each value is persisted before the device acts on it.
///
/// ```swift
/// switch agent.record.phase {
/// case .downloading(_, let next): print("resume at chunk \(next)")
/// default: break
/// }
/// ```
public enum UpdatePhase: Hashable, Sendable {
    /// No update in progress.
    case idle
    /// Downloading; chunks before `nextChunk` are written and verified.
    case downloading(PendingRelease, nextChunk: Int)
    /// The payload is complete; the image is being built (patch) and verified in the inactive slot.
    case applying(PendingRelease)
    /// The inactive slot holds the verified release; the next boot tries it.
    case pendingReboot(PendingRelease)
    /// The release is on trial in the inactive slot; `attempts` boots have started it so far.
    case trialBoot(PendingRelease, attempts: UInt8)

    /// The release in progress, if any.
    public var release: PendingRelease? {
        switch self {
        case .idle: nil
        case .downloading(let r, _), .applying(let r), .pendingReboot(let r), .trialBoot(let r, _): r
        }
    }
}

/// Why a release did not end up confirmed on a device.
///
/// ```swift
/// if case .rolledBack(_, .healthCheckFailed) = record.lastOutcome { report() }
/// ```
public enum RollbackReason: UInt8, Hashable, Sendable {
    /// The new image reported a failed health check.
    case healthCheckFailed = 1
    /// The new image did not confirm itself within the allowed boot attempts.
    case tooManyBootAttempts = 2
    /// The installed image did not match the manifest's size or SHA-256.
    case imageVerificationFailed = 3
    /// The new image's security counter is below the anti-rollback floor.
    case antiRollback = 4
    /// The product cancelled the update.
    case cancelled = 5
}

/// How the last update attempt on a device ended.
///
/// ```swift
/// if case .confirmed(let v) = record.lastOutcome { print("running \(v)") }
/// ```
public enum UpdateOutcome: Hashable, Sendable {
    /// No update has finished yet.
    case none
    /// The release was confirmed healthy and is now the active image.
    case confirmed(FirmwareVersion)
    /// The release was abandoned or rolled back; the previous image is active.
    case rolledBack(FirmwareVersion, RollbackReason)
}
