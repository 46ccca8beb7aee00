/// The Gorilla XOR float codec (Pelkonen et al., VLDB 2015), kept as a baseline.
///
/// The first value is stored in 64 bits. Each later value is XORed with its predecessor: a zero
/// XOR costs one `0` bit; otherwise `10` reuses the previous leading/trailing-zero window, or `11`
/// stores 5 bits of leading zeros, 6 bits of meaningful-bit count (64 stored as 0) and the bits.
enum GorillaCodec {
    /// Encodes `values` as a bit stream appended to `bytes`.
    ///
    /// - Complexity: O(n).
    static func encode(_ values: UnsafeBufferPointer<Double>, into bytes: inout [UInt8]) {
        guard let first = values.first else { return }
        var writer = BitWriter(capacityInWords: values.count / 4 + 2)
        var previous = first.bitPattern
        writer.write(previous, bits: 64)
        var windowLeading = -1
        var windowTrailing = 0
        for index in 1..<values.count {
            let current = values[index].bitPattern
            let xor = current ^ previous
            previous = current
            if xor == 0 {
                writer.write(0, bits: 1)
                continue
            }
            let leading = min(xor.leadingZeroBitCount, 31)
            let trailing = xor.trailingZeroBitCount
            if windowLeading >= 0 && leading >= windowLeading && trailing >= windowTrailing {
                writer.write(0b10, bits: 2)
                writer.write(xor &>> UInt64(windowTrailing), bits: 64 - windowLeading - windowTrailing)
            } else {
                let significant = 64 - leading - trailing
                writer.write(0b11, bits: 2)
                writer.write(UInt64(leading), bits: 5)
                writer.write(UInt64(significant & 63), bits: 6)
                writer.write(xor &>> UInt64(trailing), bits: significant)
                windowLeading = leading
                windowTrailing = trailing
            }
        }
        writer.append(to: &bytes)
    }

    /// Decodes `count` values from a Gorilla bit stream.
    ///
    /// - Throws: `SeriesError` when the stream ends early, reuses a window before one was set,
    ///   or describes a window wider than 64 bits.
    /// - Complexity: O(n).
    static func decode(
        _ payload: UnsafeRawBufferPointer,
        count: Int,
        baseOffset: Int
    ) throws(SeriesError) -> [Double] {
        var reader = BitReader(payload, baseOffset: baseOffset)
        var output = [Double]()
        output.reserveCapacity(count)
        var previous = try reader.read(64)
        output.append(Double(bitPattern: previous))
        var windowLeading = -1
        var windowTrailing = 0
        while output.count < count {
            if try reader.readBit() {
                if try reader.readBit() {
                    let leading = Int(try reader.read(5))
                    var significant = Int(try reader.read(6))
                    if significant == 0 { significant = 64 }
                    guard leading + significant <= 64 else {
                        throw SeriesError(.corruptPayload, at: baseOffset + reader.bitPosition / 8)
                    }
                    windowLeading = leading
                    windowTrailing = 64 - leading - significant
                }
                guard windowLeading >= 0 else {
                    throw SeriesError(.corruptPayload, at: baseOffset + reader.bitPosition / 8)
                }
                let width = 64 - windowLeading - windowTrailing
                let bits = try reader.read(width)
                previous ^= bits &<< UInt64(windowTrailing)
            }
            output.append(Double(bitPattern: previous))
        }
        return output
    }
}
