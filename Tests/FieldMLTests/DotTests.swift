import FieldCore
import Testing

// @testable: checks the internal dot-product and fully connected kernels, which are not API.
@testable import FieldML

/// The narrow dot products (filters without `-128`) against the plain loops and a direct sum, on
/// seeded random data, and the fully connected kernel's narrow path against its general path.
@Suite struct DotTests {
    /// Random int8 values; `narrow` excludes `-128`. Every fourth vector is all extremes.
    static func values(_ count: Int, narrow: Bool, extremes: Bool, _ rng: inout SplitMix64) -> [Int8] {
        (0..<count).map { _ in
            if extremes { return narrow ? (rng.next() & 1 == 0 ? -127 : 127) : (rng.next() & 1 == 0 ? -128 : 127) }
            let v = Int8(truncatingIfNeeded: rng.next())
            return narrow && v == Int8.min ? -127 : v
        }
    }

    static func direct(_ a: [Int8], _ aStart: Int, _ b: [Int8], _ count: Int) -> Int32 {
        var sum: Int32 = 0
        for i in 0..<count { sum += Int32(a[aStart + i]) * Int32(b[i]) }
        return sum
    }

    @Test func narrowKernelsMatchThePlainLoops() throws {
        guard Dot.hasNarrowKernels else { return }
        #if (arch(x86_64) || arch(arm64)) && !hasFeature(Embedded)
            var rng = SplitMix64(seed: 0xD07_0010)
            for trial in 0..<400 {
                let count = trial < 80 ? trial : Int(rng.next() % 700)
                let extremes = trial % 4 == 3
                let x = Self.values(count, narrow: false, extremes: extremes, &rng)
                let f = Self.values(4 * count, narrow: true, extremes: extremes, &rng)
                #expect(Dot.isNarrow(f, f.count))
                var plain: (Int32, Int32, Int32, Int32) = (1, 2, 3, 4)
                var narrow: (Int32, Int32, Int32, Int32) = (1, 2, 3, 4)
                x.withUnsafeBufferPointer { xp in
                    f.withUnsafeBufferPointer { fp in
                        let xb = xp.baseAddress ?? UnsafePointer(bitPattern: 16)!
                        let fb = fp.baseAddress ?? UnsafePointer(bitPattern: 16)!
                        Dot.int8x4(xb, fb, stride: count, count, &plain)
                        Dot.narrowInt8x4(xb, fb, stride: count, count, &narrow)
                        for k in 0..<4 {
                            #expect(Dot.narrowInt8(fb + k * count, xb, count) == Self.direct(f, k * count, x, count))
                        }
                    }
                }
                #expect(plain == narrow)
                #expect(narrow.0 == 1 + Self.direct(f, 0, x, count))
                #expect(narrow.3 == 4 + Self.direct(f, 3 * count, x, count))
            }
        #endif
    }

    @Test func isNarrowFindsMinus128() {
        var values = [Int8](repeating: 127, count: 100)
        #expect(Dot.isNarrow(values, values.count))
        values[73] = -128
        #expect(!Dot.isNarrow(values, values.count))
        #expect(Dot.isNarrow(values, 73))
    }

    @Test func fullyConnectedNarrowPathMatchesGeneralPath() {
        var rng = SplitMix64(seed: 0xFC_0010)
        for trial in 0..<120 {
            let depth = 1 + Int(rng.next() % 300)
            let outputDepth = 1 + Int(rng.next() % 23)
            let batches = 1 + Int(rng.next() % 3)
            let input = Self.values(batches * depth, narrow: false, extremes: trial % 5 == 4, &rng)
            let filter = Self.values(depth * outputDepth, narrow: true, extremes: trial % 5 == 4, &rng)
            var q = Requantization()
            q.inputOffset = Int32(truncatingIfNeeded: Int64(rng.next() % 256) - 128)
            q.filterOffset = trial % 3 == 0 ? Int32(truncatingIfNeeded: Int64(rng.next() % 11) - 5) : 0
            q.outputOffset = Int32(truncatingIfNeeded: Int64(rng.next() % 256) - 128)
            let channels = trial % 2 == 0 ? outputDepth : 1
            for _ in 0..<channels {
                let m = QuantizedMultiplier(Double(rng.next() % 1000 + 1) / 300_000)
                q.multipliers.append(m.multiplier)
                q.shifts.append(m.shift)
            }
            let constants = (0..<outputDepth).map { _ in Int32(truncatingIfNeeded: Int64(rng.next() % 20001) - 10000) }
            func run(narrow: Bool, single: Bool) -> [Int8] {
                var out = [Int8](repeating: 0, count: batches * outputDepth)
                input.withUnsafeBufferPointer { x in
                    filter.withUnsafeBufferPointer { f in
                        constants.withUnsafeBufferPointer { c in
                            q.multipliers.withUnsafeBufferPointer { m in
                                q.shifts.withUnsafeBufferPointer { s in
                                    out.withUnsafeMutableBufferPointer { o in
                                        FullyConnectedKernel.run(
                                            input: x.baseAddress!, filter: f.baseAddress!, output: o.baseAddress!,
                                            batches: batches, depth: depth, outputDepth: outputDepth, quantization: q,
                                            rowConstants: c.baseAddress!, multipliers: m.baseAddress!,
                                            shifts: s.baseAddress!, narrowFilter: narrow, singleRounding: single)
                                    }
                                }
                            }
                        }
                    }
                }
                return out
            }
            for single in [false, true] {
                let general = run(narrow: false, single: single)
                #expect(run(narrow: true, single: single) == general)
                // The general path against a direct evaluation of one output.
                let c = outputDepth - 1
                var acc = constants[c]
                for i in 0..<depth {
                    acc &+= Int32(filter[c * depth + i]) * Int32(input[i]) &+ q.filterOffset &* Int32(input[i])
                }
                let k = channels > 1 ? c : 0
                acc =
                    single
                    ? FixedPoint.multiplySingleRounding(acc, q.multipliers[k], q.shifts[k])
                    : FixedPoint.multiplyDoubleRounding(acc, q.multipliers[k], q.shifts[k])
                #expect(general[c] == Int8(min(max(acc &+ q.outputOffset, -128), 127)))
            }
        }
    }
}
