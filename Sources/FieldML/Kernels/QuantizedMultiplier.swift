/// A real multiplier encoded as TFLite encodes it: a Q31 mantissa in [2^30, 2^31) and a power-of-two
/// shift (positive = left), as `QuantizeMultiplier` in TFLite's `quantization_util.cc` defines.
struct QuantizedMultiplier: Sendable {
    var multiplier: Int32
    var shift: Int32

    init(multiplier: Int32, shift: Int32) {
        self.multiplier = multiplier
        self.shift = shift
    }

    /// Encodes `value` (>= 0).
    init(_ value: Double) {
        guard value > 0, value.isFinite else {
            self.init(multiplier: 0, shift: 0)
            return
        }
        // frexp: value = fraction * 2^exponent with fraction in [0.5, 1).
        var exponent = Int32(value.exponent) + 1
        let fraction = value.significand / 2
        var fixed = Int64(Rounding.halfAwayFromZero(fraction * 2147483648.0))
        if fixed == (1 << 31) {
            fixed /= 2
            exponent += 1
        }
        if exponent < -31 {
            exponent = 0
            fixed = 0
        }
        if exponent > 30 {
            exponent = 30
            fixed = (1 << 31) - 1
        }
        self.init(multiplier: Int32(fixed), shift: exponent)
    }
}

/// The quantized activation bounds for a fused activation on an int8 output, as TFLite's
/// `CalculateActivationRangeQuantized` computes them.
func activationRange(_ activation: Activation, scale: Float, zeroPoint: Int32) -> (Int32, Int32)? {
    let qmin: Int32 = -128
    let qmax: Int32 = 127
    func quantize(_ f: Float) -> Int32 {
        let q = Rounding.halfAwayFromZero(f / scale)
        guard q.isFinite, q > -2e9, q < 2e9 else { return q > 0 ? Int32.max / 2 : Int32.min / 2 }
        return zeroPoint &+ Int32(q)
    }
    switch activation {
    case .none: return (qmin, qmax)
    case .relu: return (max(qmin, quantize(0)), qmax)
    case .relu6: return (max(qmin, quantize(0)), min(qmax, quantize(6)))
    case .reluN1To1: return (max(qmin, quantize(-1)), min(qmax, quantize(1)))
    case .tanh, .signBit: return nil
    }
}
