/// Lowercase hexadecimal encoding and strict decoding of bytes.
///
/// ```swift
/// Hex.encode([0xde, 0xad])        // "dead"
/// Hex.decode("DEAD")              // [0xde, 0xad]
/// Hex.decode("xyz")               // nil
/// ```
public enum Hex {
    /// Encodes bytes as lowercase hexadecimal.
    ///
    /// - Parameter bytes: The bytes to encode.
    /// - Returns: Two characters per byte. Complexity: O(n).
    public static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            utf8.append(digit(byte >> 4))
            utf8.append(digit(byte & 0x0F))
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    /// Decodes hexadecimal text (either case, no separators).
    ///
    /// - Parameter text: An even number of hexadecimal digits.
    /// - Returns: The bytes, or `nil` when the text has an odd length or a non-hex character.
    public static func decode(_ text: some StringProtocol) -> [UInt8]? {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count / 2)
        var high: UInt8? = nil
        for char in text.utf8 {
            guard let nibble = value(char) else { return nil }
            if let h = high {
                out.append(h << 4 | nibble)
                high = nil
            } else {
                high = nibble
            }
        }
        return high == nil ? out : nil
    }

    @inline(__always)
    private static func digit(_ nibble: UInt8) -> UInt8 { nibble < 10 ? 0x30 + nibble : 0x57 + nibble }

    @inline(__always)
    private static func value(_ char: UInt8) -> UInt8? {
        switch char {
        case 0x30...0x39: char - 0x30
        case 0x41...0x46: char - 0x37
        case 0x61...0x66: char - 0x57
        default: nil
        }
    }
}
