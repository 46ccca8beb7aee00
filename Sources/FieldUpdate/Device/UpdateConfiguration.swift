/// A product's update policy on the device.
///
/// ```swift
/// let config = UpdateConfiguration(hardwareTarget: "meter-r3", maximumBootAttempts: 3)
/// ```
public struct UpdateConfiguration: Hashable, Sendable {
    /// The hardware target this device is; manifests for any other are refused.
    public var hardwareTarget: String
    /// How many times a trial image may be started without confirming itself before the device
    /// rolls back (at least 1).
    public var maximumBootAttempts: UInt8
    /// Whether a release with a lower security counter may be installed, and confirming it lowers
    /// the floor. `false` (the default) makes the anti-rollback floor monotonic.
    public var allowsDowngrade: Bool
    /// The read size used to hash a slot when verifying an installed image.
    public var verificationReadSize: Int

    /// Creates a policy.
    ///
    /// - Parameters:
    ///   - hardwareTarget: This device's hardware target.
    ///   - maximumBootAttempts: Trial boots allowed before rolling back (clamped to at least 1).
    ///   - allowsDowngrade: Whether anti-rollback may be relaxed.
    ///   - verificationReadSize: Bytes read at a time when hashing a slot.
    public init(
        hardwareTarget: String, maximumBootAttempts: UInt8 = 3, allowsDowngrade: Bool = false,
        verificationReadSize: Int = 4096
    ) {
        self.hardwareTarget = hardwareTarget
        self.maximumBootAttempts = max(1, maximumBootAttempts)
        self.allowsDowngrade = allowsDowngrade
        self.verificationReadSize = max(64, verificationReadSize)
    }
}

/// Which slot the bootloader starts, and whether it is a trial.
///
/// ```swift
/// let decision = try agent.boot()
/// jump(to: decision.slot)
/// ```
public struct BootDecision: Hashable, Sendable {
    /// The slot to start.
    public var slot: Slot
    /// Whether the image is on trial and must call ``UpdateAgent/confirm(healthy:)``.
    public var isTrial: Bool
    /// The version in the slot.
    public var version: FirmwareVersion

    /// Creates a decision.
    ///
    /// - Parameters:
    ///   - slot: The slot to start.
    ///   - isTrial: Whether it is a trial boot.
    ///   - version: The version in the slot.
    public init(slot: Slot, isTrial: Bool, version: FirmwareVersion) {
        self.slot = slot
        self.isTrial = isTrial
        self.version = version
    }
}

/// The next chunk a downloading device needs.
///
/// ```swift
/// if let request = agent.nextChunk {
///     let bytes = try await fetch(url, range: request.offset..<request.offset + request.count)
///     try agent.receiveChunk(bytes, index: request.index)
/// }
/// ```
public struct ChunkRequest: Hashable, Sendable {
    /// The chunk index.
    public var index: Int
    /// The offset of the chunk in the payload.
    public var offset: Int
    /// The chunk length in bytes.
    public var count: Int
    /// The payload being downloaded.
    public var payload: PayloadChoice

    /// Creates a request.
    ///
    /// - Parameters:
    ///   - index: The chunk index.
    ///   - offset: The chunk offset in the payload.
    ///   - count: The chunk length.
    ///   - payload: The payload.
    public init(index: Int, offset: Int, count: Int, payload: PayloadChoice) {
        self.index = index
        self.offset = offset
        self.count = count
        self.payload = payload
    }
}
