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
public typealias CRC32C = CRC32Checksum<Castagnoli>

/// CRC-32 (IEEE 802.3, polynomial 0x04C11DB7, reflected), as used by zlib, PNG and Ethernet.
///
/// The same slicing-by-8 software implementation as ``CRC32C``, with the IEEE polynomial.
///
/// ```swift
/// let crc = CRC32.checksum(Array("123456789".utf8))   // 0xCBF43926
/// ```
public typealias CRC32 = CRC32Checksum<IEEE8023>

/// A reflected 32-bit CRC polynomial that ``CRC32Checksum`` can use.
public protocol CRC32Polynomial {
    /// The polynomial in reflected (LSB-first) form, e.g. 0x82F63B78 for Castagnoli.
    static var reflectedPolynomial: UInt32 { get }
}

/// The Castagnoli polynomial 0x1EDC6F41 (CRC-32C).
public enum Castagnoli: CRC32Polynomial {
    /// 0x82F63B78, the reflected form of 0x1EDC6F41.
    public static var reflectedPolynomial: UInt32 { 0x82F6_3B78 }
}

/// The IEEE 802.3 polynomial 0x04C11DB7 (CRC-32 of zlib, PNG, Ethernet).
public enum IEEE8023: CRC32Polynomial {
    /// 0xEDB88320, the reflected form of 0x04C11DB7.
    public static var reflectedPolynomial: UInt32 { 0xEDB8_8320 }
}

/// A running 32-bit CRC (initial value and final XOR 0xFFFFFFFF, reflected), generic over its
/// polynomial; use it through ``CRC32C`` or ``CRC32``.
public struct CRC32Checksum<Polynomial: CRC32Polynomial>: Hashable, Sendable {
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
        state = CRCTables.tables(for: Polynomial.reflectedPolynomial).update(state, bytes)
    }

    /// Feeds the bytes of a sequence into the checksum.
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

    /// Computes the checksum of a sequence of bytes in one call.
    ///
    /// - Parameter bytes: The data.
    /// - Returns: The 32-bit checksum.
    @inlinable
    public static func checksum<Bytes: Sequence>(_ bytes: Bytes) -> UInt32 where Bytes.Element == UInt8 {
        var crc = Self()
        crc.update(bytes)
        return crc.value
    }
}
