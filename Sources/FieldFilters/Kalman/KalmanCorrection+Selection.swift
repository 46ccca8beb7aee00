/// The measurement correction of ``kalmanCorrect(state:covariance:measurement:predicted:h:noise:gateThreshold:)``
/// for a selection matrix `H` (see ``MeasurementSelection``).
///
/// `H P` is rows of `P`, `H P H'` a block of it and `B H'` columns of `B`, so those products cost
/// nothing; with one or two measured quantities `S⁻¹` is formed in closed form (one division)
/// instead of by Cholesky solves (a division per element). The Joseph form is kept. The result
/// equals the dense path's up to rounding of the gain, and every refusal is the dense path's:
/// - a state or covariance holding NaN or infinity runs the dense path itself (whose zero
///   products spread the NaN),
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
@inlinable
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
    // 0 · v is 0 for every finite v and NaN otherwise: one NaN makes the probe non-zero. One
    // accumulator per column, so the sums are independent and vectorise.
    var lanes = InlineArray<N, Scalar>(repeating: 0)
    for r in 0..<N {
        for c in 0..<N { lanes[unchecked: c] += covariance.storage[unchecked: r][unchecked: c] * 0 }
    }
    var probe: Scalar = 0
    for c in 0..<N { probe += lanes[unchecked: c] + state.storage[unchecked: c][unchecked: 0] * 0 }
    guard probe == 0 else {
        return kalmanCorrect(
            state: &state, covariance: &covariance, measurement: z, predicted: h * state, h: h, noise: noise,
            gateThreshold: gateThreshold)
    }
    let columns = selection.columns
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
