/// Rounding without libm (bare-metal targets have no `round`/`floor`): integer conversion and
/// exact floating-point subtraction only.
enum Rounding {
    /// Rounds to the nearest integer, ties away from zero (C's `round`).
    @inline(__always)
    static func halfAwayFromZero(_ x: Double) -> Double {
        guard x.isFinite, x.magnitude < 4_503_599_627_370_496 else { return x }  // 2^52: already integral
        let whole = Double(Int64(x))  // truncates toward zero
        let fraction = x - whole  // exact
        if fraction >= 0.5 { return whole + 1 }
        if fraction <= -0.5 { return whole - 1 }
        return whole
    }

    /// Rounds to the nearest integer, ties away from zero (C's `roundf`).
    @inline(__always)
    static func halfAwayFromZero(_ x: Float) -> Float {
        Float(halfAwayFromZero(Double(x)))  // exact: the rounded value is representable in Float
    }

    /// The largest integer not greater than `x` (C's `floor`).
    @inline(__always)
    static func floor(_ x: Double) -> Double {
        guard x.isFinite, x.magnitude < 4_503_599_627_370_496 else { return x }
        let whole = Double(Int64(x))
        return whole > x ? whole - 1 : whole
    }
}
