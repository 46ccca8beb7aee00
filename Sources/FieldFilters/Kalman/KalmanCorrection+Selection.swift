/// The measurement correction of ``kalmanCorrect(state:covariance:measurement:predicted:h:noise:gateThreshold:)``
/// for a selection matrix `H` (see ``MeasurementSelection``).
///
/// `H P` is rows of `P`, `H P H'` a block of it and `B H'` columns of `B`, so those products cost
/// nothing; with one or two measured quantities `S⁻¹` is formed in closed form (one division)
/// instead of by Cholesky solves (a division per element). The Joseph form is kept. The result
/// equals the dense path's up to rounding of the gain, and every refusal is the dense path's:
/// - a state or covariance holding NaN or infinity (or whose element sum overflows) runs the
///   dense path itself (whose zero products spread the NaN),
/// - `S` is the dense path's `S` bit for bit; when the closed form cannot show it is comfortably
///   positive definite (determinant below 64 ulps of `s₀₀ s₁₁`, overflow, NaN), the dense path's
///   Cholesky factorisation of that same `S` decides and solves.
///
/// - Parameters:
///   - state: The prior state, replaced by the posterior when the measurement is used.
///   - covariance: The prior covariance, replaced likewise.
///   - measurement: `z`, or `nil` when missing.
///   - selection: The structure of `h`.
///   - h: The measurement matrix (for the dense fallback).
///   - noise: `R`.
///   - gateThreshold: The chi-square gate or `nil`.
/// - Returns: The report.
/// - Complexity: O(N² M + M³).
@inlinable @inline(__always)
func kalmanCorrect<let N: Int, let M: Int, Scalar: FilterScalar>(
    state: inout Matrix<N, 1, Scalar>,
    covariance: inout Matrix<N, N, Scalar>,
    measurement: Matrix<M, 1, Scalar>?,
    selection: MeasurementSelection<M>,
    h: Matrix<M, N, Scalar>,
    noise: Matrix<M, M, Scalar>,
    gateThreshold: Scalar?
) -> KalmanUpdateReport<N, M, Scalar> {
    guard let z = measurement else { return KalmanUpdateReport(status: .missing) }
    guard z.isFinite else { return KalmanUpdateReport(status: .rejected(.nonFiniteMeasurement)) }
    // The sum of every element is finite only when each element is (a NaN or an infinity
    // propagates, and opposite infinities give NaN); a finite sum overflowing to infinity only
    // sends a finite filter down the dense path, which is the reference. 0 · sum is 0 exactly when
    // the sum is finite. One accumulator per column, so the sums are independent and vectorise.
    var lanes = InlineArray<N, Scalar>(repeating: 0)
    for r in 0..<N {
        for c in 0..<N { lanes[unchecked: c] += covariance.storage[unchecked: r][unchecked: c] }
    }
    var probe: Scalar = 0
    for c in 0..<N { probe += lanes[unchecked: c] + state.storage[unchecked: c][unchecked: 0] }
    guard probe * 0 == 0 else {
        return kalmanCorrect(
            state: &state, covariance: &covariance, measurement: z, predicted: h * state, h: h, noise: noise,
            gateThreshold: gateThreshold)
    }
    let columns = selection.columns
    // The 2-D constant-velocity layout [x, vx, y, vy] measuring positions: constant indices let
    // the written-out form keep its operands in registers. Double only: for Float the loop form
    // below vectorises four lanes wide and measured fewer instructions per step (callgrind).
    if N == 4, M == 2, MemoryLayout<Scalar>.size == 8, columns[unchecked: 0] == 0, columns[unchecked: 1] == 2 {
        var innovation = z
        for m in 0..<M {
            innovation.storage[unchecked: m][unchecked: 0] -=
                state.storage[unchecked: columns[unchecked: m]][unchecked: 0]
        }
        var report = KalmanUpdateReport<N, M, Scalar>(status: .updated)
        if kalmanCorrectFourByTwo(
            state: &state, covariance: &covariance, innovation: innovation, j0: 0, j1: 2, noise: noise,
            gateThreshold: gateThreshold, report: &report)
        {
            return report
        }
    }
    // H P (rows of P), P H' (columns of P), H x, H P H' and S = H P H' + R.
    var hp = Matrix<M, N, Scalar>(repeating: 0)
    var ph = Matrix<M, N, Scalar>(repeating: 0)
    var y = z
    for m in 0..<M {
        let j = columns[unchecked: m]
        hp.storage[unchecked: m] = covariance.storage[unchecked: j]
        for r in 0..<N { ph.storage[unchecked: m][unchecked: r] = covariance.storage[unchecked: r][unchecked: j] }
        y.storage[unchecked: m][unchecked: 0] -= state.storage[unchecked: j][unchecked: 0]
    }
    var hph = Matrix<M, M, Scalar>(repeating: 0)
    for i in 0..<M {
        for j in 0..<M {
            hph.storage[unchecked: i][unchecked: j] = ph.storage[unchecked: j][unchecked: columns[unchecked: i]]
        }
    }
    let s = hph + noise
    var report = KalmanUpdateReport<N, M, Scalar>(status: .updated)
    report.innovation = y
    report.innovationCovariance = s
    report.gateThreshold = gateThreshold
    // K' = S⁻¹ H P, because P is symmetric.
    let gainTransposed: Matrix<M, N, Scalar>
    let distance: Scalar
    if let inverse = closedFormInverse(s) {
        gainTransposed = inverse * hp
        distance = symmetricQuadraticForm(inverse, y)
    } else {
        let factor: CholeskyFactor<M, Scalar>
        do {
            factor = try CholeskyFactor(s)
        } catch {
            report.status = .rejected(.innovationCovarianceNotPositiveDefinite)
            return report
        }
        gainTransposed = factor.solve(hp)
        distance = factor.inverseQuadraticForm(y)
    }
    report.mahalanobisSquared = distance
    if let gate = gateThreshold, !(distance <= gate) {
        report.status = .rejected(.outsideGate)
        return report
    }
    for c in 0..<N {
        var sum: Scalar = 0
        for m in 0..<M {
            sum += gainTransposed.storage[unchecked: m][unchecked: c] * y.storage[unchecked: m][unchecked: 0]
        }
        state.storage[unchecked: c][unchecked: 0] += sum
    }
    // Joseph form as in the dense path: B = P - K (H P), C = B H' - K R, P = B - C K'. The
    // columns of B that C needs are formed from the columns of P (C' is M × N).
    var ct = Matrix<M, N, Scalar>(repeating: 0)
    for m in 0..<M {
        for r in 0..<N {
            var bColumn = ph.storage[unchecked: m][unchecked: r]
            var kr: Scalar = 0
            for j in 0..<M {
                let k = gainTransposed.storage[unchecked: j][unchecked: r]
                bColumn -= k * hph.storage[unchecked: j][unchecked: m]
                kr += k * noise.storage[unchecked: j][unchecked: m]
            }
            ct.storage[unchecked: m][unchecked: r] = bColumn - kr
        }
    }
    // The 2-D constant-velocity layout [x, vx, y, vy] measuring positions: constant indices let
    // the written-out form keep its operands in registers. Double only: for Float the loop form
    // below vectorises four lanes wide and measured fewer instructions per step (callgrind).
    if N == 4, M == 2, MemoryLayout<Scalar>.size == 8, columns[unchecked: 0] == 0, columns[unchecked: 1] == 2 {
        josephUpdateFourByTwo(&covariance, gainTransposed: gainTransposed, hp: hp, ct: ct)
    } else {
        for r in 0..<N {
            for m in 0..<M {
                let k = gainTransposed.storage[unchecked: m][unchecked: r]
                let cell = ct.storage[unchecked: m][unchecked: r]
                for c in 0..<N {
                    covariance.storage[unchecked: r][unchecked: c] -=
                        k * hp.storage[unchecked: m][unchecked: c] + cell
                        * gainTransposed.storage[unchecked: m][unchecked: c]
                }
            }
        }
    }
    report.gain = gainTransposed.transposed
    return report
}

