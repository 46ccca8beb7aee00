/// The predict and Joseph-form update of a ``PlanarKalmanFilterBank`` on one block of four filters,
/// every lane computed and then kept or discarded by masks (no branch per lane).
@usableFromInline
struct PlanarFilterKernel<Scalar: FilterScalar>: Sendable {
    @usableFromInline typealias Lanes = PlanarLanes<Scalar>

    /// `H`, row-major.
    @usableFromInline let h: InlineArray<8, Scalar>
    /// `R`, row-major.
    @usableFromInline let r: InlineArray<4, Scalar>
    /// The process-noise polynomial coefficients (see ``PlanarKalmanFilterBank``).
    @usableFromInline let noise: InlineArray<6, Scalar>
    /// The gate, or infinity.
    @usableFromInline let gate: Scalar
    /// Whether ``gate`` applies.
    @usableFromInline let gated: Bool
    /// Whether `H` is `[[1, 0, 0, 0], [0, 0, 1, 0]]` (the positions of `[x, vx, y, vy]`).
    @usableFromInline let measuresPositions: Bool

    @inlinable
    init(h: Matrix<2, 4, Scalar>, r: Matrix<2, 2, Scalar>, noise: InlineArray<6, Scalar>, gate: Scalar?) {
        var hValues = InlineArray<8, Scalar>(repeating: 0)
        for i in 0..<8 { hValues[i] = h[i / 4, i % 4] }
        var rValues = InlineArray<4, Scalar>(repeating: 0)
        for i in 0..<4 { rValues[i] = r[i / 2, i % 2] }
        self.h = hValues
        self.r = rValues
        self.noise = noise
        self.gate = gate ?? .infinity
        gated = gate != nil
        measuresPositions = h == Matrix { row, column in column == 2 * row ? 1 : 0 }
    }

    /// The constant-velocity predict of one block of four filters: `x = F x` and `P = F P F' + Q`
    /// in the order of `KinematicModel.transform`, with `P` as its upper triangle.
    ///
    /// - Parameters:
    ///   - block: The filters.
    ///   - raw: Each lane's `dt` (negative, NaN or infinite: 0).
    /// - Returns: The predicted state and the upper triangle of the predicted covariance, row by row.
    @inlinable @inline(__always)
    func predict(_ block: PlanarFilterBlock<Scalar>, dt raw: Lanes) -> PlanarPrediction<Scalar> {
        let dt = Lanes(repeating: 0).replacing(with: raw, where: (raw .> .zero) .& raw.isFinite)
        let dt2 = dt * dt
        let dt3 = dt2 * dt
        let q00 = noise[0] * (dt3 * dt) + noise[1] * dt3
        let q01 = noise[2] * dt3 + noise[3] * dt2
        let q11 = noise[4] * dt2 + noise[5] * dt
        let x0 = block.x[0] + dt * block.x[1]
        let x1 = block.x[1]
        let x2 = block.x[2] + dt * block.x[3]
        let x3 = block.x[3]
        let u00 = block.p[0]
        let u01 = block.p[1]
        let u02 = block.p[2]
        let u03 = block.p[3]
        let u11 = block.p[4]
        let u12 = block.p[5]
        let u13 = block.p[6]
        let u22 = block.p[7]
        let u23 = block.p[8]
        let u33 = block.p[9]
        let a01 = u01 + dt * u11
        let a03 = u03 + dt * u13
        let a23 = u23 + dt * u33
        let p00 = (u00 + dt * u01) + dt * a01 + q00
        let p01 = a01 + q01
        let p02 = (u02 + dt * u12) + dt * a03
        let p03 = a03
        let p11 = u11 + q11
        let p12 = u12 + dt * u13
        let p13 = u13
        let p22 = (u22 + dt * u23) + dt * a23 + q00
        let p23 = a23 + q01
        let p33 = u33 + q11
        return PlanarPrediction(
            x: (x0, x1, x2, x3), p: (p00, p01, p02, p03, p11, p12, p13, p22, p23, p33))
    }

