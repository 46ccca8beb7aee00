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
    // Rows j0, j1 of P (H P) and columns j0, j1 (P H').
    let h00 = covariance.storage[unchecked: j0][unchecked: 0]
    let h01 = covariance.storage[unchecked: j0][unchecked: 1]
    let h02 = covariance.storage[unchecked: j0][unchecked: 2]
    let h03 = covariance.storage[unchecked: j0][unchecked: 3]
    let g00 = covariance.storage[unchecked: 0][unchecked: j0]
    let g01 = covariance.storage[unchecked: 1][unchecked: j0]
    let g02 = covariance.storage[unchecked: 2][unchecked: j0]
    let g03 = covariance.storage[unchecked: 3][unchecked: j0]
    let h10 = covariance.storage[unchecked: j1][unchecked: 0]
    let h11 = covariance.storage[unchecked: j1][unchecked: 1]
    let h12 = covariance.storage[unchecked: j1][unchecked: 2]
    let h13 = covariance.storage[unchecked: j1][unchecked: 3]
    let g10 = covariance.storage[unchecked: 0][unchecked: j1]
    let g11 = covariance.storage[unchecked: 1][unchecked: j1]
    let g12 = covariance.storage[unchecked: 2][unchecked: j1]
    let g13 = covariance.storage[unchecked: 3][unchecked: j1]
    // K' = S⁻¹ H P.
    let k00 = i00 * h00 + i01 * h10
    let k10 = i01 * h00 + i11 * h10
    let k01 = i00 * h01 + i01 * h11
    let k11 = i01 * h01 + i11 * h11
    let k02 = i00 * h02 + i01 * h12
    let k12 = i01 * h02 + i11 * h12
    let k03 = i00 * h03 + i01 * h13
    let k13 = i01 * h03 + i11 * h13
    state.storage[unchecked: 0][unchecked: 0] += k00 * y0 + k10 * y1
    state.storage[unchecked: 1][unchecked: 0] += k01 * y0 + k11 * y1
    state.storage[unchecked: 2][unchecked: 0] += k02 * y0 + k12 * y1
    state.storage[unchecked: 3][unchecked: 0] += k03 * y0 + k13 * y1
    // C' = (P - K H P) H' - K R, column by column as in the loop form.
    let c00 = (g00 - k00 * q00 - k10 * q10) - (k00 * r00 + k10 * r10)
    let c01 = (g01 - k01 * q00 - k11 * q10) - (k01 * r00 + k11 * r10)
    let c02 = (g02 - k02 * q00 - k12 * q10) - (k02 * r00 + k12 * r10)
    let c03 = (g03 - k03 * q00 - k13 * q10) - (k03 * r00 + k13 * r10)
    let c10 = (g10 - k00 * q01 - k10 * q11) - (k00 * r01 + k10 * r11)
    let c11 = (g11 - k01 * q01 - k11 * q11) - (k01 * r01 + k11 * r11)
    let c12 = (g12 - k02 * q01 - k12 * q11) - (k02 * r01 + k12 * r11)
    let c13 = (g13 - k03 * q01 - k13 * q11) - (k03 * r01 + k13 * r11)
    // P = B - C K' = P - K (H P) - C K'.
    covariance.storage[unchecked: 0][unchecked: 0] -= k00 * h00 + c00 * k00
    covariance.storage[unchecked: 0][unchecked: 0] -= k10 * h10 + c10 * k10
    covariance.storage[unchecked: 0][unchecked: 1] -= k00 * h01 + c00 * k01
    covariance.storage[unchecked: 0][unchecked: 1] -= k10 * h11 + c10 * k11
    covariance.storage[unchecked: 0][unchecked: 2] -= k00 * h02 + c00 * k02
    covariance.storage[unchecked: 0][unchecked: 2] -= k10 * h12 + c10 * k12
    covariance.storage[unchecked: 0][unchecked: 3] -= k00 * h03 + c00 * k03
    covariance.storage[unchecked: 0][unchecked: 3] -= k10 * h13 + c10 * k13
    covariance.storage[unchecked: 1][unchecked: 0] -= k01 * h00 + c01 * k00
    covariance.storage[unchecked: 1][unchecked: 0] -= k11 * h10 + c11 * k10
    covariance.storage[unchecked: 1][unchecked: 1] -= k01 * h01 + c01 * k01
    covariance.storage[unchecked: 1][unchecked: 1] -= k11 * h11 + c11 * k11
    covariance.storage[unchecked: 1][unchecked: 2] -= k01 * h02 + c01 * k02
    covariance.storage[unchecked: 1][unchecked: 2] -= k11 * h12 + c11 * k12
    covariance.storage[unchecked: 1][unchecked: 3] -= k01 * h03 + c01 * k03
    covariance.storage[unchecked: 1][unchecked: 3] -= k11 * h13 + c11 * k13
    covariance.storage[unchecked: 2][unchecked: 0] -= k02 * h00 + c02 * k00
    covariance.storage[unchecked: 2][unchecked: 0] -= k12 * h10 + c12 * k10
    covariance.storage[unchecked: 2][unchecked: 1] -= k02 * h01 + c02 * k01
    covariance.storage[unchecked: 2][unchecked: 1] -= k12 * h11 + c12 * k11
    covariance.storage[unchecked: 2][unchecked: 2] -= k02 * h02 + c02 * k02
    covariance.storage[unchecked: 2][unchecked: 2] -= k12 * h12 + c12 * k12
    covariance.storage[unchecked: 2][unchecked: 3] -= k02 * h03 + c02 * k03
    covariance.storage[unchecked: 2][unchecked: 3] -= k12 * h13 + c12 * k13
    covariance.storage[unchecked: 3][unchecked: 0] -= k03 * h00 + c03 * k00
    covariance.storage[unchecked: 3][unchecked: 0] -= k13 * h10 + c13 * k10
    covariance.storage[unchecked: 3][unchecked: 1] -= k03 * h01 + c03 * k01
    covariance.storage[unchecked: 3][unchecked: 1] -= k13 * h11 + c13 * k11
    covariance.storage[unchecked: 3][unchecked: 2] -= k03 * h02 + c03 * k02
    covariance.storage[unchecked: 3][unchecked: 2] -= k13 * h12 + c13 * k12
    covariance.storage[unchecked: 3][unchecked: 3] -= k03 * h03 + c03 * k03
    covariance.storage[unchecked: 3][unchecked: 3] -= k13 * h13 + c13 * k13
    report.gain.storage[unchecked: 0][unchecked: 0] = k00
    report.gain.storage[unchecked: 0][unchecked: 1] = k10
    report.gain.storage[unchecked: 1][unchecked: 0] = k01
    report.gain.storage[unchecked: 1][unchecked: 1] = k11
    report.gain.storage[unchecked: 2][unchecked: 0] = k02
    report.gain.storage[unchecked: 2][unchecked: 1] = k12
    report.gain.storage[unchecked: 3][unchecked: 0] = k03
    report.gain.storage[unchecked: 3][unchecked: 1] = k13
    return true
}
