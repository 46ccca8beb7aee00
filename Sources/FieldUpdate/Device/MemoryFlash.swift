/// Decides when simulated power fails: after a given number of writes, tearing the write it cuts.
///
/// Shared (by reference) between a ``MemoryFlash`` and a ``MemoryRecordMedium`` so one counter
/// spans both, which lets a test cut power at every single write of an update.
///
/// ```swift
/// let power = PowerCutInjector(cutAtWrite: 17)
/// var flash = MemoryFlash(slotCapacity: 4096, stagingCapacity: 0, power: power)
/// ```
public final class PowerCutInjector {
    /// Writes performed so far (including the one cut).
    public private(set) var writes = 0
    /// The 1-based write at which power fails, or `nil` for never.
    public var cutAtWrite: Int?
    /// Whether power has failed; every later write fails too until ``restore()``.
    public private(set) var isCut = false

    /// Creates an injector.
    ///
    /// - Parameter cutAtWrite: The 1-based write at which power fails, or `nil` for never.
    public init(cutAtWrite: Int? = nil) { self.cutAtWrite = cutAtWrite }

    /// Restores power (the next boot) without arming another cut.
    public func restore() {
        isCut = false
        cutAtWrite = nil
    }

    /// Counts a write; returns how many of `count` bytes reach the medium (all, a torn prefix, or
    /// none) and whether power failed.
    internal func admit(_ count: Int) -> (written: Int, failed: Bool) {
        if isCut { return (0, true) }
        writes += 1
        if let cut = cutAtWrite, writes >= cut {
            isCut = true
            return (count / 2, true)
        }
        return (count, false)
    }
}

/// Two firmware slots and a staging area in RAM: for tests, simulations and host tools.
///
/// ```swift
/// var flash = MemoryFlash(slotCapacity: 64 * 1024, stagingCapacity: 16 * 1024)
/// try flash.write(image, to: .slot(.a), at: 0)
/// ```
public struct MemoryFlash: UpdateStorage {
    /// Slot A's bytes.
    public var slotA: [UInt8]
    /// Slot B's bytes.
    public var slotB: [UInt8]
    /// The staging area's bytes.
    public var staging: [UInt8]
    /// The power-cut schedule shared with other simulated media, if any.
    public var power: PowerCutInjector?

    /// Creates erased (0xFF) storage.
    ///
    /// - Parameters:
    ///   - slotCapacity: The size of each slot in bytes.
    ///   - stagingCapacity: The size of the staging area in bytes.
    ///   - power: A power-cut schedule, or `nil`.
    public init(slotCapacity: Int, stagingCapacity: Int, power: PowerCutInjector? = nil) {
        slotA = [UInt8](repeating: 0xFF, count: slotCapacity)
        slotB = slotA
        staging = [UInt8](repeating: 0xFF, count: stagingCapacity)
        self.power = power
    }

    /// The size of an area.
    ///
    /// - Parameter area: The area.
    /// - Returns: Its capacity in bytes.
    public func capacity(of area: StorageArea) -> Int {
        switch area {
        case .slot(.a): slotA.count
        case .slot(.b): slotB.count
        case .staging: staging.count
        }
    }

    /// Writes bytes; a power cut writes only a prefix and throws.
    ///
    /// - Parameters:
    ///   - bytes: The bytes.
    ///   - area: The area.
    ///   - offset: The offset within the area.
    /// - Throws: ``FieldUpdateError/Code/doesNotFit`` out of bounds, ``FieldUpdateError/Code/storageFailure`` on a power cut.
    /// - Complexity: O(n) in the bytes written.
    public mutating func write(_ bytes: [UInt8], to area: StorageArea, at offset: Int) throws(FieldUpdateError) {
        guard offset >= 0, bytes.count <= capacity(of: area) - offset else { throw FieldUpdateError(.doesNotFit) }
        let (count, failed) = power?.admit(bytes.count) ?? (bytes.count, false)
        switch area {
        case .slot(.a): slotA.replaceSubrange(offset..<offset + count, with: bytes[0..<count])
        case .slot(.b): slotB.replaceSubrange(offset..<offset + count, with: bytes[0..<count])
        case .staging: staging.replaceSubrange(offset..<offset + count, with: bytes[0..<count])
        }
        if failed { throw FieldUpdateError(.storageFailure) }
    }

    /// Reads bytes.
    ///
    /// - Parameters:
    ///   - area: The area.
    ///   - offset: The offset within the area.
    ///   - count: How many bytes.
    /// - Returns: The bytes.
    /// - Throws: ``FieldUpdateError/Code/doesNotFit`` out of bounds.
    /// - Complexity: O(n) in the bytes read.
    public func read(_ area: StorageArea, at offset: Int, count: Int) throws(FieldUpdateError) -> [UInt8] {
        guard offset >= 0, count >= 0, count <= capacity(of: area) - offset else { throw FieldUpdateError(.doesNotFit) }
        switch area {
        case .slot(.a): return Array(slotA[offset..<offset + count])
        case .slot(.b): return Array(slotB[offset..<offset + count])
        case .staging: return Array(staging[offset..<offset + count])
        }
    }
}

/// Two record banks in RAM, torn by a ``PowerCutInjector`` like real flash.
///
/// ```swift
/// var store = DualBankRecordStore(medium: MemoryRecordMedium(bankCapacity: 4096))
/// ```
public struct MemoryRecordMedium: RecordMedium {
    /// The banks' bytes.
    public var banks: [[UInt8]]
    /// The capacity of each bank.
    public let bankCapacity: Int
    /// The power-cut schedule shared with other simulated media, if any.
    public var power: PowerCutInjector?

    /// Creates two blank banks.
    ///
    /// - Parameters:
    ///   - bankCapacity: The capacity of each bank in bytes.
    ///   - power: A power-cut schedule, or `nil`.
    public init(bankCapacity: Int, power: PowerCutInjector? = nil) {
        self.bankCapacity = bankCapacity
        banks = [[], []]
        self.power = power
    }

    /// Reads a bank.
    ///
    /// - Parameter bank: `0` or `1`.
    /// - Returns: Its bytes.
    public func readBank(_ bank: Int) -> [UInt8] { banks[bank] }

    /// Erases and writes a bank; a power cut leaves a torn prefix and throws.
    ///
    /// - Parameters:
    ///   - bank: `0` or `1`.
    ///   - bytes: The bytes.
    /// - Throws: ``FieldUpdateError/Code/storageFailure`` on a power cut.
    /// - Complexity: O(n) in the bytes written.
    public mutating func writeBank(_ bank: Int, _ bytes: [UInt8]) throws(FieldUpdateError) {
        guard bytes.count <= bankCapacity else { throw FieldUpdateError(.doesNotFit) }
        let (count, failed) = power?.admit(bytes.count) ?? (bytes.count, false)
        banks[bank] = Array(bytes[0..<count])
        if failed { throw FieldUpdateError(.storageFailure) }
    }
}
