/// Variable-length integer encodings: unsigned and signed LEB128, and MQTT's variable byte integer.
///
/// Decoders are strict: an encoding longer than the type allows, one that overflows, or one that
/// uses more bytes than necessary (a trailing zero group) is rejected with a typed error, so two
/// different byte strings never decode to the same value.
///
/// ```swift
/// var bytes: [UInt8] = []
/// VarInt.appendLEB128(300, to: &bytes)          // [0xAC, 0x02]
/// VarInt.appendVariableByteInteger(321, to: &bytes)
/// ```
public enum VarInt {
    /// The largest value MQTT's variable byte integer can hold (268,435,455).
    public static let maxVariableByteInteger: UInt32 = 268_435_455

    /// The number of bytes the unsigned LEB128 encoding of `value` takes (1 to 10).
    ///
    /// - Parameter value: The value.
    /// - Returns: Its encoded length.
    @inlinable
    public static func lebByteCount(_ value: UInt64) -> Int {
        value == 0 ? 1 : (64 - value.leadingZeroBitCount + 6) / 7
    }

    /// Appends the unsigned LEB128 encoding of `value`.
    ///
    /// - Parameters:
    ///   - value: The value.
    ///   - bytes: The array to append to.
    @inlinable
    public static func appendLEB128(_ value: UInt64, to bytes: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// Appends the signed LEB128 encoding of `value`.
    ///
    /// - Parameters:
    ///   - value: The value.
    ///   - bytes: The array to append to.
    @inlinable
    public static func appendSignedLEB128(_ value: Int64, to bytes: inout [UInt8]) {
        var v = value
        while true {
            let byte = UInt8(truncatingIfNeeded: v) & 0x7F
            v >>= 7
            let done = (v == 0 && byte & 0x40 == 0) || (v == -1 && byte & 0x40 != 0)
            bytes.append(done ? byte : byte | 0x80)
            if done { return }
        }
    }

    /// The number of bytes MQTT's variable byte integer encoding of `value` takes (1 to 4).
    ///
    /// - Parameter value: A value up to ``maxVariableByteInteger``.
    /// - Returns: Its encoded length, or `nil` when the value is too large to encode.
    @inlinable
    public static func variableByteIntegerByteCount(_ value: UInt32) -> Int? {
        switch value {
        case 0..<128: 1
        case 128..<16_384: 2
        case 16_384..<2_097_152: 3
        case 2_097_152...maxVariableByteInteger: 4
        default: nil
        }
    }

    /// Appends MQTT's variable byte integer encoding of `value`.
    ///
    /// - Parameters:
    ///   - value: The value.
    ///   - bytes: The array to append to.
    /// - Throws: ``FieldCoreError/Code/valueOutOfRange`` above ``maxVariableByteInteger``.
    @inlinable
    public static func appendVariableByteInteger(_ value: UInt32, to bytes: inout [UInt8]) throws(FieldCoreError) {
        guard value <= maxVariableByteInteger else { throw FieldCoreError(.valueOutOfRange, at: bytes.count) }
        var v = value
        repeat {
            var byte = UInt8(v & 0x7F)
            v >>= 7
            if v > 0 { byte |= 0x80 }
            bytes.append(byte)
        } while v > 0
    }
}

extension ByteReader {
    /// Reads an unsigned LEB128 integer of at most 64 bits.
    ///
    /// - Returns: The value.
    /// - Throws: `truncated` when the input ends inside the integer; `varIntTooLong` past 10 bytes;
    ///   `varIntOverflow` when the value exceeds 64 bits; `varIntNotMinimal` for a trailing zero group.
    @inlinable
    public mutating func readLEB128() throws(FieldCoreError) -> UInt64 {
        let start = offset
        var result: UInt64 = 0
        var shift: UInt64 = 0
        var count = 0
        while true {
            if count == 10 { throw FieldCoreError(.varIntTooLong, at: start) }
            let byte = try readUInt8()
            count += 1
            if count == 10 && byte & 0x7E != 0 { throw FieldCoreError(.varIntOverflow, at: start) }
            result |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 {
                if byte == 0 && count > 1 { throw FieldCoreError(.varIntNotMinimal, at: start) }
                return result
            }
            shift += 7
        }
    }

