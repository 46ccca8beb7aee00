/// What a release is and how to install it: the contract between the publisher and the device.
///
/// A manifest names the release (``version``, ``securityCounter``), the hardware it is for, the
/// full image (size, SHA-256, per-chunk SHA-256), patches from named earlier versions, and the
/// preconditions under which a device may install it. It has a compact binary encoding
/// (``init(binary:)``, ``binaryEncoded()``) and a JSON one (``init(json:)``, ``jsonEncoded()``).
/// A device never acts on a bare manifest: it acts on a ``VerifiedManifest``, which only
/// ``SignedManifest/verified(by:)`` creates.
///
/// ```swift
/// let manifest = UpdateManifest(
///     version: FirmwareVersion(major: 1, minor: 4, patch: 0), securityCounter: 7,
///     hardwareTarget: "meter-r3",
///     image: PayloadDescriptor(describing: image, chunkSize: 4096))
/// let bytes = try manifest.binaryEncoded()
/// ```
public struct UpdateManifest: Hashable, Sendable {
    /// The largest payload (image or patch) a manifest may describe: 4 GiB.
    public static let maximumPayloadSize: UInt64 = 1 << 32
    /// The smallest chunk size: 64 bytes.
    public static let minimumChunkSize: UInt32 = 64
    /// The largest chunk size: 1 MiB.
    public static let maximumChunkSize: UInt32 = 1 << 20
    /// The most patches one manifest may carry.
    public static let maximumPatchCount = 16
    /// The longest hardware target name, in UTF-8 bytes.
    public static let maximumHardwareTargetLength = 64

    /// The release's version.
    public var version: FirmwareVersion
    /// The anti-rollback counter: a device refuses a release whose counter is below the highest
    /// counter it has confirmed (unless its policy allows downgrades).
    public var securityCounter: UInt32
    /// The hardware target (board and revision) the image is built for, for example `"meter-r3"`.
    public var hardwareTarget: String
    /// The full image.
    public var image: PayloadDescriptor
    /// Patches from named earlier versions to this release.
    public var patches: [DeltaPatch]
    /// What must hold on a device before it installs the release.
    public var preconditions: UpdatePreconditions

    /// Creates a manifest. ``validate()`` checks its rules; the encoders call it.
    ///
    /// - Parameters:
    ///   - version: The release's version.
    ///   - securityCounter: The anti-rollback counter.
    ///   - hardwareTarget: The hardware target name.
    ///   - image: The full image description.
    ///   - patches: Patches from earlier versions.
    ///   - preconditions: The preconditions.
    public init(
        version: FirmwareVersion,
        securityCounter: UInt32,
        hardwareTarget: String,
        image: PayloadDescriptor,
        patches: [DeltaPatch] = [],
        preconditions: UpdatePreconditions = UpdatePreconditions()
    ) {
        self.version = version
        self.securityCounter = securityCounter
        self.hardwareTarget = hardwareTarget
        self.image = image
        self.patches = patches
        self.preconditions = preconditions
    }

    /// Checks every rule of the format: sizes, chunk tables, names and counts.
    ///
    /// - Throws: ``FieldUpdateError`` naming the first rule broken.
    /// - Complexity: O(p + h) for p patches and a hardware name of h bytes.
    public func validate() throws(FieldUpdateError) {
        let nameLength = hardwareTarget.utf8.count
        guard nameLength >= 1, nameLength <= UpdateManifest.maximumHardwareTargetLength else {
            throw FieldUpdateError(.valueOutOfRange("hardware"))
        }
        for byte in hardwareTarget.utf8 where byte < 0x21 || byte > 0x7E {
            throw FieldUpdateError(.malformedField("hardware"))
        }
        try image.validate(field: "image")
        guard patches.count <= UpdateManifest.maximumPatchCount else {
            throw FieldUpdateError(.valueOutOfRange("patches"))
        }
        for (i, patch) in patches.enumerated() {
            try patch.payload.validate(field: "patch")
            guard patch.baseVersion != version else { throw FieldUpdateError(.malformedField("patch.from")) }
            for other in patches[..<i] where other.baseVersion == patch.baseVersion {
                throw FieldUpdateError(.duplicateField("patch.from"))
            }
        }
        guard preconditions.minimumBatteryPercent <= 100 else {
            throw FieldUpdateError(.valueOutOfRange("preconditions.min_battery_percent"))
        }
        guard preconditions.allowedConnectivity.rawValue & ~ConnectivitySet.definedMask == 0 else {
            throw FieldUpdateError(.valueOutOfRange("preconditions.connectivity"))
        }
    }

    /// The patch whose base is `version`, if the manifest has one.
    ///
    /// - Parameter version: The version the device runs.
    /// - Returns: The patch, or `nil`.
    /// - Complexity: O(p) for p patches.
    public func patch(from version: FirmwareVersion) -> DeltaPatch? {
        for patch in patches where patch.baseVersion == version { return patch }
        return nil
    }
}
