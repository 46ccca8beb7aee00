import FieldCore

/// An ``UpdateRecordStore`` made atomic over two non-atomic banks.
///
/// Each commit writes the whole record, with a sequence number and a CRC-32C, into the bank that
/// does not hold the newest valid record. ``load()`` reads both banks and keeps the valid frame
/// with the highest sequence number. A torn write fails its checksum and the other bank, which
/// still holds the previous record, wins: a commit is all or nothing.
///
/// Frame: `FKUR` | sequence (8 bytes, little endian) | length (4 bytes, LE) | record | CRC-32C of
/// everything before (4 bytes, LE).
///
/// ```swift
/// var store = DualBankRecordStore(medium: MemoryRecordMedium(bankCapacity: 4096))
/// try store.commit(UpdateRecord(factoryImage: factory, in: .a))
/// ```
public struct DualBankRecordStore<Medium: RecordMedium>: UpdateRecordStore {
    /// The two banks.
    public var medium: Medium
    private var newestBank: Int = 1
    private var newestSequence: UInt64 = 0
    private var loaded = false

    internal static var magic: [UInt8] { [0x46, 0x4B, 0x55, 0x52] }

    /// Creates a store over two banks.
    ///
    /// - Parameter medium: The banks.
    public init(medium: Medium) { self.medium = medium }

    /// Loads the newest valid record.
    ///
    /// - Returns: The record, or `nil` if neither bank holds a valid frame and both are blank.
    /// - Throws: ``FieldUpdateError/Code/corruptRecord`` if a bank holds data but no valid frame
    ///   exists.
    /// - Complexity: O(n) in the bank size.
    public mutating func load() throws(FieldUpdateError) -> UpdateRecord? {
        var best: (bank: Int, sequence: UInt64, record: UpdateRecord)?
        var sawData = false
        for bank in 0..<2 {
            let bytes = medium.readBank(bank)
            if bytes.contains(where: { $0 != 0xFF && $0 != 0 }) { sawData = true }
            guard let (sequence, payload) = DualBankRecordStore.unframe(bytes) else { continue }
            do throws(FieldUpdateError) {
                let record = try UpdateRecord(binary: payload)
                if best == nil || sequence > best!.sequence { best = (bank, sequence, record) }
            } catch {
                continue
            }
        }
        loaded = true
        guard let best else {
            if sawData { throw FieldUpdateError(.corruptRecord) }
            newestBank = 1
            newestSequence = 0
            return nil
        }
        newestBank = best.bank
        newestSequence = best.sequence
        return best.record
    }

    /// Writes the record into the older bank.
    ///
    /// - Parameter record: The new record.
    /// - Throws: ``FieldUpdateError/Code/doesNotFit`` if the frame exceeds a bank;
    ///   ``FieldUpdateError/Code/storageFailure`` from the medium.
    /// - Complexity: O(n) in the record size.
    public mutating func commit(_ record: UpdateRecord) throws(FieldUpdateError) {
        if !loaded { _ = try? load() }
        let payload = record.binaryEncoded()
        var frame = DualBankRecordStore.magic
        let sequence = newestSequence &+ 1
        frame.appendLittleEndian(sequence)
        frame.appendLittleEndian(UInt32(payload.count))
        frame.append(contentsOf: payload)
        frame.appendLittleEndian(CRC32C.checksum(frame))
        guard frame.count <= medium.bankCapacity else { throw FieldUpdateError(.doesNotFit) }
        let bank = 1 - newestBank
        try medium.writeBank(bank, frame)
        newestBank = bank
        newestSequence = sequence
    }

    /// Parses a frame; `nil` if it is absent, torn or corrupt.
    internal static func unframe(_ bytes: [UInt8]) -> (UInt64, [UInt8])? {
        guard bytes.count >= 20, Array(bytes[0..<4]) == magic else { return nil }
        let sequence = bytes.loadLittleEndian(UInt64.self, at: 4)
        let length = Int(bytes.loadLittleEndian(UInt32.self, at: 12))
        guard length <= bytes.count - 20 else { return nil }
        let end = 16 + length
        guard CRC32C.checksum(bytes[0..<end]) == bytes.loadLittleEndian(UInt32.self, at: end) else { return nil }
        return (sequence, Array(bytes[16..<end]))
    }
}

extension [UInt8] {
    internal mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        var v = value
        for _ in 0..<(T.bitWidth / 8) {
            append(UInt8(truncatingIfNeeded: v))
            v >>= 8
        }
    }

    internal func loadLittleEndian<T: FixedWidthInteger>(_: T.Type, at offset: Int) -> T {
        var value: T = 0
        for i in 0..<(T.bitWidth / 8) { value |= T(self[offset + i]) << (8 * i) }
        return value
    }
}

/// A record store is a value: it can move to another task or thread when its medium can.
extension DualBankRecordStore: Sendable where Medium: Sendable {}