    /// Predicts the four filters by `dt` and updates them with `(z0, z1)` where `present`, for any `H`.
    ///
    /// - Parameters:
    ///   - block: The filters.
    ///   - raw: Each lane's `dt` (negative, NaN or infinite: 0).
    ///   - z0: Each lane's first measured quantity.
    ///   - z1: Each lane's second measured quantity.
    ///   - present: The lanes that have a measurement.
    /// - Returns: The masks the statuses are made from.
    @inlinable @inline(__always)
    func step(
        _ block: inout PlanarFilterBlock<Scalar>, dt raw: Lanes, z0: Lanes, z1: Lanes, present: PlanarMask
    ) -> PlanarFilterOutcome<Scalar> {
        // Predict: x = F x, P = F P F' + Q.
        let predicted = predict(block, dt: raw)
        let (x0, x1, x2, x3) = predicted.x
        let (p00, p01, p02, p03) = (predicted.p.0, predicted.p.1, predicted.p.2, predicted.p.3)
        let (p11, p12, p13) = (predicted.p.4, predicted.p.5, predicted.p.6)
        let (p22, p23, p33) = (predicted.p.7, predicted.p.8, predicted.p.9)

        // H P (2 × 4), S = H P H' + R (lower triangle), y = z - H x.
        let hp00 = h[0] * p00 + h[1] * p01 + h[2] * p02 + h[3] * p03
        let hp01 = h[0] * p01 + h[1] * p11 + h[2] * p12 + h[3] * p13
        let hp02 = h[0] * p02 + h[1] * p12 + h[2] * p22 + h[3] * p23
        let hp03 = h[0] * p03 + h[1] * p13 + h[2] * p23 + h[3] * p33
        let hp10 = h[4] * p00 + h[5] * p01 + h[6] * p02 + h[7] * p03
        let hp11 = h[4] * p01 + h[5] * p11 + h[6] * p12 + h[7] * p13
        let hp12 = h[4] * p02 + h[5] * p12 + h[6] * p22 + h[7] * p23
        let hp13 = h[4] * p03 + h[5] * p13 + h[6] * p23 + h[7] * p33
        let s00 = hp00 * h[0] + hp01 * h[1] + hp02 * h[2] + hp03 * h[3] + r[0]
        let s10 = hp10 * h[0] + hp11 * h[1] + hp12 * h[2] + hp13 * h[3] + r[2]
        let s11 = hp10 * h[4] + hp11 * h[5] + hp12 * h[6] + hp13 * h[7] + r[3]
        let y0 = z0 - (h[0] * x0 + h[1] * x1 + h[2] * x2 + h[3] * x3)
        let y1 = z1 - (h[4] * x0 + h[5] * x1 + h[6] * x2 + h[7] * x3)
        let correction = correctState(
            &block, x: (x0, x1, x2, x3), hp: (hp00, hp01, hp02, hp03, hp10, hp11, hp12, hp13),
            s: (s00, s10, s11), y: (y0, y1), z: (z0, z1), present: present)
        let (k00, k01, k02, k03) = correction.gainFirst
        let (k10, k11, k12, k13) = correction.gainSecond
        let accept = correction.accept
        // Joseph form B = P - K H P, C = B H' - K R, P = B - C K'.
        let b00 = p00 - k00 * hp00 - k10 * hp10
        let b01 = p01 - k00 * hp01 - k10 * hp11
        let b02 = p02 - k00 * hp02 - k10 * hp12
        let b03 = p03 - k00 * hp03 - k10 * hp13
        let b10 = p01 - k01 * hp00 - k11 * hp10
        let b11 = p11 - k01 * hp01 - k11 * hp11
        let b12 = p12 - k01 * hp02 - k11 * hp12
        let b13 = p13 - k01 * hp03 - k11 * hp13
        let b20 = p02 - k02 * hp00 - k12 * hp10
        let b21 = p12 - k02 * hp01 - k12 * hp11
        let b22 = p22 - k02 * hp02 - k12 * hp12
        let b23 = p23 - k02 * hp03 - k12 * hp13
        let b30 = p03 - k03 * hp00 - k13 * hp10
        let b31 = p13 - k03 * hp01 - k13 * hp11
        let b32 = p23 - k03 * hp02 - k13 * hp12
        let b33 = p33 - k03 * hp03 - k13 * hp13
        let c00 = (b00 * h[0] + b01 * h[1] + b02 * h[2] + b03 * h[3]) - (k00 * r[0] + k10 * r[2])
        let c10 = (b00 * h[4] + b01 * h[5] + b02 * h[6] + b03 * h[7]) - (k00 * r[1] + k10 * r[3])
        let c01 = (b10 * h[0] + b11 * h[1] + b12 * h[2] + b13 * h[3]) - (k01 * r[0] + k11 * r[2])
        let c11 = (b10 * h[4] + b11 * h[5] + b12 * h[6] + b13 * h[7]) - (k01 * r[1] + k11 * r[3])
        let c02 = (b20 * h[0] + b21 * h[1] + b22 * h[2] + b23 * h[3]) - (k02 * r[0] + k12 * r[2])
        let c12 = (b20 * h[4] + b21 * h[5] + b22 * h[6] + b23 * h[7]) - (k02 * r[1] + k12 * r[3])
        let c03 = (b30 * h[0] + b31 * h[1] + b32 * h[2] + b33 * h[3]) - (k03 * r[0] + k13 * r[2])
        let c13 = (b30 * h[4] + b31 * h[5] + b32 * h[6] + b33 * h[7]) - (k03 * r[1] + k13 * r[3])
        block.p = [
            p00.replacing(with: b00 - (c00 * k00 + c10 * k10), where: accept),
            p01.replacing(with: b01 - (c00 * k01 + c10 * k11), where: accept),
            p02.replacing(with: b02 - (c00 * k02 + c10 * k12), where: accept),
            p03.replacing(with: b03 - (c00 * k03 + c10 * k13), where: accept),
            p11.replacing(with: b11 - (c01 * k01 + c11 * k11), where: accept),
            p12.replacing(with: b12 - (c01 * k02 + c11 * k12), where: accept),
            p13.replacing(with: b13 - (c01 * k03 + c11 * k13), where: accept),
            p22.replacing(with: b22 - (c02 * k02 + c12 * k12), where: accept),
            p23.replacing(with: b23 - (c02 * k03 + c12 * k13), where: accept),
            p33.replacing(with: b33 - (c03 * k03 + c13 * k13), where: accept),
        ]
        return correction.outcome
    }

