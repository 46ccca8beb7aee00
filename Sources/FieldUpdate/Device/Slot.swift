public import FieldCore

/// One of the two firmware slots of an A/B device.
///
/// One slot holds the confirmed image the device runs; the other receives the next release, so a
/// failed or interrupted update never touches the image the device can fall back to.
///
/// ```swift
/// let target = record.activeSlot.other
/// ```
public enum Slot: UInt8, Hashable, Sendable, CaseIterable {
    /// Slot A.
    case a = 0
    /// Slot B.
    case b = 1

    /// The other slot.
    public var other: Slot { self == .a ? .b : .a }
}

/// A region of update storage: a firmware slot, or the staging area that holds a downloaded patch.
///
/// ```swift
/// try storage.write(chunk, to: .slot(.b), at: offset)
/// ```
public enum StorageArea: Hashable, Sendable {
    /// A firmware slot.
    case slot(Slot)
    /// The area a patch is downloaded into before it is applied (devices without patches may give
    /// it zero capacity).
    case staging
}

/// What a slot holds, recorded once its bytes were verified against a manifest.
///
/// ```swift
/// let factory = InstalledImage(version: v1, securityCounter: 1, size: UInt64(image.count),
///                              digest: SHA256.hash(image))
/// ```
public struct InstalledImage: Hashable, Sendable {
    /// The image's version.
    public var version: FirmwareVersion
    /// The image's anti-rollback counter.
    public var securityCounter: UInt32
    /// The image size in bytes.
    public var size: UInt64
    /// The image's SHA-256.
    public var digest: SHA256Digest

    /// Describes a verified image.
    ///
    /// - Parameters:
    ///   - version: The image's version.
    ///   - securityCounter: The image's anti-rollback counter.
    ///   - size: The image size in bytes.
    ///   - digest: The image's SHA-256.
    public init(version: FirmwareVersion, securityCounter: UInt32, size: UInt64, digest: SHA256Digest) {
        self.version = version
        self.securityCounter = securityCounter
        self.size = size
        self.digest = digest
    }
}
