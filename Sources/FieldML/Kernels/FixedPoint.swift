/// The gemmlowp fixed-point primitives TFLite's integer kernels are defined by, re-derived from
/// their specification (saturating rounding doubling high multiply, rounding divide by a power of
/// two, and the Q-format exp / reciprocal / logistic approximations used by SOFTMAX and LOGISTIC).
enum FixedPoint {
    /// `round(a * b / 2^31)` with ties away from zero, saturating the single overflow case.
    @inline(__always)
    static func saturatingRoundingDoublingHighMul(_ a: Int32, _ b: Int32) -> Int32 {
        if a == b && a == Int32.min { return Int32.max }
        let ab = Int64(a) &* Int64(b)
        let nudge: Int64 = ab >= 0 ? (1 << 30) : (1 - (1 << 30))
        return Int32(truncatingIfNeeded: (ab &+ nudge) / (1 << 31))
    }

    /// `x / 2^exponent` rounded to nearest, ties away from zero.
    @inline(__always)
    static func roundingDivideByPOT(_ x: Int32, _ exponent: Int32) -> Int32 {
        let mask: Int32 = (1 &<< exponent) &- 1
        let remainder = x & mask
        let threshold = (mask >> 1) &+ (x < 0 ? 1 : 0)
        return (x >> exponent) &+ (remainder > threshold ? 1 : 0)
    }

    /// `x * 2^exponent`, saturating (exponent > 0) or rounding (exponent < 0).
    @inline(__always)
    static func saturatingRoundingMultiplyByPOT(_ x: Int32, _ exponent: Int32) -> Int32 {
        if exponent == 0 { return x }
        if exponent < 0 { return roundingDivideByPOT(x, -exponent) }
        let threshold: Int32 = (1 &<< (31 - exponent)) &- 1
        if x > threshold { return Int32.max }
        if x < -threshold { return Int32.min }
        return x &<< exponent
    }

    /// ``multiplyDoubleRounding(_:_:_:)`` for `shift` in `-31...31` (every ``QuantizedMultiplier``
    /// built from a scale: it clamps its shift to `-31...30`), with masking shifts and selects
    /// where the general form needs smart shifts and an overflow-checked negation.
    ///
    /// - Precondition: `-31 <= shift <= 31`.
    @inline(__always)
    static func multiplyDoubleRoundingInRange(_ x: Int32, _ multiplier: Int32, _ shift: Int32) -> Int32 {
        let left = shift > 0 ? shift : 0
        let right = shift > 0 ? 0 : 0 &- shift
        let a = x &<< left
        let ab = Int64(a) &* Int64(multiplier)
        let nudged = ab &+ (ab >= 0 ? (1 << 30) : (1 - (1 << 30)))
        // Division by 2^31 rounding toward zero: add 2^31 - 1 to negative values, then shift.
        var high = Int32(truncatingIfNeeded: (nudged &+ ((nudged &>> 63) & 0x7FFF_FFFF)) &>> 31)
        high = a == multiplier && a == Int32.min ? Int32.max : high
        let mask: Int32 = (1 &<< right) &- 1
        let threshold = (mask &>> 1) &+ ((high &>> 31) & 1)
        return (high &>> right) &+ ((high & mask) > threshold ? 1 : 0)
    }

    /// TFLite's double-rounding `MultiplyByQuantizedMultiplier`.
    @inline(__always)
    static func multiplyDoubleRounding(_ x: Int32, _ multiplier: Int32, _ shift: Int32) -> Int32 {
        let left: Int32 = shift > 0 ? shift : 0
        let right: Int32 = shift > 0 ? 0 : -shift
        return roundingDivideByPOT(saturatingRoundingDoublingHighMul(x &* (1 &<< left), multiplier), right)
    }

    /// TFLite's single-rounding `MultiplyByQuantizedMultiplier` (`TFLITE_SINGLE_ROUNDING`).
    @inline(__always)
    static func multiplySingleRounding(_ x: Int32, _ multiplier: Int32, _ shift: Int32) -> Int32 {
        let totalShift = Int64(31 - shift)
        let round: Int64 = 1 &<< (totalShift - 1)
        let result = (Int64(x) &* Int64(multiplier) &+ round) >> totalShift
        return Int32(truncatingIfNeeded: result)
    }

    // MARK: Q-format functions (raw Int32 values; the integer bits are stated per function)

    /// gemmlowp `RoundingHalfSum`.
    @inline(__always)
    static func roundingHalfSum(_ a: Int32, _ b: Int32) -> Int32 {
        let sum = Int64(a) + Int64(b)
        let sign: Int64 = sum >= 0 ? 1 : -1
        return Int32(truncatingIfNeeded: (sum + sign) / 2)
    }

