import FieldCore

/// Floats stored as scaled integers: the decimal codec (lossless, ALP/Elf style) and the quantized
/// codec (lossy, within an absolute error bound).
///
/// Decimal: a value `v` that is `n / 10^e` for a small integer `n` (what a sensor that prints two
/// decimals produces) is stored as `n`; the decoder computes `Double(n) / 10^e`, and the encoder
/// keeps `n` only when that division gives back exactly the bits of `v`. Quantized: `n = round(v /
/// q)` decoded as `Double(n) * q`, kept only when within the bound. Values that fail (NaN,
/// infinities, -0.0, values with too many digits, out-of-bound ones) are stored raw as exceptions,
/// so both codecs stay bit-exact for every value they do not approximate.
///
/// Payload: scale (decimal: 1 byte exponent; quantized: 8 bytes step), exception count (LEB128),
/// packed byte count (LEB128), Simple-8b words of zigzag deltas of `n` (an exception repeats the
/// previous `n`), then for each exception the gap from the previous one (LEB128) and its 64 raw bits.
enum ScaledCodec {
    /// How integers map back to floats.
    enum Scale {
        /// `Double(n) / 10^exponent`, exact round trip checked.
        case decimal(exponent: Int)
        /// `Double(n) * step`, error within `bound` checked.
        case quantized(step: Double, bound: Double)
    }

    /// The largest decimal exponent tried (10^22 is the largest exact power of ten in a Double).
    static let maximumExponent = 22
    /// Exact powers of ten, 10^0 ... 10^22.
    static let powersOfTen: [Double] = {
        var table: [Double] = []
        var value = 1.0
        for _ in 0...22 {
            table.append(value)
            value *= 10
        }
        return table
    }()
    /// Scaled values must stay below this magnitude (2^51) for the fast rounding trick.
    static let limit = 2_251_799_813_685_248.0
    /// 1.5 * 2^52: adding and subtracting it rounds a Double below 2^51 to an integer.
    static let roundingMagic = 6_755_399_441_055_744.0

    /// Rounds `x` (|x| < 2^51) to a nearby integer value without a library call.
    @inline(__always)
    static func roundToInteger(_ x: Double) -> Double {
        (x + roundingMagic) - roundingMagic
    }

    /// The smallest exponent whose scaled integer round-trips `value` exactly, or nil.
    static func minimalExponent(of value: Double) -> Int? {
        for exponent in 0...maximumExponent {
            let power = powersOfTen[exponent]
            let scaled = value * power
            guard scaled > -limit && scaled < limit else { return nil }
            let integer = roundToInteger(scaled)
            if (integer / power).bitPattern == value.bitPattern { return exponent }
        }
        return nil
    }

    /// Picks a decimal exponent for a block from a sample of up to 32 of its values.
    ///
    /// Each candidate exponent costs about 3.3 bits per digit for every sampled value it covers and
    /// 72 bits for every exception; the cheapest wins.
    ///
    /// - Returns: The exponent and the fraction (0...1) of sampled values it represents exactly, or
    ///   nil when no sampled value is a short decimal.
    static func chooseExponent(_ values: UnsafeBufferPointer<Double>) -> (exponent: Int, coverage: Double)? {
        let count = values.count
        if count == 0 { return nil }
        let step = max(1, count / 32)
        var histogram = [Int](repeating: 0, count: maximumExponent + 1)
        var samples = 0
        var index = 0
        while index < count {
            if let exponent = minimalExponent(of: values[index]) { histogram[exponent] += 1 }
            samples += 1
            index += step
        }
        var best: (exponent: Int, cost: Int, hits: Int)?
        var covered = 0
        for exponent in 0...maximumExponent where histogram[exponent] > 0 {
            covered += histogram[exponent]
            let cost = (samples - covered) * 72 + covered * (10 + exponent * 10 / 3)
            if best == nil || cost < best!.cost { best = (exponent, cost, covered) }
        }
        guard let best else { return nil }
        return (best.exponent, Double(best.hits) / Double(samples))
    }

