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
    guard allFinite(state: state, covariance: covariance) else {
        return kalmanCorrect(
            state: &state, covariance: &covariance, measurement: z, predicted: h * state, h: h, noise: noise,
            gateThreshold: gateThreshold)
    }
    let columns = selection.columns
    // The 2-D constant-velocity layout [x, vx, y, vy] measuring positions: constant indices let
    // the written-out form keep its operands in registers. Double only: for Float the loop form
    // below vectorises four lanes wide and measured fewer instructions per step (callgrind).
    let fourByTwo =
        N == 4 && M == 2 && MemoryLayout<Scalar>.size == 8 && columns[unchecked: 0] == 0 && columns[unchecked: 1] == 2
    if fourByTwo {
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
    var hph = Matrix<M, M, Scalar>(repeating: 0)
    selectProducts(covariance: covariance, state: state, columns: columns, hp: &hp, ph: &ph, innovation: &y, hph: &hph)
    let s = hph + noise
    var report = KalmanUpdateReport<N, M, Scalar>(status: .updated)
    report.innovation = y
    report.innovationCovariance = s
    report.gateThreshold = gateThreshold
    // K' = S⁻¹ H P, because P is symmetric.
    guard let (gainTransposed, distance) = selectionGain(s, hp: hp, innovation: y) else {
        report.status = .rejected(.innovationCovarianceNotPositiveDefinite)
        return report
    }
    report.mahalanobisSquared = distance
    if let gate = gateThreshold, !(distance <= gate) {
        report.status = .rejected(.outsideGate)
        return report
    }
    addCorrection(&state, gainTransposed: gainTransposed, innovation: y)
    let ct = josephCrossTerm(ph: ph, hph: hph, gainTransposed: gainTransposed, noise: noise)
    // The same layout as above: the written-out form of the last Joseph step.
    if fourByTwo {
        josephUpdateFourByTwo(&covariance, gainTransposed: gainTransposed, hp: hp, ct: ct)
    } else {
        josephUpdate(&covariance, gainTransposed: gainTransposed, hp: hp, ct: ct)
    }
    report.gain = gainTransposed.transposed
    return report
}

/// Whether every element of a state and its covariance is finite.
///
/// The sum of every element is finite only when each element is (a NaN or an infinity
/// propagates, and opposite infinities give NaN); a finite sum overflowing to infinity only
/// sends a finite filter down the dense path, which is the reference. 0 · sum is 0 exactly when
/// the sum is finite. One accumulator per column, so the sums are independent and vectorise.
///
/// - Parameters:
///   - state: `x`.
///   - covariance: `P`.
/// - Returns: `false` when an element (or the sum) is not finite.
/// - Complexity: O(N²).
@inlinable @inline(__always)
func allFinite<let N: Int, Scalar: FilterScalar>(
    state: Matrix<N, 1, Scalar>, covariance: Matrix<N, N, Scalar>
) -> Bool {
    var lanes = InlineArray<N, Scalar>(repeating: 0)
    for r in 0..<N {
        for c in 0..<N { lanes[unchecked: c] += covariance.storage[unchecked: r][unchecked: c] }
    }
    var probe: Scalar = 0
    for c in 0..<N { probe += lanes[unchecked: c] + state.storage[unchecked: c][unchecked: 0] }
    return probe * 0 == 0
}

