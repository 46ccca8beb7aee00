/// The floating-point types the filters compute with: `Float` and `Double`.
///
/// The protocol adds the few elementary functions the filters need (natural logarithm and
/// exponential) without Foundation or the C library, so the same code runs on a microcontroller
/// (Embedded Swift) and a server.
///
/// ```swift
/// let l = Double.naturalLogarithm(2)   // 0.6931471805599453
/// ```
public protocol FilterScalar: BinaryFloatingPoint, Sendable {
    /// The natural logarithm of `x`.
    ///
    /// - Parameter x: A positive, finite value. Zero gives `-infinity`, negative values and NaN
    ///   give NaN.
    /// - Returns: `ln(x)`, correct to about one unit in the last place.
    static func naturalLogarithm(_ x: Self) -> Self

    /// The exponential of `x`.
    ///
    /// - Parameter x: Any value; large values overflow to `+infinity`, very negative ones give 0.
    /// - Returns: `e^x`, correct to a few units in the last place.
    static func exponential(_ x: Self) -> Self
}

extension Double: FilterScalar {
    /// The natural logarithm of `x`, computed in pure Swift.
    ///
    /// The value is split into `2^e * m` with `m` in `[sqrt(1/2), sqrt(2))`, and `ln(m)` is summed
    /// from the `atanh` series `2 * (s + s^3/3 + s^5/5 + ...)` with `s = (m - 1) / (m + 1)`.
    ///
    /// ```swift
    /// Double.naturalLogarithm(1)   // 0
    /// ```
    /// - Parameter x: The argument.
    /// - Returns: `ln(x)`; `-infinity` for 0, NaN for negative or NaN input, `infinity` for infinity.
    @inlinable
    public static func naturalLogarithm(_ x: Double) -> Double {
        if x.isNaN || x < 0 { return .nan }
        if x == 0 { return -.infinity }
        if x.isInfinite { return .infinity }
        var exponent = Double(x.exponent)
        var m = x.significand  // in [1, 2)
        if m > 1.4142135623730951 {
            m *= 0.5
            exponent += 1
        }
        let s = (m - 1) / (m + 1)
        let s2 = s * s
        // |s| <= 0.1716, s^2 <= 0.0295: 14 terms reach far below one ulp.
        var term = s
        var sum = 0.0
        var k = 1.0
        for _ in 0..<14 {
            sum += term / k
            term *= s2
            k += 2
        }
        let ln2High = 0.6931471803691238
        let ln2Low = 1.9082149292705877e-10
        return exponent * ln2High + (2 * sum + exponent * ln2Low)
    }

    /// The exponential of `x`, computed in pure Swift.
    ///
    /// `x` is reduced to `k * ln 2 + r` with `|r| <= ln 2 / 2`, `e^r` is summed as a Taylor series
    /// (Horner form) and scaled by `2^k`.
    ///
    /// ```swift
    /// Double.exponential(0)   // 1
    /// ```
    /// - Parameter x: The argument.
    /// - Returns: `e^x`.
    @inlinable
    public static func exponential(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x > 709.8 { return .infinity }
        if x < -745.2 { return 0 }
        // Round to nearest without libm (`rounded()` calls C `round`, absent on bare-metal targets);
        // |x · log2 e| < 1076 here, so the Int conversion is exact.
        let scaled = x * 1.4426950408889634
        let k = Double(Int(scaled + (scaled >= 0 ? 0.5 : -0.5)))
        let ln2High = 0.6931471803691238
        let ln2Low = 1.9082149292705877e-10
        let r = (x - k * ln2High) - k * ln2Low
        // Taylor series in Horner form, innermost term first: 1 + r (1 + r/2 (1 + r/3 (...))).
        var sum = 1.0
        var n = 22.0
        while n >= 1 {
            sum = 1 + r / n * sum
            n -= 1
        }
        // Scale in two steps so that 2^k never overflows on its own near the limits.
        let half = Int(k) / 2
        return sum * Double(sign: .plus, exponent: half, significand: 1)
            * Double(sign: .plus, exponent: Int(k) - half, significand: 1)
    }
}

extension Float: FilterScalar {
    /// The natural logarithm of `x`, computed in `Double` and rounded.
    ///
    /// ```swift
    /// Float.naturalLogarithm(1)   // 0
    /// ```
    /// - Parameter x: The argument.
    /// - Returns: `ln(x)`.
    @inlinable
    public static func naturalLogarithm(_ x: Float) -> Float {
        Float(Double.naturalLogarithm(Double(x)))
    }

    /// The exponential of `x`, computed in `Double` and rounded.
    ///
    /// ```swift
    /// Float.exponential(0)   // 1
    /// ```
    /// - Parameter x: The argument.
    /// - Returns: `e^x`.
    @inlinable
    public static func exponential(_ x: Float) -> Float {
        Float(Double.exponential(Double(x)))
    }
}
