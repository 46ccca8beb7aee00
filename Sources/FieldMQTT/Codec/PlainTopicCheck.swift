/// A one-pass screen for the common topic name: printable ASCII without wildcards.
///
/// It never rejects anything: it only answers "certainly valid" (non-empty, every byte in
/// 0x20...0x7E, or 0x01...0x7F when not strict, and no `+` or `#`), so callers can skip the full
/// UTF-8 and topic-rule checks. Any other name, valid or not, answers `false` and goes through
/// ``UTF8Validation`` and ``TopicRules``, which name the rule that fails.
internal enum PlainTopicCheck {
    /// Whether `bytes` is a non-empty topic name of plain ASCII without `+` or `#`.
    ///
    /// Eight bytes at a time; the last word overlaps the previous one instead of a byte tail. Kept
    /// out of line so the loop has the registers to itself.
    @inline(never)
    internal static func isPlainName(_ bytes: UnsafeRawBufferPointer, strict: Bool) -> Bool {
        let count = bytes.count
        guard count >= 8 else { return count > 0 && isPlainShortName(bytes, strict: strict) }
        return strict ? scan(bytes, strict: true) : scan(bytes, strict: false)
    }

    /// Whether `bytes` is plain ASCII text: every byte in 0x20...0x7E (strict) or 0x01...0x7F, so
    /// certainly a valid MQTT UTF-8 string. Empty text is plain.
    @inline(never)
    internal static func isPlainText(_ bytes: UnsafeRawBufferPointer, strict: Bool) -> Bool {
        let count = bytes.count
        guard count >= 8 else {
            for i in 0..<count {
                let b = bytes[i]
                if b == 0 || b >= 0x80 || (strict && (b < 0x20 || b == 0x7F)) { return false }
            }
            return true
        }
        var flagged: UInt64 = 0
        var i = 0
        while i + 8 < count {
            flagged |=
                UTF8Validation.isPlainASCIIWord(bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self), strict: strict)
                ? 0 : 1
            i += 8
        }
        let last = bytes.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
        return flagged == 0 && UTF8Validation.isPlainASCIIWord(last, strict: strict)
    }

    /// The word loop for names of 8 bytes or more, with `strict` a constant after inlining.
    @inline(__always)
    private static func scan(_ bytes: UnsafeRawBufferPointer, strict: Bool) -> Bool {
        let count = bytes.count
        var flagged: UInt64 = 0
        var i = 0
        while i + 8 < count {
            flagged |= suspicious(bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self), strict: strict)
            i += 8
        }
        flagged |= suspicious(bytes.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self), strict: strict)
        return flagged == 0
    }

    /// Names of 1 to 7 bytes: padded with `A` to one word.
    @inline(never)
    internal static func isPlainShortName(_ bytes: UnsafeRawBufferPointer, strict: Bool) -> Bool {
        var word: UInt64 = 0x4141_4141_4141_4141
        for i in 0..<bytes.count {
            word = word & ~(0xFF << UInt64(8 * i)) | UInt64(bytes[i]) << UInt64(8 * i)
        }
        return suspicious(word, strict: strict) == 0
    }

    /// The high bit of every byte that may break the rules: a byte of 0x80 or more, a byte below
    /// 0x20 (strict) or equal to 0 (not strict), 0x7F (strict), `+` or `#`. A flagged byte can make
    /// bytes above it flagged too (borrows), never the reverse: zero means every byte is plain.
    @inline(__always)
    internal static func suspicious(_ word: UInt64, strict: Bool) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let lowest: UInt64 = strict ? 0x2020_2020_2020_2020 : ones
        var flagged = word | ((word &- lowest) & ~word)
        if strict {
            let delete = word ^ 0x7F7F_7F7F_7F7F_7F7F
            flagged |= (delete &- ones) & ~delete
        }
        // '+' (0x2B) and '#' (0x23) differ only in bit 3.
        let wildcard = (word | 0x0808_0808_0808_0808) ^ 0x2B2B_2B2B_2B2B_2B2B
        flagged |= (wildcard &- ones) & ~wildcard
        return flagged & 0x8080_8080_8080_8080
    }
}