    /// Reads a signed LEB128 integer of at most 64 bits.
    ///
    /// - Returns: The value.
    /// - Throws: `truncated`, `varIntTooLong`, `varIntOverflow` or `varIntNotMinimal`, as for
    ///   ``readLEB128()``; a redundant sign-extension group counts as not minimal.
    @inlinable
    public mutating func readSignedLEB128() throws(FieldCoreError) -> Int64 {
        let start = offset
        var result: Int64 = 0
        var shift: Int64 = 0
        var count = 0
        var previous: UInt8 = 0
        while true {
            if count == 10 { throw FieldCoreError(.varIntTooLong, at: start) }
            let byte = try readUInt8()
            count += 1
            if count == 10 {
                // Bit 63 is the only payload bit left: the byte must be a pure sign extension.
                if byte != 0x00 && byte != 0x7F { throw FieldCoreError(.varIntOverflow, at: start) }
            }
            result |= Int64(byte & 0x7F) << shift
            shift += 7
            if byte & 0x80 == 0 {
                if count > 1 {
                    let redundantPositive = byte == 0x00 && previous & 0x40 == 0
                    let redundantNegative = byte == 0x7F && previous & 0x40 != 0
                    if redundantPositive || redundantNegative {
                        throw FieldCoreError(.varIntNotMinimal, at: start)
                    }
                }
                if shift < 64 && byte & 0x40 != 0 { result |= -1 << shift }
                return result
            }
            previous = byte
        }
    }

    /// Reads MQTT's variable byte integer (1 to 4 bytes, at most 268,435,455).
    ///
    /// - Returns: The value.
    /// - Throws: `truncated` when the input ends inside it; `varIntTooLong` when a fourth byte has
    ///   its continuation bit set; `varIntNotMinimal` for a trailing zero group.
    @inlinable
    public mutating func readVariableByteInteger() throws(FieldCoreError) -> UInt32 {
        let start = offset
        var result: UInt32 = 0
        for index in 0..<4 {
            let byte = try readUInt8()
            result |= UInt32(byte & 0x7F) << (7 * UInt32(index))
            if byte & 0x80 == 0 {
                if byte == 0 && index > 0 {
                    throw FieldCoreError(.varIntNotMinimal, at: start, rule: "MQTT-1.5.5-1")
                }
                return result
            }
        }
        throw FieldCoreError(.varIntTooLong, at: start, rule: "MQTT 5.0 §1.5.5")
    }
}

extension ByteWriter {
    /// Writes an unsigned LEB128 integer.
    ///
    /// - Parameter value: The value.
    /// - Throws: ``FieldCoreError/Code/bufferFull`` when the buffer has no room.
    @inlinable
    public mutating func writeLEB128(_ value: UInt64) throws(FieldCoreError) {
        try require(VarInt.lebByteCount(value))
        var v = value
        while v >= 0x80 {
            try writeUInt8(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        try writeUInt8(UInt8(v))
    }

    /// Writes MQTT's variable byte integer.
    ///
    /// - Parameter value: A value up to ``VarInt/maxVariableByteInteger``.
    /// - Throws: `valueOutOfRange` when too large; `bufferFull` when the buffer has no room.
    @inlinable
    public mutating func writeVariableByteInteger(_ value: UInt32) throws(FieldCoreError) {
        guard let size = VarInt.variableByteIntegerByteCount(value) else {
            throw FieldCoreError(.valueOutOfRange, at: count)
        }
        try require(size)
        var v = value
        repeat {
            var byte = UInt8(v & 0x7F)
            v >>= 7
            if v > 0 { byte |= 0x80 }
            try writeUInt8(byte)
        } while v > 0
    }
}
