extension TopicMatcher {
    /// One level of a topic or filter: where it ends, its first 16 bytes and its hash.
    @usableFromInline
    internal struct Level {
        /// The index of the `/` after the level, or the byte count.
        @usableFromInline var end: Int
        /// The level's bytes 0..<8 and 8..<16, little-endian, zero-padded.
        @usableFromInline var word0: UInt64
        @usableFromInline var word1: UInt64
        /// A hash of every byte of the level (and nothing else).
        @usableFromInline var hash: UInt64

        @inlinable
        init(end: Int, word0: UInt64, word1: UInt64, hash: UInt64) {
            self.end = end
            self.word0 = word0
            self.word1 = word1
            self.hash = hash
        }
    }

    /// The bytes `bytes[start..<min(start + 8, bytes.count)]` as a little-endian word, zero-padded.
    ///
    /// Requires `0 <= start < bytes.count`. Every load stays inside `bytes`: a short tail is read as
    /// the last eight bytes shifted down, or byte by byte when there are fewer than eight in all.
    @inlinable @inline(__always)
    internal static func word(_ bytes: UnsafeRawBufferPointer, at start: Int) -> UInt64 {
        let count = bytes.count
        if start &+ 8 <= count {
            return UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: start, as: UInt64.self))
        }
        if count >= 8 {
            let last = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
            return last >> (UInt64(start &+ 8 &- count) &* 8)
        }
        var word: UInt64 = 0
        var index = count - 1
        while index >= start {
            word = word << 8 | UInt64(bytes[index])
            index -= 1
        }
        return word
    }

    /// The high bit of the first `/` byte of `word` (in memory order) set, and possibly of bytes
    /// after it; zero when `word` holds no `/`.
    @inlinable @inline(__always)
    internal static func slashBytes(_ word: UInt64) -> UInt64 {
        let v = word ^ 0x2F2F_2F2F_2F2F_2F2F
        return (v &- 0x0101_0101_0101_0101) & ~v & 0x8080_8080_8080_8080
    }

    @inlinable @inline(__always)
    internal static func mix(_ hash: UInt64, _ word: UInt64) -> UInt64 {
        let x = (hash ^ word) &* 0x9E37_79B9_7F4A_7C15
        return x ^ (x >> 32)
    }

    /// Reads the level starting at `start` (at most `bytes.count`): finds its end eight bytes at a
    /// time and hashes it in the same pass. The hash depends on the level's bytes only, so a topic
    /// level and an equal filter level hash alike.
    @inlinable @inline(__always)
    internal static func scanLevel(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Level {
        let count = bytes.count
        if start &+ 16 <= count {
            // Fast path for levels under 16 bytes with 16 bytes to read: two independent loads, no
            // loop; the same words and hash as the general loop below.
            let first = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: start, as: UInt64.self))
            let second = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: start &+ 8, as: UInt64.self))
            let seed: UInt64 = 0x243F_6A88_85A3_08D3
            let slashes0 = slashBytes(first)
            if slashes0 != 0 {
                let length = slashes0.trailingZeroBitCount &>> 3
                let word0 = first & ((UInt64(1) &<< (UInt64(length) &* 8)) &- 1)
                return Level(end: start &+ length, word0: word0, word1: 0, hash: mix(seed, word0))
            }
            let slashes1 = slashBytes(second)
            if slashes1 != 0 {
                let length = slashes1.trailingZeroBitCount &>> 3
                let word1 = second & ((UInt64(1) &<< (UInt64(length) &* 8)) &- 1)
                return Level(end: start &+ 8 &+ length, word0: first, word1: word1, hash: mix(mix(seed, first), word1))
            }
        }
        var position = start
        var hash: UInt64 = 0x243F_6A88_85A3_08D3
        var word0: UInt64 = 0
        var word1: UInt64 = 0
        var words = 0
        while true {
            var word: UInt64 = 0
            var length = 0
            if position < count {
                word = TopicMatcher.word(bytes, at: position)
                let slashes = slashBytes(word)
                length = slashes == 0 ? 8 : slashes.trailingZeroBitCount &>> 3
                let available = count &- position
                if length > available { length = available }
                if length < 8 { word &= (UInt64(1) &<< (UInt64(length) &* 8)) &- 1 }
            }
            if words == 0 { word0 = word } else if words == 1 { word1 = word }
            hash = mix(hash, word)
            if length < 8 {
                return Level(end: position &+ length, word0: word0, word1: word1, hash: hash)
            }
            position &+= 8
            words &+= 1
        }
    }

    /// The slot key of a level of `length` bytes under `parent`.
    @inlinable @inline(__always)
    internal static func key(parent: Int32, length: Int) -> UInt64 {
        UInt64(UInt32(bitPattern: parent)) | UInt64(truncatingIfNeeded: length) &<< 32
    }

    /// The home slot of a level with hash `hash` and key `key` in a table of `1 << (64 - shift)` slots.
    @inlinable @inline(__always)
    internal static func slotIndex(hash: UInt64, key: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: ((hash ^ key) &* 0xD6E8_FEB8_6659_FD93) &>> shift)
    }

    /// The bit of a node's ``Node/children`` mask that a child with level hash `hash` sets.
    @inlinable @inline(__always)
    internal static func childBit(_ hash: UInt64) -> UInt32 {
        1 &<< UInt32(truncatingIfNeeded: hash &>> 59)
    }
}
