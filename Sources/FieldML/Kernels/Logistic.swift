/// Parameters of int8 LOGISTIC (TFLite Micro `CalculateArithmeticOpDataLogistic`).
struct LogisticParameters: Sendable {
    var inputZeroPoint: Int32 = 0
    var inputRangeRadius: Int32 = 0
    var inputMultiplier: Int32 = 0
    var inputLeftShift: Int32 = 0

    init() {}

    init(inputScale: Float, inputZeroPoint: Int32) {
        let inputIntegerBits: Int32 = 4
        let real = Double(inputScale) * Double(Int64(1) << Int64(31 - inputIntegerBits))
        // frexp without the rounding-overflow adjustment, as the TFLite Micro code does.
        if real > 0 && real.isFinite {
            inputLeftShift = Int32(real.exponent) + 1
            let fraction = real.significand / 2
            inputMultiplier = Int32(clamping: Int64(Rounding.halfAwayFromZero(fraction * 2147483648.0)))
        }
        self.inputZeroPoint = inputZeroPoint
        inputRangeRadius = calculateInputRadius(integerBits: inputIntegerBits, leftShift: inputLeftShift)
    }
}

/// int8 LOGISTIC (output scale 1/256, zero point -128).
enum LogisticKernel {
    @inline(never) @_optimize(speed)  // called once per layer from Interpreter.invoke()
    static func run(
        input: UnsafePointer<Int8>, output: UnsafeMutablePointer<Int8>, count: Int, parameters p: LogisticParameters
    ) {
        for i in 0..<count {
            let x = Int32(input[i]) &- p.inputZeroPoint
            if x <= -p.inputRangeRadius {
                output[i] = -128
            } else if x >= p.inputRangeRadius {
                output[i] = 127
            } else {
                let q4 = FixedPoint.multiplyDoubleRounding(x, p.inputMultiplier, p.inputLeftShift)
                let q0 = FixedPoint.logistic(q4)
                let q23 = FixedPoint.roundingDivideByPOT(q0, 31 - 8) &- 128
                output[i] = Int8(truncatingIfNeeded: min(max(q23, -128), 127))
            }
        }
    }
}