    /// exp(a) for a in [-1/4, 0), input and result with 0 integer bits.
    static func expOnIntervalBetweenNegativeOneQuarterAndZero(_ a: Int32) -> Int32 {
        let constantTerm: Int32 = 1_895_147_668  // exp(-1/8)
        let oneThird: Int32 = 715_827_883
        let x = a &+ (1 << 28)  // a + 1/8
        let x2 = saturatingRoundingDoublingHighMul(x, x)
        let x3 = saturatingRoundingDoublingHighMul(x2, x)
        let x4 = saturatingRoundingDoublingHighMul(x2, x2)
        let x4Over4 = saturatingRoundingMultiplyByPOT(x4, -2)
        let inner = saturatingRoundingDoublingHighMul(x4Over4 &+ x3, oneThird) &+ x2
        let poly = saturatingRoundingMultiplyByPOT(inner, -1)
        return constantTerm &+ saturatingRoundingDoublingHighMul(constantTerm, x &+ poly)
    }

    /// exp(a) for a <= 0 given with `integerBits` integer bits; the result has 0 integer bits.
    static func expOnNegativeValues(_ a: Int32, integerBits: Int32) -> Int32 {
        let fractionalBits = 31 - integerBits
        let oneQuarter: Int32 = 1 &<< (fractionalBits - 2)
        let mask = oneQuarter &- 1
        let aModQuarterMinusQuarter = (a & mask) &- oneQuarter
        var result = expOnIntervalBetweenNegativeOneQuarterAndZero(
            saturatingRoundingMultiplyByPOT(aModQuarterMinusQuarter, integerBits))
        let remainder = aModQuarterMinusQuarter &- a
        // Barrel shifter: multiply by exp(-2^k) for each set bit k of the remainder (k = -2...4).
        @inline(__always) func apply(_ exponent: Int32, _ multiplier: Int32) {
            if integerBits > exponent && remainder & (1 &<< (fractionalBits + exponent)) != 0 {
                result = saturatingRoundingDoublingHighMul(result, multiplier)
            }
        }
        apply(-2, 1_672_461_947)
        apply(-1, 1_302_514_674)
        apply(0, 790_015_084)
        apply(1, 290_630_308)
        apply(2, 39_332_535)
        apply(3, 720_401)
        apply(4, 242)
        if integerBits > 5 {
            let clamp: Int32 = -(1 &<< (36 - integerBits))
            if a < clamp { result = 0 }
        }
        if a == 0 { result = Int32.max }
        return result
    }

    /// 1 / (1 + a) for a in [0, 1), input and result with 0 integer bits.
    static func oneOverOnePlusX(_ a: Int32) -> Int32 {
        let halfDenominator = roundingHalfSum(a, Int32.max)  // 0 integer bits
        let c48Over17: Int32 = 1_515_870_810  // 2 integer bits
        let cNeg32Over17: Int32 = -1_010_580_540
        var x = c48Over17 &+ saturatingRoundingDoublingHighMul(halfDenominator, cNeg32Over17)
        let oneF2: Int32 = 1 << 29
        for _ in 0..<3 {
            let halfDenominatorTimesX = saturatingRoundingDoublingHighMul(halfDenominator, x)
            let oneMinus = oneF2 &- halfDenominatorTimesX
            x = x &+ saturatingRoundingMultiplyByPOT(saturatingRoundingDoublingHighMul(x, oneMinus), 2)
        }
        return saturatingRoundingMultiplyByPOT(x, 1)
    }

    /// The logistic function of `a` with 4 integer bits; the result has 0 integer bits.
    static func logistic(_ a: Int32) -> Int32 {
        if a == 0 { return 1 << 30 }
        let absolute = a > 0 ? a : 0 &- a
        let positive = oneOverOnePlusX(expOnNegativeValues(0 &- absolute, integerBits: 4))
        return a > 0 ? positive : Int32.max &- positive
    }

    /// TFLite's `GetReciprocal`: the reciprocal of `x` (with `integerDigits` integer bits) and the
    /// number of bits it exceeds one by.
    static func reciprocal(_ x: Int32, integerDigits: Int32) -> (Int32, Int32) {
        let headroomPlusOne = Int32(UInt32(bitPattern: x).leadingZeroBitCount)
        let numBitsOverUnit = integerDigits - headroomPlusOne
        let shiftedSumMinusOne = Int32(bitPattern: (UInt32(bitPattern: x) &<< UInt32(headroomPlusOne)) &- (1 << 31))
        return (oneOverOnePlusX(shiftedSumMinusOne), numBitsOverUnit)
    }
}
