/// QUANTIZE (float32 to int8, and int8 to int8 requantization) and DEQUANTIZE (int8 to float32),
/// with TFLite's reference rounding.
enum QuantizeKernel {
    // The kernels are not inlined into `Interpreter.invoke()` (one call per layer).
    @inline(never) @_optimize(speed)
    static func quantize(
        _ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Int8>, count: Int, scale: Float, zeroPoint: Int32
    ) {
        for i in 0..<count {
            let q = Rounding.halfAwayFromZero(input[i] / scale)
            let clamped: Int32
            if q.isNaN {
                clamped = zeroPoint
            } else if q >= 2_000_000_000 {
                clamped = 127
            } else if q <= -2_000_000_000 {
                clamped = -128
            } else {
                clamped = min(max(Int32(q) &+ zeroPoint, -128), 127)
            }
            output[i] = Int8(truncatingIfNeeded: clamped)
        }
    }

    @inline(never) @_optimize(speed)
    static func requantize(
        _ input: UnsafePointer<Int8>, _ output: UnsafeMutablePointer<Int8>, count: Int,
        multiplier: QuantizedMultiplier, inputZeroPoint: Int32, outputZeroPoint: Int32
    ) {
        for i in 0..<count {
            let v = FixedPoint.multiplyDoubleRounding(
                Int32(input[i]) &- inputZeroPoint, multiplier.multiplier, multiplier.shift)
            output[i] = Int8(truncatingIfNeeded: min(max(v &+ outputZeroPoint, -128), 127))
        }
    }

    @inline(never) @_optimize(speed)
    static func dequantize(
        _ input: UnsafePointer<Int8>, _ output: UnsafeMutablePointer<Float>, count: Int, scale: Double, zeroPoint: Int32
    ) {
        for i in 0..<count {
            output[i] = Float(scale * Double(Int32(input[i]) &- zeroPoint))
        }
    }
}
