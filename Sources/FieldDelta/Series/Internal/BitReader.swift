/// Reads bit fields most-significant bit first from borrowed bytes, never past their end.
struct BitReader {
    private let bytes: UnsafeRawBufferPointer
    private let bitCount: Int
    private let baseOffset: Int
    private(set) var bitPosition = 0

    /// Creates a reader over `bytes`, whose first byte sits at `baseOffset` in the block.
    init(_ bytes: UnsafeRawBufferPointer, baseOffset: Int) {
        self.bytes = bytes
        self.bitCount = bytes.count * 8
        self.baseOffset = baseOffset
    }

    /// The number of bits not yet read.
    var remainingBits: Int { bitCount - bitPosition }

    /// Reads `count` bits (1...64) as an unsigned integer.
    mutating func read(_ count: Int) throws(SeriesError) -> UInt64 {
        guard count <= remainingBits else { throw SeriesError(.truncated, at: baseOffset + bytes.count) }
        if count > 56 {
            let high = try read(count - 32)
            return (high &<< 32) | (try read(32))
        }
        let byteIndex = bitPosition &>> 3
        let shift = UInt64(bitPosition & 7)
        var chunk: UInt64
        if byteIndex + 8 <= bytes.count {
            chunk = UInt64(bigEndian: bytes.loadUnaligned(fromByteOffset: byteIndex, as: UInt64.self))
        } else {
            chunk = 0
            for index in 0..<8 {
                chunk &<<= 8
                if byteIndex + index < bytes.count { chunk |= UInt64(bytes[byteIndex + index]) }
            }
        }
        bitPosition += count
        return (chunk &<< shift) &>> UInt64(64 - count)
    }

    /// Reads one bit.
    mutating func readBit() throws(SeriesError) -> Bool {
        try read(1) != 0
    }
}
