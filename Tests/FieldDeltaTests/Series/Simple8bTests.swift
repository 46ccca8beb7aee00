import FieldCore
import Testing

@testable import FieldDelta

@Suite("Simple-8b packing")
struct Simple8bTests {
    func pack(_ values: [UInt64]) -> [UInt64] {
        var words: [UInt64] = []
        values.withUnsafeBufferPointer { Simple8b.encode($0, into: &words) }
        return words
    }

    func unpack(_ words: [UInt64], count: Int) -> Result<[UInt64], SeriesError> {
        var bytes: [UInt8] = []
        bytes.appendWords(words)
        return bytes.withUnsafeBytes { raw in
            var output = [UInt64](repeating: 0, count: count + 60)
            let failure: SeriesError? = output.withUnsafeMutableBufferPointer { buffer in
                do throws(SeriesError) {
                    try Simple8b.decode(raw, count: count, into: buffer.baseAddress!, baseOffset: 0)
                    return nil
                } catch {
                    return error
                }
            }
            if let failure { return .failure(failure) }
            return .success(Array(output[0..<count]))
        }
    }

    @Test("word layout follows the selector table")
    func layout() {
        // 60 ones at 1 bit each: selector 2, all payload bits set.
        #expect(pack([UInt64](repeating: 1, count: 60)) == [(2 << 60) | ((1 << 60) - 1)])
        // A long zero run is one run word holding its length.
        #expect(pack([UInt64](repeating: 0, count: 1_000)) == [1_000])
        // A value above 60 bits takes the escape selector and a raw word.
        #expect(pack([UInt64.max]) == [1 << 60, UInt64.max])
        // Three values of 20 bits: selector 13, lowest value in the lowest bits.
        #expect(pack([0xFFFFF, 1, 2]) == [(13 << 60) | (2 << 40) | (1 << 20) | 0xFFFFF])
    }

    @Test("random widths round-trip", arguments: 0..<20)
    func randomRoundTrip(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let count = Int.random(in: 1...3_000, using: &rng)
        let values: [UInt64] = (0..<count).map { _ in
            let width = UInt64.random(in: 0...64, using: &rng)
            if Int.random(in: 0..<4, using: &rng) == 0 { return 0 }
            return width == 64 ? rng.next() : rng.next() & ((1 << width) - 1)
        }
        #expect(unpack(pack(values), count: count) == .success(values))
    }

    @Test("a run longer than the values left is rejected")
    func overrun() {
        #expect(unpack([10], count: 5) == .failure(SeriesError(.corruptPayload, at: 0)))
        #expect(unpack([0], count: 5) == .failure(SeriesError(.corruptPayload, at: 0)))
    }

    @Test("too few and too many words are rejected")
    func wordCount() {
        #expect(unpack([5], count: 6) == .failure(SeriesError(.truncated, at: 8)))
        #expect(unpack([5, 1], count: 5) == .failure(SeriesError(.corruptPayload, at: 8)))
        #expect(unpack([1 << 60], count: 1) == .failure(SeriesError(.truncated, at: 8)))
    }
}
