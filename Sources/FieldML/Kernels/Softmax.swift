/// Parameters of int8 SOFTMAX (TFLite `reference_ops::Softmax` for int8 with the
/// `PreprocessSoftmaxScaling` parameters TFLite Micro computes).
struct SoftmaxParameters: Sendable {
    var inputMultiplier: Int32 = 0
    var inputLeftShift: Int32 = 0
    var diffMin: Int32 = 0
    var rows = 0
    var depth = 0

    static let scaledDiffIntegerBits: Int32 = 5
    static let accumulationIntegerBits: Int32 = 12

    init() {}

    /// Computes the parameters for `beta` and the input scale.
    init(beta: Float, inputScale: Float, rows: Int, depth: Int) {
        let real = min(
            Double(beta) * Double(inputScale) * Double(Int64(1) << Int64(31 - Self.scaledDiffIntegerBits)),
            2_147_483_647.0)
        let q = QuantizedMultiplier(real)
        inputMultiplier = q.multiplier
        inputLeftShift = q.shift
        diffMin = -calculateInputRadius(integerBits: Self.scaledDiffIntegerBits, leftShift: q.shift)
        self.rows = rows
        self.depth = depth
    }
}

/// TFLite's `CalculateInputRadius`.
func calculateInputRadius(integerBits: Int32, leftShift: Int32) -> Int32 {
    let maxRescaled =
        1.0 * Double((1 << integerBits) - 1) * Double(Int64(1) << (31 - integerBits))
        / Double(Int64(1) << Int64(max(0, min(62, leftShift))))
    let floored = Rounding.floor(maxRescaled)
    return floored >= Double(Int32.max) ? Int32.max : Int32(floored)
}

/// int8 SOFTMAX (output scale 1/256, zero point -128).
enum SoftmaxKernel {
    @inline(never) @_optimize(speed)  // called once per layer from Interpreter.invoke()
    static func run(input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>, parameters p: SoftmaxParameters) {
        let depth = p.depth
        for row in 0..<p.rows {
            let x = input + row * depth
            let out = output + row * depth
            var maxValue: Int32 = -128
            for c in 0..<depth { maxValue = max(maxValue, Int32(x[c])) }
            var sumOfExps: Int32 = 0  // 12 integer bits
            for c in 0..<depth {
                let diff = Int32(x[c]) &- maxValue
                if diff >= p.diffMin {
                    let rescaled = FixedPoint.saturatingRoundingDoublingHighMul(
                        diff &* (1 &<< p.inputLeftShift), p.inputMultiplier)
                    let e = FixedPoint.expOnNegativeValues(
                        rescaled, integerBits: SoftmaxParameters.scaledDiffIntegerBits)
                    sumOfExps &+= FixedPoint.saturatingRoundingMultiplyByPOT(
                        e, -SoftmaxParameters.accumulationIntegerBits)
                }
            }
            let (scale, bitsOverUnit) = FixedPoint.reciprocal(
                sumOfExps, integerDigits: SoftmaxParameters.accumulationIntegerBits)
            for c in 0..<depth {
                let diff = Int32(x[c]) &- maxValue
                if diff >= p.diffMin {
                    let rescaled = FixedPoint.saturatingRoundingDoublingHighMul(
                        diff &* (1 &<< p.inputLeftShift), p.inputMultiplier)
                    let e = FixedPoint.expOnNegativeValues(
                        rescaled, integerBits: SoftmaxParameters.scaledDiffIntegerBits)
                    let unsat = FixedPoint.roundingDivideByPOT(
                        FixedPoint.saturatingRoundingDoublingHighMul(scale, e), bitsOverUnit + 31 - 8)
                    let shifted = unsat &- 128
                    out[c] = Int8(truncatingIfNeeded: min(max(shifted, -128), 127))
                } else {
                    out[c] = -128
                }
            }
        }
    }
}