    /// ``step(_:dt:z0:z1:present:)`` when `H` picks the positions (`H = [[1, 0, 0, 0], [0, 0, 1, 0]]`,
    /// ``measuresPositions``): the products by `H` are skipped (they are exact: `1 · p = p`, `p + 0 = p`).
    ///
    /// - Parameters:
    ///   - block: The filters.
    ///   - raw: Each lane's `dt` (negative, NaN or infinite: 0).
    ///   - z0: Each lane's first measured quantity.
    ///   - z1: Each lane's second measured quantity.
    ///   - present: The lanes that have a measurement.
    /// - Returns: The masks the statuses are made from.
    @inlinable @inline(__always)
    func stepMeasuringPositions(
        _ block: inout PlanarFilterBlock<Scalar>, dt raw: Lanes, z0: Lanes, z1: Lanes, present: PlanarMask
    ) -> PlanarFilterOutcome<Scalar> {
        // Predict: x = F x, P = F P F' + Q.
        let predicted = predict(block, dt: raw)
        let (x0, x1, x2, x3) = predicted.x
        let (p00, p01, p02, p03) = (predicted.p.0, predicted.p.1, predicted.p.2, predicted.p.3)
        let (p11, p12, p13) = (predicted.p.4, predicted.p.5, predicted.p.6)
        let (p22, p23, p33) = (predicted.p.7, predicted.p.8, predicted.p.9)

        // H picks x and y: H P is rows 0 and 2 of P, S = H P H' + R, y = z - H x.
        let hp00 = p00
        let hp01 = p01
        let hp02 = p02
        let hp03 = p03
        let hp10 = p02
        let hp11 = p12
        let hp12 = p22
        let hp13 = p23
        let s00 = p00 + r[0]
        let s01 = p02 + r[1]
        let s10 = p02 + r[2]
        let s11 = p22 + r[3]
        let y0 = z0 - x0
        let y1 = z1 - x2
        let correction = correctState(
            &block, x: (x0, x1, x2, x3), hp: (hp00, hp01, hp02, hp03, hp10, hp11, hp12, hp13),
            s: (s00, s10, s11), y: (y0, y1), z: (z0, z1), present: present)
        let (k00, k01, k02, k03) = correction.gainFirst
        let (k10, k11, k12, k13) = correction.gainSecond
        let accept = correction.accept
        // Joseph form B = P - K H P, C = B H' - K R, P = B - C K', with C = P H' - K (H P H') - K R
        // = P H' - K S regrouped (exact for any K, no use of K's optimality).
        let b00 = p00 - k00 * hp00 - k10 * hp10
        let b01 = p01 - k00 * hp01 - k10 * hp11
        let b02 = p02 - k00 * hp02 - k10 * hp12
        let b03 = p03 - k00 * hp03 - k10 * hp13
        let b11 = p11 - k01 * hp01 - k11 * hp11
        let b12 = p12 - k01 * hp02 - k11 * hp12
        let b13 = p13 - k01 * hp03 - k11 * hp13
        let b22 = p22 - k02 * hp02 - k12 * hp12
        let b23 = p23 - k02 * hp03 - k12 * hp13
        let b33 = p33 - k03 * hp03 - k13 * hp13
        let c00 = hp00 - (k00 * s00 + k10 * s10)
        let c10 = hp10 - (k00 * s01 + k10 * s11)
        let c01 = hp01 - (k01 * s00 + k11 * s10)
        let c11 = hp11 - (k01 * s01 + k11 * s11)
        let c02 = hp02 - (k02 * s00 + k12 * s10)
        let c12 = hp12 - (k02 * s01 + k12 * s11)
        let c03 = hp03 - (k03 * s00 + k13 * s10)
        let c13 = hp13 - (k03 * s01 + k13 * s11)
        block.p = [
            p00.replacing(with: b00 - (c00 * k00 + c10 * k10), where: accept),
            p01.replacing(with: b01 - (c00 * k01 + c10 * k11), where: accept),
            p02.replacing(with: b02 - (c00 * k02 + c10 * k12), where: accept),
            p03.replacing(with: b03 - (c00 * k03 + c10 * k13), where: accept),
            p11.replacing(with: b11 - (c01 * k01 + c11 * k11), where: accept),
            p12.replacing(with: b12 - (c01 * k02 + c11 * k12), where: accept),
            p13.replacing(with: b13 - (c01 * k03 + c11 * k13), where: accept),
            p22.replacing(with: b22 - (c02 * k02 + c12 * k12), where: accept),
            p23.replacing(with: b23 - (c02 * k03 + c12 * k13), where: accept),
            p33.replacing(with: b33 - (c03 * k03 + c13 * k13), where: accept),
        ]
        return correction.outcome
    }

