import FieldCore

/// Integer and timestamp columns: delta (or delta-of-delta), zigzag, then Simple-8b packing.
///
/// Deltas wrap (`&-`), so any `Int64` sequence, including non-monotonic time and huge gaps, round
/// trips exactly. A regular timestamp column becomes a run of zero delta-of-deltas that one
/// Simple-8b run word stores.
enum IntegerColumnCodec {
    /// Encodes `values` with first-order deltas (`order` 1) or delta-of-deltas (`order` 2).
    ///
    /// - Complexity: O(n).
    static func encode(_ values: UnsafeBufferPointer<Int64>, order: Int, into bytes: inout [UInt8]) {
        let count = values.count
        if count == 0 { return }
        var residuals = [UInt64](repeating: 0, count: count)
        residuals.withUnsafeMutableBufferPointer { out in
            var previous: Int64 = 0
            var previousDelta: Int64 = 0
            if order == 2 {
                for index in 0..<count {
                    let value = values[index]
                    let delta = value &- previous
                    out[index] = ZigZag.encode(index < 2 ? delta : delta &- previousDelta)
                    previousDelta = index == 0 ? 0 : delta
                    previous = value
                }
            } else {
                for index in 0..<count {
                    let value = values[index]
                    out[index] = ZigZag.encode(value &- previous)
                    previous = value
                }
            }
        }
        var words: [UInt64] = []
        words.reserveCapacity(count / 4 + 4)
        residuals.withUnsafeBufferPointer { Simple8b.encode($0, into: &words) }
        bytes.appendWords(words)
    }

    /// Decodes `count` values written by ``encode(_:order:into:)``.
    ///
    /// - Throws: `SeriesError` when the packed words are malformed.
    /// - Complexity: O(n).
    static func decode(
        _ payload: UnsafeRawBufferPointer,
        count: Int,
        order: Int,
        baseOffset: Int
    ) throws(SeriesError) -> [Int64] {
        let residuals = try unpackResiduals(payload, count: count, baseOffset: baseOffset)
        return [Int64](unsafeUninitializedCapacity: count) { out, initialized in
            residuals.withUnsafeBufferPointer { source in
                var previous: Int64 = 0
                if order == 2 {
                    var delta: Int64 = 0
                    for index in 0..<count {
                        let residual = ZigZag.decode(source[index])
                        delta = index < 2 ? residual : delta &+ residual
                        previous = previous &+ delta
                        out[index] = previous
                    }
                } else {
                    for index in 0..<count {
                        previous = previous &+ ZigZag.decode(source[index])
                        out[index] = previous
                    }
                }
            }
            initialized = count
        }
    }

    /// Unpacks `count` Simple-8b values (zigzagged residuals) from `payload`.
    static func unpackResiduals(
        _ payload: UnsafeRawBufferPointer,
        count: Int,
        baseOffset: Int
    ) throws(SeriesError) -> [UInt64] {
        var failure: SeriesError?
        let residuals = [UInt64](unsafeUninitializedCapacity: count + 60) { buffer, initialized in
            do throws(SeriesError) {
                try Simple8b.decode(payload, count: count, into: buffer.baseAddress!, baseOffset: baseOffset)
            } catch {
                failure = error
                buffer.baseAddress!.initialize(repeating: 0, count: count)
            }
            initialized = count
        }
        if let failure { throw failure }
        return residuals
    }
}
