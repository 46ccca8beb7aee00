/// The chi-square distribution, for choosing innovation gates without a statistics library.
///
/// A Kalman filter's squared Mahalanobis distance `y' S⁻¹ y` follows a chi-square distribution with
/// as many degrees of freedom as measured quantities when the model is right. Gating at the
/// `p` quantile keeps a fraction `p` of good measurements and rejects the rest, jumps included.
///
/// ```swift
/// let gate = try ChiSquare.quantile(0.999, degreesOfFreedom: 2)   // 13.815510557964274
/// var filter = KalmanFilter<4, 2, Double>(..., gateThreshold: gate)
/// ```
public enum ChiSquare {
    /// The largest number of degrees of freedom supported.
    public static let maximumDegreesOfFreedom = 200

    /// `P(χ²ₖ ≤ x)`, the cumulative distribution function.
    ///
    /// Computed as the regularised lower incomplete gamma function `P(k/2, x/2)` (series below the
    /// mean, Lentz's continued fraction above it).
    ///
    /// ```swift
    /// ChiSquare.cumulativeProbability(13.8155, degreesOfFreedom: 2)   // ≈ 0.999
    /// ```
    /// - Parameters:
    ///   - x: The value (negative values give 0).
    ///   - degreesOfFreedom: `k` in `1...maximumDegreesOfFreedom`.
    /// - Returns: The probability, or NaN for NaN `x` or an unsupported `k`.
    public static func cumulativeProbability<Scalar: FilterScalar>(_ x: Scalar, degreesOfFreedom: Int) -> Scalar {
        guard degreesOfFreedom >= 1, degreesOfFreedom <= maximumDegreesOfFreedom, !x.isNaN else { return .nan }
        let (lower, _) = regularizedGamma(Double(degreesOfFreedom) / 2, Double(x) / 2)
        return Scalar(lower)
    }

    /// The `probability` quantile: the `x` with `P(χ²ₖ ≤ x) = probability`.
    ///
    /// ```swift
    /// let gate = try ChiSquare.quantile(0.99, degreesOfFreedom: 3)   // 11.344866730144373
    /// ```
    /// - Parameters:
    ///   - probability: In `(0, 1)`.
    ///   - degreesOfFreedom: `k` in `1...maximumDegreesOfFreedom`.
    /// - Returns: The quantile, found by bisection to the last bit.
    /// - Throws: ``FieldFiltersError/invalidParameter(name:reason:)`` for a probability outside `(0, 1)` or
    ///   an unsupported `k`.
    /// - Complexity: About 1,100 evaluations of the incomplete gamma function.
    public static func quantile<Scalar: FilterScalar>(
        _ probability: Scalar, degreesOfFreedom: Int
    ) throws(FieldFiltersError)
        -> Scalar
    {
        guard probability > 0, probability < 1 else {
            throw .invalidParameter(name: "probability", reason: "must be in (0, 1)")
        }
        guard degreesOfFreedom >= 1, degreesOfFreedom <= maximumDegreesOfFreedom else {
            throw .invalidParameter(name: "degreesOfFreedom", reason: "must be in 1...200")
        }
        let p = Double(probability)
        let a = Double(degreesOfFreedom) / 2
        // Compare on the smaller tail for precision: P below the median, Q above it.
        func belowTarget(_ x: Double) -> Bool {
            let (lower, upper) = regularizedGamma(a, x / 2)
            return p <= 0.5 ? lower < p : upper > 1 - p
        }
        var low = 0.0
        var high = max(1.0, 2 * a)
        while belowTarget(high) { high *= 2 }
        for _ in 0..<1100 {
            let mid = (low + high) / 2
            if mid <= low || mid >= high { break }
            if belowTarget(mid) { low = mid } else { high = mid }
        }
        return Scalar((low + high) / 2)
    }

    /// `(P(a, x), Q(a, x))`, the regularised lower and upper incomplete gamma functions.
    static func regularizedGamma(_ a: Double, _ x: Double) -> (Double, Double) {
        if x <= 0 { return (0, 1) }
        if x.isInfinite { return (1, 0) }
        let logPrefactor = -x + a * Double.naturalLogarithm(x) - logGamma(a)
        if x < a + 1 {
            // Series: P = e^(-x) x^a / Γ(a) · Σ xⁿ / (a (a+1) ... (a+n)).
            var term = 1 / a
            var sum = term
            var n = 1.0
            while n < 10_000 {
                term *= x / (a + n)
                sum += term
                if term < sum * 1e-17 { break }
                n += 1
            }
            let lower = min(1, sum * Double.exponential(logPrefactor))
            return (lower, 1 - lower)
        }
        // Continued fraction for Q (modified Lentz).
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        var i = 1.0
        while i < 10_000 {
            let an = -i * (i - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-17 { break }
            i += 1
        }
        let upper = min(1, Double.exponential(logPrefactor) * h)
        return (1 - upper, upper)
    }

    /// `ln Γ(a)` for `a` a positive multiple of 1/2, exactly from the recurrence `Γ(a+1) = a Γ(a)`.
    static func logGamma(_ a: Double) -> Double {
        var sum = 0.0
        var z: Double
        if a == Double(Int(a)) {  // a ≤ 100: exact; avoids libm's round on bare metal
            z = 1  // Γ(1) = 1
        } else {
            z = 0.5
            sum = 0.5723649429247001  // ln √π = ln Γ(1/2)
        }
        while z < a {
            sum += Double.naturalLogarithm(z)
            z += 1
        }
        return sum
    }
}
