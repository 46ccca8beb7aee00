/// The number of bits in a probability of the binary range coder (probabilities are in 0..<4096).
@usableFromInline
let rangeProbabilityBits: UInt32 = 12
/// The initial probability of a zero bit: one half.
@usableFromInline
let rangeProbabilityHalf: UInt16 = 1 << 11
/// How fast a probability adapts: it moves 1/2^shift of the way towards the observed bit.
@usableFromInline
let rangeAdaptationShift: UInt16 = 4
/// Below this range the coder shifts out a byte.
@usableFromInline
let rangeTopValue: UInt32 = 1 << 24

/// An adaptive binary range encoder (the carry-less LZMA construction) writing to a byte array.
///
/// Each bit is coded with a 12-bit probability that the bit is zero, which the encoder updates after
/// the bit; the decoder makes the same update, so both sides share a model without transmitting it.
struct RangeEncoder {
    private var low: UInt64 = 0
    private var range: UInt32 = 0xFFFF_FFFF
    private var cache: UInt8 = 0
    private var cacheSize: Int = 1
    /// The coded bytes so far.
    private(set) var bytes: [UInt8] = []

    init() {}

    /// Encodes one bit with an adaptive probability, updating the probability.
    ///
    /// - Parameters:
    ///   - bit: The bit to encode (0 or 1).
    ///   - probability: The adaptive probability that the bit is 0.
    @inline(__always)
    ///   - shift: The adaptation rate (the probability moves 1/2^shift of the way to the bit).
    mutating func encode(_ bit: Int, _ probability: UnsafeMutablePointer<UInt16>, shift: UInt16) {
        let p = probability.pointee
        let bound = (range >> rangeProbabilityBits) &* UInt32(p)
        if bit == 0 {
            range = bound
            probability.pointee = p &+ ((4096 &- p) >> shift)
        } else {
            low &+= UInt64(bound)
            range &-= bound
            probability.pointee = p &- (p >> shift)
        }
        while range < rangeTopValue {
            range <<= 8
            shiftLow()
        }
    }

    private mutating func shiftLow() {
        if low < 0xFF00_0000 || low > 0xFFFF_FFFF {
            let carry = UInt8(truncatingIfNeeded: low >> 32)
            var temp = cache
            repeat {
                bytes.append(temp &+ carry)
                temp = 0xFF
                cacheSize -= 1
            } while cacheSize != 0
            cache = UInt8(truncatingIfNeeded: low >> 24)
        }
        cacheSize += 1
        low = (low & 0x00FF_FFFF) << 8
    }

    /// Flushes the coder and returns all coded bytes.
    ///
    /// - Returns: The coded stream, which a ``RangeDecoder`` reads back exactly.
    mutating func finish() -> [UInt8] {
        for _ in 0..<5 { shiftLow() }
        return bytes
    }
}
