/// The selection path of ``kalmanCorrect(state:covariance:measurement:selection:h:noise:gateThreshold:)``
/// written out for 4 states and 2 measured quantities (a 2-D constant-velocity filter measuring
/// positions): every operand in a local, the same operations in the same order as the loop form,
/// so the result is the loop form's.
///
/// Returns `false`, having changed nothing, when the closed-form `S⁻¹` cannot be used (`S` not
/// comfortably positive definite or not finite); the caller then runs the loop form, which factors
/// `S`.
///
/// - Parameters:
///   - state: The prior state, replaced by the posterior when the measurement is used.
///   - covariance: The prior covariance (finite), replaced likewise.
///   - innovation: `y = z - H x`.
///   - j0: The state the first measured quantity selects (in `0..<4`).
///   - j1: The state the second measured quantity selects (in `0..<4`).
///   - noise: `R`.
///   - gateThreshold: The chi-square gate or `nil`.
///   - report: Filled in when the function returns `true`.
/// - Returns: Whether the step was handled here.
/// - Precondition: `N == 4` and `M == 2` (checked by the caller).
@inlinable @inline(__always)
func kalmanCorrectFourByTwo<let N: Int, let M: Int, Scalar: FilterScalar>(
    state: inout Matrix<N, 1, Scalar>,
    covariance: inout Matrix<N, N, Scalar>,
    innovation: Matrix<M, 1, Scalar>,
    j0: Int,
    j1: Int,
    noise: Matrix<M, M, Scalar>,
    gateThreshold: Scalar?,
    report: inout KalmanUpdateReport<N, M, Scalar>
) -> Bool {
    let r00 = noise.storage[unchecked: 0][unchecked: 0]
    let r01 = noise.storage[unchecked: 0][unchecked: 1]
    let r10 = noise.storage[unchecked: 1][unchecked: 0]
    let r11 = noise.storage[unchecked: 1][unchecked: 1]
    // H P H' is the (j0, j1) block of P; S = H P H' + R.
    let q00 = covariance.storage[unchecked: j0][unchecked: j0]
    let q01 = covariance.storage[unchecked: j0][unchecked: j1]
    let q10 = covariance.storage[unchecked: j1][unchecked: j0]
    let q11 = covariance.storage[unchecked: j1][unchecked: j1]
    let s00 = q00 + r00
    let s01 = q01 + r01
    let s10 = q10 + r10
    let s11 = q11 + r11
    // The closed-form inverse of closedFormInverse(_:), read from the lower triangle.
    let diagonalProduct = s00 * s11
    let determinant = diagonalProduct - s10 * s10
    guard s00 > 0, determinant.isFinite, determinant > diagonalProduct * (64 * Scalar.ulpOfOne) else {
        return false
    }
    let scale = 1 / determinant
    let i00 = s11 * scale
    let i01 = -s10 * scale
    let i11 = s00 * scale
    let y0 = innovation.storage[unchecked: 0][unchecked: 0]
    let y1 = innovation.storage[unchecked: 1][unchecked: 0]
    let distance = y0 * (i00 * y0 + i01 * y1) + y1 * (i01 * y0 + i11 * y1)
    report.innovation = innovation
    report.innovationCovariance.storage[unchecked: 0][unchecked: 0] = s00
    report.innovationCovariance.storage[unchecked: 0][unchecked: 1] = s01
    report.innovationCovariance.storage[unchecked: 1][unchecked: 0] = s10
    report.innovationCovariance.storage[unchecked: 1][unchecked: 1] = s11
    report.gateThreshold = gateThreshold
    report.mahalanobisSquared = distance
    if let gate = gateThreshold, !(distance <= gate) {
        report.status = .rejected(.outsideGate)
        return true
    }
    // Rows j0, j1 of P (H P) and columns j0, j1 (P H', stored as rows).
    var hp = Matrix<M, N, Scalar>(repeating: 0)
    var ph = Matrix<M, N, Scalar>(repeating: 0)
    for c in 0..<4 {
        hp.storage[unchecked: 0][unchecked: c] = covariance.storage[unchecked: j0][unchecked: c]
        hp.storage[unchecked: 1][unchecked: c] = covariance.storage[unchecked: j1][unchecked: c]
        ph.storage[unchecked: 0][unchecked: c] = covariance.storage[unchecked: c][unchecked: j0]
        ph.storage[unchecked: 1][unchecked: c] = covariance.storage[unchecked: c][unchecked: j1]
    }
    let gainTransposed = fourByTwoGainTransposed(hp: hp, i00: i00, i01: i01, i11: i11)
    state.storage[unchecked: 0][unchecked: 0] +=
        gainTransposed.storage[unchecked: 0][unchecked: 0] * y0 + gainTransposed.storage[unchecked: 1][unchecked: 0]
        * y1
    state.storage[unchecked: 1][unchecked: 0] +=
        gainTransposed.storage[unchecked: 0][unchecked: 1] * y0 + gainTransposed.storage[unchecked: 1][unchecked: 1]
        * y1
    state.storage[unchecked: 2][unchecked: 0] +=
        gainTransposed.storage[unchecked: 0][unchecked: 2] * y0 + gainTransposed.storage[unchecked: 1][unchecked: 2]
        * y1
    state.storage[unchecked: 3][unchecked: 0] +=
        gainTransposed.storage[unchecked: 0][unchecked: 3] * y0 + gainTransposed.storage[unchecked: 1][unchecked: 3]
        * y1
    let q: InlineArray<4, Scalar> = [q00, q01, q10, q11]
    let r: InlineArray<4, Scalar> = [r00, r01, r10, r11]
    let ct = fourByTwoCrossTerm(ph: ph, gainTransposed: gainTransposed, q: q, r: r)
    // P = B - C K' = P - K (H P) - C K'.
    josephUpdateFourByTwo(&covariance, gainTransposed: gainTransposed, hp: hp, ct: ct)
    report.gain = gainTransposed.transposed
    return true
}

