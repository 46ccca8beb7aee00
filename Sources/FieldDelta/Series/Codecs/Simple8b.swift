/// Simple-8b-style packing of unsigned integers into 64-bit words, with zero runs and an escape.
///
/// Each word has a 4-bit selector in its top bits and a 60-bit payload:
/// - selector 0: a run of zeros whose length (at least 1) is the payload;
/// - selector 1: escape, the next word holds one full 64-bit value;
/// - selectors 2...15: the payload packs `count` values of `bits` bits each, lowest value in the
///   lowest bits: 60×1, 30×2, 20×3, 15×4, 12×5, 10×6, 8×7, 7×8, 6×10, 5×12, 4×15, 3×20, 2×30, 1×60.
///
/// The last packed word of a column may be padded; the decoder knows the value count and drops
/// the padding.
enum Simple8b {
    /// Bits per value for each selector (0 for the run and escape selectors).
    static let bitsPerValue: [Int] = [0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 12, 15, 20, 30, 60]
    /// Values per word for each selector (0 for the run and escape selectors).
    static let valuesPerWord: [Int] = [0, 0, 60, 30, 20, 15, 12, 10, 8, 7, 6, 5, 4, 3, 2, 1]
    /// For a bit width 0...60, the most values one word can hold at that width or wider.
    static let capacityForWidth: [Int] = {
        var table = [Int](repeating: 0, count: 61)
        for width in 0...60 {
            var best = 0
            for selector in 2...15 where bitsPerValue[selector] >= width {
                best = max(best, valuesPerWord[selector])
            }
            table[width] = best
        }
        return table
    }()
    /// For a bit width 0...60, the first (narrowest) selector that holds it.
    static let selectorForWidth: [Int] = {
        var table = [Int](repeating: 15, count: 61)
        for width in 0...60 {
            for selector in (2...15).reversed() where bitsPerValue[selector] >= width {
                table[width] = selector
            }
        }
        return table
    }()

    static let payloadMask: UInt64 = (1 << 60) - 1

    /// Packs `values` into words, appended to `words`.
    ///
    /// - Complexity: O(n) for n values (each value is examined at most a constant number of times).
    static func encode(_ values: UnsafeBufferPointer<UInt64>, into words: inout [UInt64]) {
        let count = values.count
        var index = 0
        while index < count {
            let first = values[index]
            if first == 0 {
                var run = 1
                while index + run < count && values[index + run] == 0 { run += 1 }
                if run >= 60 || index + run == count {
                    words.append(UInt64(run))
                    index += run
                    continue
                }
            }
            if first > payloadMask {
                words.append(1 << 60)
                words.append(first)
                index += 1
                continue
            }
            var width = max(1, 64 - first.leadingZeroBitCount)
            var taken = 1
            while index + taken < count {
                let value = values[index + taken]
                if value > payloadMask { break }
                let candidate = max(width, 64 - value.leadingZeroBitCount)
                if taken + 1 > capacityForWidth[candidate] { break }
                width = candidate
                taken += 1
            }
            var selector = selectorForWidth[width]
            if index + taken < count {
                // Not at the end: the word must be exactly full, so pick a selector whose count fits.
                while valuesPerWord[selector] > taken { selector += 1 }
                taken = valuesPerWord[selector]
            }
            let bits = UInt64(bitsPerValue[selector])
            var word = UInt64(selector) << 60
            for offset in 0..<taken {
                word |= values[index + offset] &<< (bits * UInt64(offset))
            }
            words.append(word)
            index += taken
        }
    }

    /// Unpacks exactly `count` values from the words in `bytes` into `output`.
    ///
    /// `output` must have room for `count + 60` values (the last word may carry padding).
    ///
    /// - Parameters:
    ///   - bytes: The packed words, little-endian; the byte count must be a multiple of 8.
    ///   - count: The number of values the column holds.
    ///   - output: Where to write them.
    ///   - baseOffset: The offset of `bytes` in the block, for errors.
    /// - Throws: `SeriesError` when the words hold fewer or more than `count` values, a run is empty
    ///   or overruns, or an escape has no following word.
    /// - Complexity: O(count + words).
    static func decode(
        _ bytes: UnsafeRawBufferPointer,
        count: Int,
        into output: UnsafeMutablePointer<UInt64>,
        baseOffset: Int
    ) throws(SeriesError) {
        guard bytes.count % 8 == 0 else { throw SeriesError(.corruptPayload, at: baseOffset + bytes.count) }
        let wordCount = bytes.count / 8
        var produced = 0
        var wordIndex = 0
        while wordIndex < wordCount {
            let offset = baseOffset + wordIndex * 8
            guard produced < count else { throw SeriesError(.corruptPayload, at: offset) }
            let word = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: wordIndex * 8, as: UInt64.self))
            let selector = Int(word &>> 60)
            switch selector {
            case 0:
                let run = word & payloadMask
                guard run >= 1, run <= UInt64(count - produced) else {
                    throw SeriesError(.corruptPayload, at: offset)
                }
                (output + produced).initialize(repeating: 0, count: Int(run))
                produced += Int(run)
            case 1:
                guard wordIndex + 1 < wordCount else { throw SeriesError(.truncated, at: offset + 8) }
                wordIndex += 1
                output[produced] = UInt64(
                    littleEndian: bytes.loadUnaligned(fromByteOffset: wordIndex * 8, as: UInt64.self))
                produced += 1
            default:
                unpack(word, selector: selector, into: output + produced)
                produced += valuesPerWord[selector]
            }
            wordIndex += 1
        }
        guard produced >= count else { throw SeriesError(.truncated, at: baseOffset + bytes.count) }
    }

    /// Unpacks one packed word (selector 2...15).
    @inline(__always)
    static func unpack(_ word: UInt64, selector: Int, into output: UnsafeMutablePointer<UInt64>) {
        switch selector {
        case 2: unpack(word, bits: 1, count: 60, into: output)
        case 3: unpack(word, bits: 2, count: 30, into: output)
        case 4: unpack(word, bits: 3, count: 20, into: output)
        case 5: unpack(word, bits: 4, count: 15, into: output)
        case 6: unpack(word, bits: 5, count: 12, into: output)
        case 7: unpack(word, bits: 6, count: 10, into: output)
        case 8: unpack(word, bits: 7, count: 8, into: output)
        case 9: unpack(word, bits: 8, count: 7, into: output)
        case 10: unpack(word, bits: 10, count: 6, into: output)
        case 11: unpack(word, bits: 12, count: 5, into: output)
        case 12: unpack(word, bits: 15, count: 4, into: output)
        case 13: unpack(word, bits: 20, count: 3, into: output)
        case 14: unpack(word, bits: 30, count: 2, into: output)
        default: output[0] = word & payloadMask
        }
    }

    @inline(__always)
    static func unpack(_ word: UInt64, bits: UInt64, count: Int, into output: UnsafeMutablePointer<UInt64>) {
        let mask: UInt64 = (1 &<< bits) &- 1
        var shifted = word
        for index in 0..<count {
            output[index] = shifted & mask
            shifted &>>= bits
        }
    }
}
