import FieldCore
import FieldDelta
import Testing

@Suite("Lossy mode: every value within the stated absolute error bound")
struct LossyModeTests {
    @Test("quantized values stay within the bound; specials stay exact", arguments: [1e-6, 0.001, 0.05, 0.5, 10])
    func withinBound(bound: Double) throws {
        var rng = SplitMix64(seed: UInt64(bound * 1e6))
        var values = (0..<2_000).map { _ in Double.random(in: -1_000...1_000, using: &rng) }
        values[3] = .nan
        values[4] = .infinity
        values[5] = -.infinity
        values[6] = 1e300
        let options = SeriesOptions(absoluteErrorBound: bound)
        let decoded = try SeriesTestSupport.roundTrip([.floats(values)], options: options)
        guard case .floats(let output) = decoded.columns[0] else {
            Issue.record("expected a float column")
            return
        }
        #expect(output.count == values.count)
        for (original, restored) in zip(values, output) {
            if original.isFinite {
                #expect(abs(original - restored) <= bound, "\(original) -> \(restored)")
            } else {
                #expect(original.bitPattern == restored.bitPattern)
            }
        }
    }

    @Test("a generous bound compresses noisy readings below the lossless size")
    func smaller() throws {
        var rng = SplitMix64(seed: 99)
        let values = (0..<1_024).map { index in
            20 + sin(Double(index) / 50) + Double.random(in: -0.01...0.01, using: &rng)
        }
        let lossless = try SeriesBlock.encode([.floats(values)])
        let lossy = try SeriesBlock.encode([.floats(values)], options: SeriesOptions(absoluteErrorBound: 0.05))
        #expect(lossy.count * 4 < lossless.count)
    }
}

private func sin(_ x: Double) -> Double {
    // A short Taylor series around the nearest multiple of 2π is plenty for test data.
    let twoPi = 6.283_185_307_179_586
    var y = x - (x / twoPi).rounded() * twoPi
    let y2 = y * y
    y = y * (1 - y2 / 6 * (1 - y2 / 20 * (1 - y2 / 42 * (1 - y2 / 72))))
    return y
}
