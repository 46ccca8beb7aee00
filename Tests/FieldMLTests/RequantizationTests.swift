import FieldCore
import Testing

// @testable: checks the internal fixed-point requantization helpers, which are not API.
@testable import FieldML

/// The in-range double-rounding multiply (used by the convolution and fully connected kernels)
/// against the general one, and the range guarantee it relies on.
@Suite struct RequantizationTests {
    @Test func inRangeDoubleRoundingMatchesGeneral() {
        var rng = SplitMix64(seed: 0x5EED_0011)
        let specialX: [Int32] = [0, 1, -1, Int32.max, Int32.min, Int32.min + 1, 1 << 30, -(1 << 30), 12345, -12345]
        let specialM: [Int32] = [0, 1, Int32.max, Int32.min, 1 << 30, (1 << 30) + 1, 1_500_000_000]
        for shift in Int32(-31)...31 {
            for x in specialX {
                for m in specialM {
                    #expect(
                        FixedPoint.multiplyDoubleRoundingInRange(x, m, shift)
                            == FixedPoint.multiplyDoubleRounding(x, m, shift))
                }
            }
            for _ in 0..<1000 {
                let x = Int32(truncatingIfNeeded: rng.next())
                let small = Int32(truncatingIfNeeded: Int64(rng.next() % 200_001) - 100_000)
                let m = Int32(truncatingIfNeeded: rng.next())
                let realistic = Int32((1 << 30) + Int64(rng.next() % (1 << 30)))
                for (a, b) in [(x, m), (small, realistic), (x, realistic)] {
                    #expect(
                        FixedPoint.multiplyDoubleRoundingInRange(a, b, shift)
                            == FixedPoint.multiplyDoubleRounding(a, b, shift))
                }
            }
        }
    }

    @Test func quantizedMultiplierShiftsStayInRange() {
        var rng = SplitMix64(seed: 0x5EED_0012)
        var values: [Double] = [0, 1, 0.5, 1e-300, 1e300, Double.leastNonzeroMagnitude, Double.greatestFiniteMagnitude]
        for _ in 0..<2000 {
            let exponent = Int(rng.next() % 200) - 100
            values.append(
                Double(rng.next() % 1_000_000 + 1) / 1_000_000 * Double(sign: .plus, exponent: exponent, significand: 1)
            )
        }
        for value in values {
            let q = QuantizedMultiplier(value)
            #expect(q.shift >= -31 && q.shift <= 30)
        }
    }
}
