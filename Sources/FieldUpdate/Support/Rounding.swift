/// `x` rounded to the nearest integer (halves up), for non-negative `x`, without libm's `round`
/// (not linked in Embedded builds).
internal func roundedToInt(_ x: Double) -> Int {
    guard x > 0 else { return 0 }
    return Int(x + 0.5)
}

/// The smallest integer not below `x`, for non-negative `x`, without libm's `ceil`.
internal func ceilingToInt(_ x: Double) -> Int {
    guard x > 0 else { return 0 }
    let whole = Int(x)
    return Double(whole) < x ? whole + 1 : whole
}