/// `K' = S⁻¹ H P` for two measured quantities, from the closed-form inverse's three distinct
/// elements.
///
/// - Parameters:
///   - hp: `H P` (rows `j0`, `j1` of `P`).
///   - i00: `S⁻¹[0][0]`.
///   - i01: `S⁻¹[0][1]`, which equals `S⁻¹[1][0]`.
///   - i11: `S⁻¹[1][1]`.
/// - Returns: `K'`.
@inlinable @inline(__always)
func fourByTwoGainTransposed<let N: Int, let M: Int, Scalar: FilterScalar>(
    hp: Matrix<M, N, Scalar>, i00: Scalar, i01: Scalar, i11: Scalar
) -> Matrix<M, N, Scalar> {
    var gainTransposed = Matrix<M, N, Scalar>(repeating: 0)
    for c in 0..<4 {
        let h0 = hp.storage[unchecked: 0][unchecked: c]
        let h1 = hp.storage[unchecked: 1][unchecked: c]
        gainTransposed.storage[unchecked: 0][unchecked: c] = i00 * h0 + i01 * h1
        gainTransposed.storage[unchecked: 1][unchecked: c] = i01 * h0 + i11 * h1
    }
    return gainTransposed
}

/// `C' = (P - K H P) H' - K R`, column by column as in the loop form.
///
/// - Parameters:
///   - ph: `(P H')'` (columns `j0`, `j1` of `P`, stored as rows).
///   - gainTransposed: `K'`.
///   - q: `H P H'` as `[q00, q01, q10, q11]`.
///   - r: `R` as `[r00, r01, r10, r11]`.
/// - Returns: `C'`.
@inlinable @inline(__always)
func fourByTwoCrossTerm<let N: Int, let M: Int, Scalar: FilterScalar>(
    ph: Matrix<M, N, Scalar>, gainTransposed: Matrix<M, N, Scalar>, q: InlineArray<4, Scalar>,
    r: InlineArray<4, Scalar>
) -> Matrix<M, N, Scalar> {
    var ct = Matrix<M, N, Scalar>(repeating: 0)
    for c in 0..<4 {
        let k0 = gainTransposed.storage[unchecked: 0][unchecked: c]
        let k1 = gainTransposed.storage[unchecked: 1][unchecked: c]
        let g0 = ph.storage[unchecked: 0][unchecked: c]
        let g1 = ph.storage[unchecked: 1][unchecked: c]
        ct.storage[unchecked: 0][unchecked: c] =
            (g0 - k0 * q[unchecked: 0] - k1 * q[unchecked: 2]) - (k0 * r[unchecked: 0] + k1 * r[unchecked: 2])
        ct.storage[unchecked: 1][unchecked: c] =
            (g1 - k0 * q[unchecked: 1] - k1 * q[unchecked: 3]) - (k0 * r[unchecked: 1] + k1 * r[unchecked: 3])
    }
    return ct
}
