/// Encodes a float column with the codec the options ask for, choosing per block when automatic.
enum FloatColumnEncoder {
    /// Encodes `values` and returns the codec used; the payload is appended to `bytes`.
    ///
    /// Automatic, lossless: when a sample shows mostly short decimals, the decimal codec; if that
    /// leaves more than 1 in 8 values as exceptions, Chimp128 too, and the smaller wins; plain if
    /// both are larger. Lossy: the quantized codec, against the decimal codec when decimals fit.
    ///
    /// - Complexity: O(n).
    static func encode(
        _ values: UnsafeBufferPointer<Double>,
        options: SeriesOptions,
        into bytes: inout [UInt8]
    ) -> SeriesCodec {
        let count = values.count
        switch options.floatCodec {
        case .gorilla:
            GorillaCodec.encode(values, into: &bytes)
            return .gorilla
        case .chimp128:
            ChimpCodec.encode(values, into: &bytes)
            return .chimp128
        case .plain:
            appendPlain(values, into: &bytes)
            return .plain
        case .decimal:
            let exponent = ScaledCodec.chooseExponent(values)?.exponent ?? 0
            ScaledCodec.encode(values, scale: .decimal(exponent: exponent), into: &bytes)
            return .decimal
        case .automatic:
            break
        }
        let plainSize = count * 8
        var best: (codec: SeriesCodec, payload: [UInt8])?
        func consider(_ codec: SeriesCodec, _ payload: [UInt8]) {
            if best == nil || payload.count < best!.payload.count { best = (codec, payload) }
        }
        let choice = ScaledCodec.chooseExponent(values)
        if let bound = options.absoluteErrorBound {
            var quantized: [UInt8] = []
            quantized.reserveCapacity(count)
            ScaledCodec.encode(values, scale: .quantized(step: 2 * bound, bound: bound), into: &quantized)
            consider(.quantized, quantized)
            if let choice, choice.coverage >= 0.5 {
                var decimal: [UInt8] = []
                ScaledCodec.encode(values, scale: .decimal(exponent: choice.exponent), into: &decimal)
                consider(.decimal, decimal)
            }
        } else {
            var needsXor = true
            if let choice, choice.coverage >= 0.5 {
                var decimal: [UInt8] = []
                decimal.reserveCapacity(count)
                let exceptions = ScaledCodec.encode(
                    values, scale: .decimal(exponent: choice.exponent), into: &decimal)
                needsXor = exceptions * 8 > count
                consider(.decimal, decimal)
            }
            if needsXor {
                var chimp: [UInt8] = []
                chimp.reserveCapacity(count * 4)
                ChimpCodec.encode(values, into: &chimp)
                consider(.chimp128, chimp)
            }
        }
        if let best, best.payload.count < plainSize {
            bytes.append(contentsOf: best.payload)
            return best.codec
        }
        appendPlain(values, into: &bytes)
        return .plain
    }

    /// Appends each value's 8 bytes, little-endian.
    static func appendPlain(_ values: UnsafeBufferPointer<Double>, into bytes: inout [UInt8]) {
        for value in values { bytes.appendLittleEndian(value.bitPattern) }
    }

    /// Decodes a plain payload of exactly `count` values.
    static func decodePlain(
        _ payload: UnsafeRawBufferPointer, count: Int, baseOffset: Int
    ) throws(SeriesError) -> [Double] {
        guard payload.count == count * 8 else { throw SeriesError(.corruptPayload, at: baseOffset) }
        return (0..<count).map { index in
            Double(bitPattern: UInt64(littleEndian: payload.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)))
        }
    }
}
