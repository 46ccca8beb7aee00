/// The flash an update writes: two firmware slots and a staging area, injected into the agent.
///
/// Writes need not be atomic: the agent only writes the slot it is not running (and staging), and
/// records progress in the ``UpdateRecordStore`` afterwards, so a torn write is simply redone.
/// Implementations map areas onto partitions, an external SPI flash, or files.
///
/// ```swift
/// struct BoardFlash: UpdateStorage { ... }
/// var agent = UpdateAgent(store: store, storage: BoardFlash(), configuration: config)
/// ```
public protocol UpdateStorage {
    /// The size of an area in bytes.
    ///
    /// - Parameter area: The area.
    /// - Returns: Its capacity; `0` if the device has no such area.
    func capacity(of area: StorageArea) -> Int

    /// Writes bytes into an area.
    ///
    /// - Parameters:
    ///   - bytes: The bytes to write.
    ///   - area: The area.
    ///   - offset: The byte offset within the area; `offset + bytes.count <= capacity(of: area)`.
    /// - Throws: ``FieldUpdateError/Code/storageFailure`` if the write fails.
    mutating func write(_ bytes: [UInt8], to area: StorageArea, at offset: Int) throws(FieldUpdateError)

    /// Reads bytes from an area.
    ///
    /// - Parameters:
    ///   - area: The area.
    ///   - offset: The byte offset within the area.
    ///   - count: How many bytes to read; `offset + count <= capacity(of: area)`.
    /// - Returns: The bytes.
    /// - Throws: ``FieldUpdateError/Code/storageFailure`` if the read fails.
    func read(_ area: StorageArea, at offset: Int, count: Int) throws(FieldUpdateError) -> [UInt8]
}

/// Turns a downloaded patch into a full image in the inactive slot (for example FieldDelta's
/// streaming apply), used by ``UpdateAgent`` through generics.
///
/// The applier reads the patch from ``StorageArea/staging`` and the base image from the running
/// slot, and writes the new image from offset 0 of the target slot. It must only write the target
/// slot and the staging area beyond the patch (for progress records): the agent calls it again
/// after a power cut, and it may start over or resume from what it saved; the agent then checks
/// the result's SHA-256.
///
/// ```swift
/// struct MyDeltaApplier: UpdatePatchApplier {
///     var supportsPatches: Bool { true }
///     mutating func apply<S: UpdateStorage>(patchSize: Int, base: Slot, baseSize: Int, into target: Slot,
///                                           storage: inout S) throws(FieldUpdateError) -> Int { ... }
/// }
/// ```
public protocol UpdatePatchApplier {
    /// Whether the agent may choose patches; `false` makes it always download full images.
    var supportsPatches: Bool { get }

    /// Applies the patch in staging to the base slot, writing the target slot.
    ///
    /// - Parameters:
    ///   - patchSize: The patch size in bytes, at offset 0 of ``StorageArea/staging``.
    ///   - base: The slot holding the base image (the running one).
    ///   - baseSize: The base image size in bytes.
    ///   - target: The slot to write.
    ///   - storage: The device storage.
    /// - Returns: The size in bytes of the image written.
    /// - Throws: ``FieldUpdateError`` (``FieldUpdateError/Code/patchFailed`` for a bad patch).
    mutating func apply<Storage: UpdateStorage>(
        patchSize: Int, base: Slot, baseSize: Int, into target: Slot, storage: inout Storage
    ) throws(FieldUpdateError) -> Int
}

/// The applier for devices that only take full images.
///
/// ```swift
/// var agent = UpdateAgent(store: store, storage: flash, applier: FullImageOnly(), configuration: config)
/// ```
public struct FullImageOnly: UpdatePatchApplier, Sendable {
    /// Creates the applier.
    public init() {}

    /// Always `false`: the agent downloads full images.
    public var supportsPatches: Bool { false }

    /// Never called by the agent; throws if called.
    ///
    /// - Parameters:
    ///   - patchSize: Ignored.
    ///   - base: Ignored.
    ///   - baseSize: Ignored.
    ///   - target: Ignored.
    ///   - storage: Ignored.
    /// - Returns: Never returns.
    /// - Throws: ``FieldUpdateError/Code/patchFailed`` always.
    public mutating func apply<Storage: UpdateStorage>(
        patchSize: Int, base: Slot, baseSize: Int, into target: Slot, storage: inout Storage
    ) throws(FieldUpdateError) -> Int {
        throw FieldUpdateError(.patchFailed("patches not supported"))
    }
}
