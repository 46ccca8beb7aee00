/// Validation of MQTT's UTF-8 encoded strings (MQTT 5.0 section 1.5.4, 3.1.1 section 1.5.3).
///
/// A string must be well-formed UTF-8 (shortest form, no surrogates U+D800...U+DFFF, nothing above
/// U+10FFFF) [MQTT-1.5.4-1] and must not contain U+0000 [MQTT-1.5.4-2]. In strict mode the code
/// points the specification says SHOULD NOT appear are rejected too: the C0 and C1 control
/// characters U+0001...U+001F and U+007F...U+009F, and the non-characters (U+FDD0...U+FDEF and the
/// last two code points of every plane).
///
/// ```swift
/// let ok = UTF8Validation.validate(bytes, strict: true, offset: 0)   // throws on failure
/// ```
public enum UTF8Validation {
    /// Checks an MQTT UTF-8 string.
    ///
    /// - Parameters:
    ///   - bytes: The string's bytes (without the length prefix).
    ///   - strict: Whether to reject the SHOULD NOT code points.
    ///   - offset: The offset of `bytes` in the packet, used in errors.
    /// - Throws: ``FieldMQTTError`` with `invalidUTF8`, `nullCharacter` or `discouragedCodePoint`.
    /// - Complexity: O(n).
    public static func validate(_ bytes: UnsafeRawBufferPointer, strict: Bool, offset: Int) throws(FieldMQTTError) {
        let count = bytes.count
        var i = 0
        // ASCII fast path, eight bytes at a time.
        while i + 8 <= count {
            let word = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if word & 0x8080_8080_8080_8080 != 0 { break }
            // Any zero byte, or (strict) any byte below 0x20 or equal to 0x7F, needs the slow path.
            let low = (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080
            if low != 0 { break }
            if strict {
                let del =
                    ((word ^ 0x7F7F_7F7F_7F7F_7F7F) &- 0x0101_0101_0101_0101) & ~(word ^ 0x7F7F_7F7F_7F7F_7F7F)
                    & 0x8080_8080_8080_8080
                if del != 0 { break }
            }
            i += 8
        }
        // All ASCII so far: a last word overlapping the previous one covers the tail.
        if i < count && i >= 8 && i + 8 > count
            && isPlainASCIIWord(
                bytes.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self), strict: strict)
        {
            return
        }
        while i < count {
            let b0 = bytes[i]
            if b0 < 0x80 {
                if b0 == 0 { throw FieldMQTTError(.nullCharacter, rule: "MQTT-1.5.4-2", at: offset + i) }
                if strict && (b0 < 0x20 || b0 == 0x7F) {
                    throw FieldMQTTError(
                        .discouragedCodePoint, rule: "MQTT-1.5.4-1", at: offset + i, value: UInt32(UInt32(b0)))
                }
                i += 1
                continue
            }
            let scalar: UInt32
            let length: Int
            if b0 & 0xE0 == 0xC0 {
                length = 2
                guard b0 >= 0xC2, i + 1 < count, bytes[i + 1] & 0xC0 == 0x80 else { throw bad(offset + i) }
                scalar = UInt32(b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
            } else if b0 & 0xF0 == 0xE0 {
                length = 3
                guard i + 2 < count, bytes[i + 1] & 0xC0 == 0x80, bytes[i + 2] & 0xC0 == 0x80 else {
                    throw bad(offset + i)
                }
                scalar = UInt32(b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
                if scalar < 0x800 || (scalar >= 0xD800 && scalar <= 0xDFFF) { throw bad(offset + i) }
            } else if b0 & 0xF8 == 0xF0 {
                length = 4
                guard i + 3 < count, bytes[i + 1] & 0xC0 == 0x80, bytes[i + 2] & 0xC0 == 0x80,
                    bytes[i + 3] & 0xC0 == 0x80
                else { throw bad(offset + i) }
                scalar =
                    UInt32(b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12
                    | UInt32(bytes[i + 2] & 0x3F) << 6 | UInt32(bytes[i + 3] & 0x3F)
                if scalar < 0x10000 || scalar > 0x10FFFF { throw bad(offset + i) }
            } else {
                throw bad(offset + i)
            }
            if strict && isDiscouraged(scalar) {
                throw FieldMQTTError(.discouragedCodePoint, rule: "MQTT-1.5.4-1", at: offset + i, value: UInt32(scalar))
            }
            i += length
        }
    }

    /// Whether eight bytes are ASCII without U+0000 (and, strict, without control characters).
    @inline(__always)
    internal static func isPlainASCIIWord(_ word: UInt64, strict: Bool) -> Bool {
        let lowest: UInt64 = strict ? 0x2020_2020_2020_2020 : 0x0101_0101_0101_0101
        var flagged = word | ((word &- lowest) & ~word)
        if strict {
            let delete = word ^ 0x7F7F_7F7F_7F7F_7F7F
            flagged |= (delete &- 0x0101_0101_0101_0101) & ~delete
        }
        return flagged & 0x8080_8080_8080_8080 == 0
    }

    /// Whether a code point is one the specification says SHOULD NOT appear in a string.
    ///
    /// - Parameter scalar: A Unicode scalar value.
    /// - Returns: `true` for C0/C1 controls (except U+0000, which is always invalid) and
    ///   non-characters.
    public static func isDiscouraged(_ scalar: UInt32) -> Bool {
        if scalar >= 0x01 && scalar <= 0x1F { return true }
        if scalar >= 0x7F && scalar <= 0x9F { return true }
        if scalar >= 0xFDD0 && scalar <= 0xFDEF { return true }
        if scalar & 0xFFFE == 0xFFFE { return true }
        return false
    }

    internal static func bad(_ offset: Int) -> FieldMQTTError {
        FieldMQTTError(.invalidUTF8, rule: "MQTT-1.5.4-1", at: offset)
    }
}