    /// The part both updates share: `S⁻¹` from the lower triangle of `S`, the masks (finite
    /// measurement, positive-definite `S`, inside the gate), the gain `K' = S⁻¹ H P` (returned as
    /// `k<state><measurement>`) and `x += K y` where accepted.
    ///
    /// - Parameters:
    ///   - block: The filters; their state is updated where accepted.
    ///   - x: The predicted state.
    ///   - hp: `H P`, row-major (2 × 4).
    ///   - s: `S`'s lower triangle: `s00`, `s10`, `s11`.
    ///   - y: The innovation `z - H x`.
    ///   - z: The measurement.
    ///   - present: The lanes that have a measurement.
    /// - Returns: The gain, the accepted lanes and the outcome masks.
    @inlinable @inline(__always)
    func correctState(
        _ block: inout PlanarFilterBlock<Scalar>, x: (Lanes, Lanes, Lanes, Lanes),
        hp: (Lanes, Lanes, Lanes, Lanes, Lanes, Lanes, Lanes, Lanes), s: (Lanes, Lanes, Lanes),
        y: (Lanes, Lanes), z: (Lanes, Lanes), present: PlanarMask
    ) -> PlanarCorrection<Scalar> {
        let (hp00, hp01, hp02, hp03, hp10, hp11, hp12, hp13) = hp
        let (s00, s10, s11) = s
        let (y0, y1) = y
        let diagonalProduct = s00 * s11
        let determinant = diagonalProduct - s10 * s10
        let positiveDefinite =
            (s00 .> .zero) .& determinant.isFinite
            .& (determinant .> diagonalProduct * (64 * Scalar.ulpOfOne))
        let scale = 1 / determinant
        let i00 = s11 * scale
        let i01 = -s10 * scale
        let i11 = s00 * scale
        let distance = y0 * (i00 * y0 + i01 * y1) + y1 * (i01 * y0 + i11 * y1)
        let finite = z.0.isFinite .& z.1.isFinite
        let inGate = gated ? distance .<= Lanes(repeating: gate) : PlanarMask(repeating: true)
        let accept = present .& finite .& positiveDefinite .& inGate
        let k00 = i00 * hp00 + i01 * hp10
        let k10 = i01 * hp00 + i11 * hp10
        let k01 = i00 * hp01 + i01 * hp11
        let k11 = i01 * hp01 + i11 * hp11
        let k02 = i00 * hp02 + i01 * hp12
        let k12 = i01 * hp02 + i11 * hp12
        let k03 = i00 * hp03 + i01 * hp13
        let k13 = i01 * hp03 + i11 * hp13
        block.x = [
            x.0.replacing(with: x.0 + (k00 * y0 + k10 * y1), where: accept),
            x.1.replacing(with: x.1 + (k01 * y0 + k11 * y1), where: accept),
            x.2.replacing(with: x.2 + (k02 * y0 + k12 * y1), where: accept),
            x.3.replacing(with: x.3 + (k03 * y0 + k13 * y1), where: accept),
        ]
        let outcome = PlanarFilterOutcome<Scalar>(
            present: present, finite: finite, positiveDefinite: positiveDefinite, inGate: inGate)
        return PlanarCorrection(
            gainFirst: (k00, k01, k02, k03), gainSecond: (k10, k11, k12, k13), accept: accept, outcome: outcome)
    }
}

