/// Persists the ``UpdateRecord`` atomically: after a power cut, ``load()`` returns either the
/// record before the interrupted ``commit(_:)`` or the one it was writing, never a mix.
///
/// ``DualBankRecordStore`` provides this over any two erasable banks; a product with a
/// transactional key-value store can implement the protocol directly.
///
/// ```swift
/// var store = DualBankRecordStore(medium: boardRecordSectors)
/// let record = try store.load()
/// ```
public protocol UpdateRecordStore {
    /// Loads the last committed record.
    ///
    /// - Returns: The record, or `nil` if none was ever committed.
    /// - Throws: ``FieldUpdateError/Code/corruptRecord`` if nothing valid can be read but
    ///   something was written.
    mutating func load() throws(FieldUpdateError) -> UpdateRecord?

    /// Replaces the record atomically.
    ///
    /// - Parameter record: The new record.
    /// - Throws: ``FieldUpdateError/Code/storageFailure`` if the write failed (the previous record
    ///   then stays in force).
    mutating func commit(_ record: UpdateRecord) throws(FieldUpdateError)
}

/// Two banks of raw, non-atomic storage (two flash sectors, two EEPROM pages, two files).
///
/// ```swift
/// struct TwoSectors: RecordMedium { ... }
/// ```
public protocol RecordMedium {
    /// The capacity of each bank in bytes.
    var bankCapacity: Int { get }

    /// Reads a bank's bytes (its full capacity or what was last written).
    ///
    /// - Parameter bank: `0` or `1`.
    /// - Returns: The bytes.
    func readBank(_ bank: Int) -> [UInt8]

    /// Erases a bank and writes bytes to it; may be torn by a power cut.
    ///
    /// - Parameters:
    ///   - bank: `0` or `1`.
    ///   - bytes: The bytes to write (at most ``bankCapacity``).
    /// - Throws: ``FieldUpdateError/Code/storageFailure`` if the write fails.
    mutating func writeBank(_ bank: Int, _ bytes: [UInt8]) throws(FieldUpdateError)
}