    /// Encodes `values` with `scale`, appending the payload to `bytes`.
    ///
    /// - Returns: The number of exceptions (values stored raw).
    /// - Complexity: O(n).
    @discardableResult
    static func encode(_ values: UnsafeBufferPointer<Double>, scale: Scale, into bytes: inout [UInt8]) -> Int {
        let count = values.count
        var residuals = [UInt64](repeating: 0, count: count)
        var exceptionPositions: [Int] = []
        var exceptionBits: [UInt64] = []
        residuals.withUnsafeMutableBufferPointer { out in
            var previous: Int64 = 0
            switch scale {
            case .decimal(let exponent):
                let power = powersOfTen[exponent]
                for index in 0..<count {
                    let value = values[index]
                    let scaled = value * power
                    if scaled > -limit && scaled < limit {
                        let integer = roundToInteger(scaled)
                        if (integer / power).bitPattern == value.bitPattern {
                            let n = Int64(integer)
                            out[index] = ZigZag.encode(n &- previous)
                            previous = n
                            continue
                        }
                    }
                    exceptionPositions.append(index)
                    exceptionBits.append(value.bitPattern)
                }
            case .quantized(let step, let bound):
                let inverse = 1 / step
                for index in 0..<count {
                    let value = values[index]
                    let scaled = value * inverse
                    if scaled > -limit && scaled < limit {
                        let integer = roundToInteger(scaled)
                        let decoded = integer * step
                        if abs(decoded - value) <= bound {
                            let n = Int64(integer)
                            out[index] = ZigZag.encode(n &- previous)
                            previous = n
                            continue
                        }
                    }
                    exceptionPositions.append(index)
                    exceptionBits.append(value.bitPattern)
                }
            }
        }
        switch scale {
        case .decimal(let exponent): bytes.append(UInt8(exponent))
        case .quantized(let step, _): bytes.appendLittleEndian(step.bitPattern)
        }
        var words: [UInt64] = []
        words.reserveCapacity(count / 4 + 4)
        residuals.withUnsafeBufferPointer { Simple8b.encode($0, into: &words) }
        VarInt.appendLEB128(UInt64(exceptionPositions.count), to: &bytes)
        VarInt.appendLEB128(UInt64(words.count * 8), to: &bytes)
        bytes.appendWords(words)
        var previousPosition = -1
        for (position, bits) in zip(exceptionPositions, exceptionBits) {
            VarInt.appendLEB128(UInt64(position - previousPosition - 1), to: &bytes)
            bytes.appendLittleEndian(bits)
            previousPosition = position
        }
        return exceptionPositions.count
    }

    /// Decodes `count` values from a decimal (`quantized` false) or quantized payload.
    ///
    /// - Throws: `SeriesError` for a bad exponent or step, malformed words, exception positions out
    ///   of order or range, or bytes left over.
    /// - Complexity: O(n).
    static func decode(
        _ payload: UnsafeRawBufferPointer,
        count: Int,
        quantized: Bool,
        baseOffset: Int
    ) throws(SeriesError) -> [Double] {
        var reader = ByteReader(payload, baseOffset: baseOffset)
        var exponent = 0
        var step = 1.0
        if quantized {
            let start = reader.offset
            step = Double(bitPattern: try reader.seriesUInt64())
            guard step.isFinite, step > 0 else { throw SeriesError(.invalidHeader, at: start) }
        } else {
            let start = reader.offset
            exponent = Int(try reader.seriesByte())
            guard exponent <= maximumExponent else { throw SeriesError(.invalidHeader, at: start) }
        }
        let exceptionCount = try reader.seriesCount(atMost: count, kind: .corruptPayload)
        let packedCount = try reader.seriesCount(atMost: reader.remaining, kind: .truncated)
        let packed = try reader.seriesReader(count: packedCount)
        let residuals = try IntegerColumnCodec.unpackResiduals(
            packed.bytes, count: count, baseOffset: packed.baseOffset)
        var output = [Double](unsafeUninitializedCapacity: count) { out, initialized in
            residuals.withUnsafeBufferPointer { source in
                var previous: Int64 = 0
                if quantized {
                    for index in 0..<count {
                        previous = previous &+ ZigZag.decode(source[index])
                        out[index] = Double(previous) * step
                    }
                } else {
                    let power = powersOfTen[exponent]
                    for index in 0..<count {
                        previous = previous &+ ZigZag.decode(source[index])
                        out[index] = Double(previous) / power
                    }
                }
            }
            initialized = count
        }
        var position = -1
        for _ in 0..<exceptionCount {
            let start = reader.offset
            let gap = try reader.seriesVarUInt()
            guard gap < UInt64(count) else { throw SeriesError(.corruptPayload, at: start) }
            position += Int(gap) + 1
            guard position < count else { throw SeriesError(.corruptPayload, at: start) }
            output[position] = Double(bitPattern: try reader.seriesUInt64())
        }
        guard reader.isAtEnd else { throw SeriesError(.corruptPayload, at: reader.offset) }
        return output
    }
}
