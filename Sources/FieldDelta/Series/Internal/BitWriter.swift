/// Writes bit fields most-significant bit first, for the XOR float codecs.
struct BitWriter {
    /// Completed 64-bit words.
    private(set) var words: [UInt64] = []
    /// The word being filled, from its top bit down.
    private var current: UInt64 = 0
    /// How many bits of `current` are used.
    private var used = 0

    init(capacityInWords: Int = 0) {
        words.reserveCapacity(capacityInWords)
    }

    /// Writes the low `count` bits of `value` (`count` in 0...64; higher bits of `value` must be 0).
    mutating func write(_ value: UInt64, bits count: Int) {
        if count == 0 { return }
        let free = 64 - used
        if count < free {
            current |= value &<< UInt64(free - count)
            used += count
        } else if count == free {
            words.append(current | value)
            current = 0
            used = 0
        } else {
            let rest = count - free
            words.append(current | (value &>> UInt64(rest)))
            current = value &<< UInt64(64 - rest)
            used = rest
        }
    }

    /// Appends the written bits to `bytes`, big-endian, padding the last byte with zero bits.
    func append(to bytes: inout [UInt8]) {
        bytes.reserveCapacity(bytes.count + words.count * 8 + 8)
        for word in words {
            var w = word
            for _ in 0..<8 {
                bytes.append(UInt8(truncatingIfNeeded: w &>> 56))
                w &<<= 8
            }
        }
        var w = current
        for _ in 0..<((used + 7) / 8) {
            bytes.append(UInt8(truncatingIfNeeded: w &>> 56))
            w &<<= 8
        }
    }
}