/// The products a selection matrix makes free: `H P` (rows of `P`), `P H'` (columns of `P`, stored
/// as rows), `y = z - H x` and `H P H'`.
///
/// - Parameters:
///   - covariance: `P`.
///   - state: `x`.
///   - columns: The state each measured quantity selects.
///   - hp: Receives `H P`.
///   - ph: Receives `(P H')'`.
///   - innovation: Holds `z` on entry, `z - H x` on return.
///   - hph: Receives `H P H'`.
/// - Complexity: O(N M + M²).
@inlinable @inline(__always)
func selectProducts<let N: Int, let M: Int, Scalar: FilterScalar>(
    covariance: Matrix<N, N, Scalar>, state: Matrix<N, 1, Scalar>, columns: InlineArray<M, Int>,
    hp: inout Matrix<M, N, Scalar>, ph: inout Matrix<M, N, Scalar>, innovation: inout Matrix<M, 1, Scalar>,
    hph: inout Matrix<M, M, Scalar>
) {
    for m in 0..<M {
        let j = columns[unchecked: m]
        hp.storage[unchecked: m] = covariance.storage[unchecked: j]
        for r in 0..<N { ph.storage[unchecked: m][unchecked: r] = covariance.storage[unchecked: r][unchecked: j] }
        innovation.storage[unchecked: m][unchecked: 0] -= state.storage[unchecked: j][unchecked: 0]
    }
    for i in 0..<M {
        for j in 0..<M {
            hph.storage[unchecked: i][unchecked: j] = ph.storage[unchecked: j][unchecked: columns[unchecked: i]]
        }
    }
}

/// `K' = S⁻¹ H P` and the squared Mahalanobis distance `y' S⁻¹ y`, by the closed-form inverse
/// when it applies and by Cholesky solves otherwise.
///
/// - Parameters:
///   - s: The innovation covariance `S`.
///   - hp: `H P`.
///   - innovation: `y`.
/// - Returns: The transposed gain and the distance, or `nil` when `S` is not positive definite.
/// - Complexity: O(M² N + M³).
@inlinable @inline(__always)
func selectionGain<let N: Int, let M: Int, Scalar: FilterScalar>(
    _ s: Matrix<M, M, Scalar>, hp: Matrix<M, N, Scalar>, innovation: Matrix<M, 1, Scalar>
) -> (gainTransposed: Matrix<M, N, Scalar>, distance: Scalar)? {
    if let inverse = closedFormInverse(s) {
        return (inverse * hp, symmetricQuadraticForm(inverse, innovation))
    }
    let factor: CholeskyFactor<M, Scalar>
    do {
        factor = try CholeskyFactor(s)
    } catch {
        return nil
    }
    return (factor.solve(hp), factor.inverseQuadraticForm(innovation))
}

/// `x += K y`, with `K` given transposed.
///
/// - Parameters:
///   - state: `x`, corrected in place.
///   - gainTransposed: `K'`.
///   - innovation: `y`.
/// - Complexity: O(N M).
@inlinable @inline(__always)
func addCorrection<let N: Int, let M: Int, Scalar: FilterScalar>(
    _ state: inout Matrix<N, 1, Scalar>, gainTransposed: Matrix<M, N, Scalar>, innovation: Matrix<M, 1, Scalar>
) {
    for c in 0..<N {
        var sum: Scalar = 0
        for m in 0..<M {
            sum += gainTransposed.storage[unchecked: m][unchecked: c] * innovation.storage[unchecked: m][unchecked: 0]
        }
        state.storage[unchecked: c][unchecked: 0] += sum
    }
}

/// `C'` of the Joseph form as in the dense path: `B = P - K (H P)`, `C = B H' - K R`. The columns
/// of `B` that `C` needs are formed from the columns of `P` (`C'` is M × N).
///
/// - Parameters:
///   - ph: `(P H')'`.
///   - hph: `H P H'`.
///   - gainTransposed: `K'`.
///   - noise: `R`.
/// - Returns: `C'`.
/// - Complexity: O(N M²).
@inlinable @inline(__always)
func josephCrossTerm<let N: Int, let M: Int, Scalar: FilterScalar>(
    ph: Matrix<M, N, Scalar>, hph: Matrix<M, M, Scalar>, gainTransposed: Matrix<M, N, Scalar>,
    noise: Matrix<M, M, Scalar>
) -> Matrix<M, N, Scalar> {
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
    return ct
}