/// `S⁻¹` in closed form for one or two measured quantities, read from the lower triangle of `S`
/// (as the Cholesky factorisation reads it), or `nil` when `S` is larger, not finite, or not
/// comfortably positive definite (the caller then factors it).
///
/// - Parameter s: The innovation covariance.
/// - Returns: The symmetric inverse, or `nil`.
@inlinable @inline(__always)
func closedFormInverse<let M: Int, Scalar: FilterScalar>(_ s: Matrix<M, M, Scalar>) -> Matrix<M, M, Scalar>? {
    if M == 1 {
        let a = s.storage[unchecked: 0][unchecked: 0]
        guard a > 0, a.isFinite else { return nil }
        return Matrix(repeating: 1 / a)
    }
    if M == 2 {
        let a = s.storage[unchecked: 0][unchecked: 0]
        let b = s.storage[unchecked: 1][unchecked: 0]
        let d = s.storage[unchecked: 1][unchecked: 1]
        let diagonalProduct = a * d
        let determinant = diagonalProduct - b * b
        // Both pivots of the Cholesky factorisation are then positive whatever the rounding.
        guard a > 0, determinant.isFinite, determinant > diagonalProduct * (64 * Scalar.ulpOfOne) else {
            return nil
        }
        let scale = 1 / determinant
        var inverse = Matrix<M, M, Scalar>(repeating: -b * scale)
        inverse.storage[unchecked: 0][unchecked: 0] = d * scale
        inverse.storage[unchecked: 1][unchecked: 1] = a * scale
        return inverse
    }
    return nil
}

