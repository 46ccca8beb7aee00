/// The Chimp128 XOR float codec (Liakos et al., VLDB 2022), kept as a baseline.
///
/// Each value is XORed with one of the previous 128 values: the one found through a hash of its
/// low 14 bits when that XOR has more than 13 trailing zeros, otherwise the immediate predecessor.
/// (The reference implementation keeps 32-bit value indices in its hash table; this one keeps 8-bit
/// ring positions, a quarter of the memory, with the same stream format semantics.)
/// Flags: `00` + 7-bit reference (identical value); `01` + reference + 3-bit rounded leading zeros
/// + 6-bit significant count + bits; `10` + bits under the previous leading-zero count; `11` +
/// 3-bit rounded leading zeros + bits.
enum ChimpCodec {
    static let ringSize = 128
    static let ringBits = 7
    static let threshold = 13
    static let keyMask: UInt64 = (1 << 14) - 1
    /// Leading-zero counts the format can express, indexed by their 3-bit code.
    static let leadingValues: [Int] = [0, 8, 12, 16, 18, 20, 22, 24]

    /// Rounds a leading-zero count down to an expressible one; returns (code, rounded count).
    @inline(__always)
    static func roundLeading(_ count: Int) -> (code: UInt64, value: Int) {
        switch count {
        case 0..<8: (0, 0)
        case 8..<12: (1, 8)
        case 12..<16: (2, 12)
        case 16..<18: (3, 16)
        case 18..<20: (4, 18)
        case 20..<22: (5, 20)
        case 22..<24: (6, 22)
        default: (7, 24)
        }
    }

    /// Encodes `values` as a Chimp128 bit stream appended to `bytes`.
    ///
    /// The hash table keeps, per key, the ring position (one byte) of the last value with that key;
    /// a stale position only costs compression, since the trailing-zero test decides.
    ///
    /// - Complexity: O(n), with a 16 KiB hash table per call.
    static func encode(_ values: UnsafeBufferPointer<Double>, into bytes: inout [UInt8]) {
        guard let first = values.first else { return }
        var writer = BitWriter(capacityInWords: values.count / 3 + 2)
        var ring = [UInt64](repeating: 0, count: ringSize)
        var lastPositionForKey = [UInt8](repeating: 0, count: Int(keyMask) + 1)
        writer.write(first.bitPattern, bits: 64)
        ring[0] = first.bitPattern
        var storedLeading = 65
        for index in 1..<values.count {
            let value = values[index].bitPattern
            let key = Int(value & keyMask)
            let previousPosition = (index - 1) & (ringSize - 1)
            var reference = previousPosition
            var xor = value ^ ring[previousPosition]
            let candidatePosition = Int(lastPositionForKey[key])
            let candidateXor = value ^ ring[candidatePosition]
            if candidateXor.trailingZeroBitCount > threshold {
                reference = candidatePosition
                xor = candidateXor
            }
            if xor == 0 {
                writer.write(UInt64(reference), bits: 2 + ringBits)
                storedLeading = 65
            } else {
                let trailing = xor.trailingZeroBitCount
                let (code, leading) = roundLeading(xor.leadingZeroBitCount)
                if trailing > threshold {
                    let significant = 64 - leading - trailing
                    let header = (UInt64(1) << 16) | (UInt64(reference) << 9) | (code << 6) | UInt64(significant)
                    writer.write(header, bits: 18)
                    writer.write(xor &>> UInt64(trailing), bits: significant)
                    storedLeading = 65
                } else if leading == storedLeading {
                    writer.write(0b10, bits: 2)
                    writer.write(xor, bits: 64 - leading)
                } else {
                    writer.write((0b11 << 3) | code, bits: 5)
                    writer.write(xor, bits: 64 - leading)
                    storedLeading = leading
                }
            }
            ring[index & (ringSize - 1)] = value
            lastPositionForKey[key] = UInt8(truncatingIfNeeded: index & (ringSize - 1))
        }
        writer.append(to: &bytes)
    }

    /// Decodes `count` values from a Chimp128 bit stream.
    ///
    /// - Throws: `SeriesError` when the stream ends early or a field describes more than 64 bits.
    /// - Complexity: O(n).
    static func decode(
        _ payload: UnsafeRawBufferPointer,
        count: Int,
        baseOffset: Int
    ) throws(SeriesError) -> [Double] {
        var reader = BitReader(payload, baseOffset: baseOffset)
        var output = [Double]()
        output.reserveCapacity(count)
        var ring = [UInt64](repeating: 0, count: ringSize)
        let first = try reader.read(64)
        ring[0] = first
        output.append(Double(bitPattern: first))
        var storedLeading = 65
        var index = 1
        while index < count {
            let previous = ring[(index - 1) & (ringSize - 1)]
            let value: UInt64
            switch try reader.read(2) {
            case 0b00:
                value = ring[Int(try reader.read(ringBits))]
                storedLeading = 65
            case 0b01:
                let reference = Int(try reader.read(ringBits))
                let leading = leadingValues[Int(try reader.read(3))]
                let significant = Int(try reader.read(6))
                guard significant > 0, leading + significant <= 64 else {
                    throw SeriesError(.corruptPayload, at: baseOffset + reader.bitPosition / 8)
                }
                let bits = try reader.read(significant)
                value = ring[reference] ^ (bits &<< UInt64(64 - leading - significant))
                storedLeading = 65
            case 0b10:
                guard storedLeading <= 64 else {
                    throw SeriesError(.corruptPayload, at: baseOffset + reader.bitPosition / 8)
                }
                value = previous ^ (try reader.read(64 - storedLeading))
            default:
                storedLeading = leadingValues[Int(try reader.read(3))]
                value = previous ^ (try reader.read(64 - storedLeading))
            }
            ring[index & (ringSize - 1)] = value
            output.append(Double(bitPattern: value))
            index += 1
        }
        return output
    }
}