/// The predicted state and covariance of one block of four filters, from
/// ``PlanarFilterKernel/predict(_:dt:)``.
@usableFromInline
struct PlanarPrediction<Scalar: FilterScalar> {
    @usableFromInline typealias Lanes = PlanarLanes<Scalar>

    /// `x = F x`: `x`, `vx`, `y`, `vy`.
    @usableFromInline let x: (Lanes, Lanes, Lanes, Lanes)
    /// The upper triangle of `P = F P F' + Q`, row by row: `p00, p01, p02, p03, p11, p12, p13, p22,
    /// p23, p33`.
    @usableFromInline let p: (Lanes, Lanes, Lanes, Lanes, Lanes, Lanes, Lanes, Lanes, Lanes, Lanes)

    @inlinable @inline(__always)
    init(
        x: (Lanes, Lanes, Lanes, Lanes), p: (Lanes, Lanes, Lanes, Lanes, Lanes, Lanes, Lanes, Lanes, Lanes, Lanes)
    ) {
        self.x = x
        self.p = p
    }
}

/// The shared part of a block's update, from ``PlanarFilterKernel/correctState(_:x:hp:s:y:z:present:)``:
/// the gain `K` and the masks.
@usableFromInline
struct PlanarCorrection<Scalar: FilterScalar> {
    @usableFromInline typealias Lanes = PlanarLanes<Scalar>

    /// The gain's column for the first measured quantity: `k00, k01, k02, k03` (one per state).
    @usableFromInline let gainFirst: (Lanes, Lanes, Lanes, Lanes)
    /// The gain's column for the second measured quantity: `k10, k11, k12, k13`.
    @usableFromInline let gainSecond: (Lanes, Lanes, Lanes, Lanes)
    /// The lanes whose measurement is used.
    @usableFromInline let accept: PlanarMask
    /// The masks the statuses are made from.
    @usableFromInline let outcome: PlanarFilterOutcome<Scalar>

    @inlinable @inline(__always)
    init(
        gainFirst: (Lanes, Lanes, Lanes, Lanes), gainSecond: (Lanes, Lanes, Lanes, Lanes), accept: PlanarMask,
        outcome: PlanarFilterOutcome<Scalar>
    ) {
        self.gainFirst = gainFirst
        self.gainSecond = gainSecond
        self.accept = accept
        self.outcome = outcome
    }
}

/// Which of a block's four measurements were present, finite, with a positive-definite `S` and
/// inside the gate.
@usableFromInline
struct PlanarFilterOutcome<Scalar: FilterScalar> {
    @usableFromInline let present: PlanarMask
    @usableFromInline let finite: PlanarMask
    @usableFromInline let positiveDefinite: PlanarMask
    @usableFromInline let inGate: PlanarMask

    @inlinable
    init(
        present: PlanarMask, finite: PlanarMask,
        positiveDefinite: PlanarMask, inGate: PlanarMask
    ) {
        self.present = present
        self.finite = finite
        self.positiveDefinite = positiveDefinite
        self.inGate = inGate
    }

    /// The status of one lane, with ``KalmanFilter/update(_:)``'s order of checks.
    @inlinable @inline(__always)
    func status(lane: Int) -> MeasurementStatus {
        if !present[lane] { return .missing }
        if !finite[lane] { return .rejected(.nonFiniteMeasurement) }
        if !positiveDefinite[lane] { return .rejected(.innovationCovarianceNotPositiveDefinite) }
        if !inGate[lane] { return .rejected(.outsideGate) }
        return .updated
    }
}