/// `y' A y` for a symmetric `A`.
///
/// - Parameters:
///   - a: A symmetric matrix.
///   - y: A vector.
/// - Returns: The quadratic form.
@inlinable @inline(__always)
func symmetricQuadraticForm<let M: Int, Scalar: FilterScalar>(
    _ a: Matrix<M, M, Scalar>, _ y: Matrix<M, 1, Scalar>
)
    -> Scalar
{
    var total: Scalar = 0
    for i in 0..<M {
        var row: Scalar = 0
        for j in 0..<M { row += a.storage[unchecked: i][unchecked: j] * y.storage[unchecked: j][unchecked: 0] }
        total += y.storage[unchecked: i][unchecked: 0] * row
    }
    return total
}

/// The last Joseph step `P -= K (H P) + C K'` of the selection path, written out for 4 states and
/// 2 measurements (the loop form is not unrolled by the optimiser and keeps its operands on the
/// stack); the same operations in the same order as the loop.
///
/// - Parameters:
///   - covariance: `P`, updated in place.
///   - gainTransposed: `K'`.
///   - hp: `H P`.
///   - ct: `C'`.
/// - Precondition: `N == 4` and `M == 2` (checked by the caller).
@inlinable @inline(__always)
func josephUpdateFourByTwo<let N: Int, let M: Int, Scalar: FilterScalar>(
    _ covariance: inout Matrix<N, N, Scalar>, gainTransposed: Matrix<M, N, Scalar>, hp: Matrix<M, N, Scalar>,
    ct: Matrix<M, N, Scalar>
) {
    let k00 = gainTransposed.storage[unchecked: 0][unchecked: 0]
    let h00 = hp.storage[unchecked: 0][unchecked: 0]
    let c00 = ct.storage[unchecked: 0][unchecked: 0]
    let k01 = gainTransposed.storage[unchecked: 0][unchecked: 1]
    let h01 = hp.storage[unchecked: 0][unchecked: 1]
    let c01 = ct.storage[unchecked: 0][unchecked: 1]
    let k02 = gainTransposed.storage[unchecked: 0][unchecked: 2]
    let h02 = hp.storage[unchecked: 0][unchecked: 2]
    let c02 = ct.storage[unchecked: 0][unchecked: 2]
    let k03 = gainTransposed.storage[unchecked: 0][unchecked: 3]
    let h03 = hp.storage[unchecked: 0][unchecked: 3]
    let c03 = ct.storage[unchecked: 0][unchecked: 3]
    let k10 = gainTransposed.storage[unchecked: 1][unchecked: 0]
    let h10 = hp.storage[unchecked: 1][unchecked: 0]
    let c10 = ct.storage[unchecked: 1][unchecked: 0]
    let k11 = gainTransposed.storage[unchecked: 1][unchecked: 1]
    let h11 = hp.storage[unchecked: 1][unchecked: 1]
    let c11 = ct.storage[unchecked: 1][unchecked: 1]
    let k12 = gainTransposed.storage[unchecked: 1][unchecked: 2]
    let h12 = hp.storage[unchecked: 1][unchecked: 2]
    let c12 = ct.storage[unchecked: 1][unchecked: 2]
    let k13 = gainTransposed.storage[unchecked: 1][unchecked: 3]
    let h13 = hp.storage[unchecked: 1][unchecked: 3]
    let c13 = ct.storage[unchecked: 1][unchecked: 3]
    var p00 = covariance.storage[unchecked: 0][unchecked: 0]
    var p01 = covariance.storage[unchecked: 0][unchecked: 1]
    var p02 = covariance.storage[unchecked: 0][unchecked: 2]
    var p03 = covariance.storage[unchecked: 0][unchecked: 3]
    var p10 = covariance.storage[unchecked: 1][unchecked: 0]
    var p11 = covariance.storage[unchecked: 1][unchecked: 1]
    var p12 = covariance.storage[unchecked: 1][unchecked: 2]
    var p13 = covariance.storage[unchecked: 1][unchecked: 3]
    var p20 = covariance.storage[unchecked: 2][unchecked: 0]
    var p21 = covariance.storage[unchecked: 2][unchecked: 1]
    var p22 = covariance.storage[unchecked: 2][unchecked: 2]
    var p23 = covariance.storage[unchecked: 2][unchecked: 3]
    var p30 = covariance.storage[unchecked: 3][unchecked: 0]
    var p31 = covariance.storage[unchecked: 3][unchecked: 1]
    var p32 = covariance.storage[unchecked: 3][unchecked: 2]
    var p33 = covariance.storage[unchecked: 3][unchecked: 3]
    p00 -= k00 * h00 + c00 * k00
    p01 -= k00 * h01 + c00 * k01
    p02 -= k00 * h02 + c00 * k02
    p03 -= k00 * h03 + c00 * k03
    p00 -= k10 * h10 + c10 * k10
    p01 -= k10 * h11 + c10 * k11
    p02 -= k10 * h12 + c10 * k12
    p03 -= k10 * h13 + c10 * k13
    p10 -= k01 * h00 + c01 * k00
    p11 -= k01 * h01 + c01 * k01
    p12 -= k01 * h02 + c01 * k02
    p13 -= k01 * h03 + c01 * k03
    p10 -= k11 * h10 + c11 * k10
    p11 -= k11 * h11 + c11 * k11
    p12 -= k11 * h12 + c11 * k12
    p13 -= k11 * h13 + c11 * k13
    p20 -= k02 * h00 + c02 * k00
    p21 -= k02 * h01 + c02 * k01
    p22 -= k02 * h02 + c02 * k02
    p23 -= k02 * h03 + c02 * k03
    p20 -= k12 * h10 + c12 * k10
    p21 -= k12 * h11 + c12 * k11
    p22 -= k12 * h12 + c12 * k12
    p23 -= k12 * h13 + c12 * k13
    p30 -= k03 * h00 + c03 * k00
    p31 -= k03 * h01 + c03 * k01
    p32 -= k03 * h02 + c03 * k02
    p33 -= k03 * h03 + c03 * k03
    p30 -= k13 * h10 + c13 * k10
    p31 -= k13 * h11 + c13 * k11
    p32 -= k13 * h12 + c13 * k12
    p33 -= k13 * h13 + c13 * k13
    covariance.storage[unchecked: 0][unchecked: 0] = p00
    covariance.storage[unchecked: 0][unchecked: 1] = p01
    covariance.storage[unchecked: 0][unchecked: 2] = p02
    covariance.storage[unchecked: 0][unchecked: 3] = p03
    covariance.storage[unchecked: 1][unchecked: 0] = p10
    covariance.storage[unchecked: 1][unchecked: 1] = p11
    covariance.storage[unchecked: 1][unchecked: 2] = p12
    covariance.storage[unchecked: 1][unchecked: 3] = p13
    covariance.storage[unchecked: 2][unchecked: 0] = p20
    covariance.storage[unchecked: 2][unchecked: 1] = p21
    covariance.storage[unchecked: 2][unchecked: 2] = p22
    covariance.storage[unchecked: 2][unchecked: 3] = p23
    covariance.storage[unchecked: 3][unchecked: 0] = p30
    covariance.storage[unchecked: 3][unchecked: 1] = p31
    covariance.storage[unchecked: 3][unchecked: 2] = p32
    covariance.storage[unchecked: 3][unchecked: 3] = p33
}
