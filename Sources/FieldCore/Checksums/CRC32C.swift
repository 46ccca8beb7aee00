/// CRC-32C (Castagnoli, polynomial 0x1EDC6F41, reflected), as used by iSCSI, ext4 and many logs.
///
/// A software implementation using slicing-by-8 tables: no special instructions are needed, so it
/// runs the same on a Cortex-M and a server. Compute it in one call or feed data incrementally.
///
/// ```swift
/// let crc = CRC32C.checksum(Array("123456789".utf8))   // 0xE3069283
///
/// var running = CRC32C()
/// running.update(part1)
/// running.update(part2)
/// let same = running.value
/// ```
public struct CRC32C: Hashable, Sendable {
    @usableFromInline
    internal var state: UInt32 = 0xFFFF_FFFF

    /// Creates a checksum over no bytes.
    @inlinable
    public init() {}

    /// The checksum of every byte fed so far.
    @inlinable
    public var value: UInt32 { state ^ 0xFFFF_FFFF }

    /// Feeds bytes into the checksum.
    ///
    /// - Parameter bytes: The next bytes of the data. Complexity: O(n).
    @inlinable
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        state = CRCTables.castagnoli.update(state, bytes)
    }

    /// Feeds the bytes of a contiguous collection into the checksum.
    ///
    /// - Parameter bytes: The next bytes of the data. Complexity: O(n).
    @inlinable
    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            update(UnsafeRawBufferPointer(buffer))
        }
        if done == nil {
            let copy = Array(bytes)
            copy.withUnsafeBytes { update($0) }
        }
    }

    /// Computes the CRC-32C of a sequence of bytes in one call.
    ///
    /// - Parameter bytes: The data.
    /// - Returns: The 32-bit checksum.
    @inlinable
    public static func checksum<Bytes: Sequence>(_ bytes: Bytes) -> UInt32 where Bytes.Element == UInt8 {
        var crc = CRC32C()
        crc.update(bytes)
        return crc.value
    }
}

/// CRC-32 (IEEE 802.3, polynomial 0x04C11DB7, reflected), as used by zlib, PNG and Ethernet.
///
/// The same slicing-by-8 software implementation as ``CRC32C``, with the IEEE polynomial.
///
/// ```swift
/// let crc = CRC32.checksum(Array("123456789".utf8))   // 0xCBF43926
/// ```
public struct CRC32: Hashable, Sendable {
    @usableFromInline
    internal var state: UInt32 = 0xFFFF_FFFF

    /// Creates a checksum over no bytes.
    @inlinable
    public init() {}

    /// The checksum of every byte fed so far.
    @inlinable
    public var value: UInt32 { state ^ 0xFFFF_FFFF }

    /// Feeds bytes into the checksum.
    ///
    /// - Parameter bytes: The next bytes of the data. Complexity: O(n).
    @inlinable
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        state = CRCTables.ieee.update(state, bytes)
    }

    /// Feeds the bytes of a collection into the checksum.
    ///
    /// - Parameter bytes: The next bytes of the data. Complexity: O(n).
    @inlinable
    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        let done: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            update(UnsafeRawBufferPointer(buffer))
        }
        if done == nil {
            let copy = Array(bytes)
            copy.withUnsafeBytes { update($0) }
        }
    }

    /// Computes the CRC-32 of a sequence of bytes in one call.
    ///
    /// - Parameter bytes: The data.
    /// - Returns: The 32-bit checksum.
    @inlinable
    public static func checksum<Bytes: Sequence>(_ bytes: Bytes) -> UInt32 where Bytes.Element == UInt8 {
        var crc = CRC32()
        crc.update(bytes)
        return crc.value
    }
}