/// The last Joseph step `P = B - C K' = P - K (H P) - C K'`, in loop form.
///
/// - Parameters:
///   - covariance: `P`, updated in place.
///   - gainTransposed: `K'`.
///   - hp: `H P`.
///   - ct: `C'`.
/// - Complexity: O(N² M).
@inlinable @inline(__always)
func josephUpdate<let N: Int, let M: Int, Scalar: FilterScalar>(
    _ covariance: inout Matrix<N, N, Scalar>, gainTransposed: Matrix<M, N, Scalar>, hp: Matrix<M, N, Scalar>,
    ct: Matrix<M, N, Scalar>
) {
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
/// stack); the same operations in the same order as the loop, one row of `P` at a time.
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
    josephRowFourByTwo(&covariance, row: 0, gainTransposed: gainTransposed, hp: hp, ct: ct)
    josephRowFourByTwo(&covariance, row: 1, gainTransposed: gainTransposed, hp: hp, ct: ct)
    josephRowFourByTwo(&covariance, row: 2, gainTransposed: gainTransposed, hp: hp, ct: ct)
    josephRowFourByTwo(&covariance, row: 3, gainTransposed: gainTransposed, hp: hp, ct: ct)
}

/// One row of ``josephUpdateFourByTwo(_:gainTransposed:hp:ct:)``: for each column `c`,
/// `P[r][c] -= K'[0][r] HP[0][c] + C'[0][r] K'[0][c]`, then the same with measurement 1.
///
/// - Parameters:
///   - covariance: `P`, whose row `row` is updated in place.
///   - row: The row, in `0..<4` (a constant once inlined).
///   - gainTransposed: `K'`.
///   - hp: `H P`.
///   - ct: `C'`.
@inlinable @inline(__always)
func josephRowFourByTwo<let N: Int, let M: Int, Scalar: FilterScalar>(
    _ covariance: inout Matrix<N, N, Scalar>, row r: Int, gainTransposed: Matrix<M, N, Scalar>,
    hp: Matrix<M, N, Scalar>, ct: Matrix<M, N, Scalar>
) {
    let k0 = gainTransposed.storage[unchecked: 0][unchecked: r]
    let c0 = ct.storage[unchecked: 0][unchecked: r]
    let k1 = gainTransposed.storage[unchecked: 1][unchecked: r]
    let c1 = ct.storage[unchecked: 1][unchecked: r]
    var p0 = covariance.storage[unchecked: r][unchecked: 0]
    var p1 = covariance.storage[unchecked: r][unchecked: 1]
    var p2 = covariance.storage[unchecked: r][unchecked: 2]
    var p3 = covariance.storage[unchecked: r][unchecked: 3]
    p0 -= k0 * hp.storage[unchecked: 0][unchecked: 0] + c0 * gainTransposed.storage[unchecked: 0][unchecked: 0]
    p1 -= k0 * hp.storage[unchecked: 0][unchecked: 1] + c0 * gainTransposed.storage[unchecked: 0][unchecked: 1]
    p2 -= k0 * hp.storage[unchecked: 0][unchecked: 2] + c0 * gainTransposed.storage[unchecked: 0][unchecked: 2]
    p3 -= k0 * hp.storage[unchecked: 0][unchecked: 3] + c0 * gainTransposed.storage[unchecked: 0][unchecked: 3]
    p0 -= k1 * hp.storage[unchecked: 1][unchecked: 0] + c1 * gainTransposed.storage[unchecked: 1][unchecked: 0]
    p1 -= k1 * hp.storage[unchecked: 1][unchecked: 1] + c1 * gainTransposed.storage[unchecked: 1][unchecked: 1]
    p2 -= k1 * hp.storage[unchecked: 1][unchecked: 2] + c1 * gainTransposed.storage[unchecked: 1][unchecked: 2]
    p3 -= k1 * hp.storage[unchecked: 1][unchecked: 3] + c1 * gainTransposed.storage[unchecked: 1][unchecked: 3]
    covariance.storage[unchecked: r][unchecked: 0] = p0
    covariance.storage[unchecked: r][unchecked: 1] = p1
    covariance.storage[unchecked: r][unchecked: 2] = p2
    covariance.storage[unchecked: r][unchecked: 3] = p3
}
