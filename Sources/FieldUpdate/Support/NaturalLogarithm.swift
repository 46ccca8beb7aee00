/// The natural logarithm without Foundation or libm, for the planner's likelihood ratios.
///
/// Splits `x` into `m · 2^e` with `m` in [√½, √2), then sums the series
/// `ln m = 2·atanh(s) = 2(s + s³/3 + s⁵/5 + …)` with `s = (m − 1)/(m + 1)`, |s| < 0.172.
/// Accurate to a few ulps; returns `-infinity` for 0 and NaN for negative input.
internal func naturalLogarithm(_ x: Double) -> Double {
    if x.isNaN || x < 0 { return .nan }
    if x == 0 { return -.infinity }
    if x.isInfinite { return .infinity }
    var m = x.significand  // [1, 2)
    var e = Double(x.exponent)
    if m > 1.4142135623730951 {
        m /= 2
        e += 1
    }
    let s = (m - 1) / (m + 1)
    let s2 = s * s
    var term = s
    var sum = 0.0
    var k = 1.0
    while true {
        let next = sum + term / k
        if next == sum { break }
        sum = next
        term *= s2
        k += 2
    }
    return 2 * sum + e * 0.6931471805599453
}
