/// Everything a device must remember about updates across reboots and power cuts.
///
/// The record is small, and the ``UpdateAgent`` replaces it atomically through an
/// ``UpdateRecordStore`` before every action that depends on it. A power cut therefore leaves
/// either the old record or the new one, and both name a bootable slot.
///
/// ```swift
/// let record = UpdateRecord(factoryImage: InstalledImage(...), in: .a)
/// try store.commit(record)
/// ```
public struct UpdateRecord: Hashable, Sendable {
    /// The slot holding the confirmed image: the one the device falls back to.
    public var activeSlot: Slot
    /// What slot A holds, if verified.
    public var slotA: InstalledImage?
    /// What slot B holds, if verified.
    public var slotB: InstalledImage?
    /// The anti-rollback floor: the highest security counter confirmed (it only goes down if the
    /// configuration allows downgrades).
    public var securityFloor: UInt32
    /// The update in progress.
    public var phase: UpdatePhase
    /// The last release rolled back on this device, refused if offered again.
    public var rejectedRelease: FirmwareVersion?
    /// How the last update attempt ended.
    public var lastOutcome: UpdateOutcome

    /// Creates the record of a freshly provisioned device.
    ///
    /// - Parameters:
    ///   - factoryImage: The verified image flashed at the factory.
    ///   - slot: The slot holding it.
    public init(factoryImage: InstalledImage, in slot: Slot) {
        activeSlot = slot
        slotA = slot == .a ? factoryImage : nil
        slotB = slot == .b ? factoryImage : nil
        securityFloor = factoryImage.securityCounter
        phase = .idle
        rejectedRelease = nil
        lastOutcome = .none
    }

    /// What a slot holds, if verified.
    ///
    /// - Parameter slot: The slot.
    /// - Returns: The image description, or `nil`.
    public func image(in slot: Slot) -> InstalledImage? { slot == .a ? slotA : slotB }

    /// Sets what a slot holds.
    ///
    /// - Parameters:
    ///   - image: The image, or `nil` once the slot is being overwritten.
    ///   - slot: The slot.
    public mutating func setImage(_ image: InstalledImage?, in slot: Slot) {
        if slot == .a { slotA = image } else { slotB = image }
    }

    /// The confirmed image.
    public var activeImage: InstalledImage? { image(in: activeSlot) }
}
