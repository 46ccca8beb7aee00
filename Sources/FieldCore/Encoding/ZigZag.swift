/// ZigZag mapping between signed and unsigned integers, so small negative numbers get short
/// variable-length encodings (0 → 0, -1 → 1, 1 → 2, -2 → 3, ...).
///
/// ```swift
/// ZigZag.encode(-3 as Int64)   // 5
/// ZigZag.decode(5 as UInt64)   // -3
/// ```
public enum ZigZag {
    /// Maps a signed 64-bit integer to an unsigned one.
    ///
    /// - Parameter value: The signed value.
    /// - Returns: Its ZigZag form.
    @inlinable
    public static func encode(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }

    /// Maps a ZigZag-encoded unsigned 64-bit integer back to the signed one.
    ///
    /// - Parameter value: The ZigZag form.
    /// - Returns: The signed value.
    @inlinable
    public static func decode(_ value: UInt64) -> Int64 {
        Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
    }

    /// Maps a signed 32-bit integer to an unsigned one.
    ///
    /// - Parameter value: The signed value.
    /// - Returns: Its ZigZag form.
    @inlinable
    public static func encode(_ value: Int32) -> UInt32 {
        UInt32(bitPattern: (value << 1) ^ (value >> 31))
    }

    /// Maps a ZigZag-encoded unsigned 32-bit integer back to the signed one.
    ///
    /// - Parameter value: The ZigZag form.
    /// - Returns: The signed value.
    @inlinable
    public static func decode(_ value: UInt32) -> Int32 {
        Int32(bitPattern: value >> 1) ^ -Int32(bitPattern: value & 1)
    }
}
