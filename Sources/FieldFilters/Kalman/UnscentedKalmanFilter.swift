/// An unscented Kalman filter with Van der Merwe's scaled sigma points.
///
/// Instead of Jacobians it pushes `2n + 1` sigma points through the nonlinear models and
/// re-estimates mean and covariance from them, which is more accurate than the extended filter
/// for strongly nonlinear models and needs no derivatives. The sigma points live inline; a step
/// does not allocate. Conventions match filterpy's `UnscentedKalmanFilter` (`predict` redraws
/// the sigma points around the prior and the update maps those through `h`; `P = P⁻ - K S K'`).
///
/// ```swift
/// var ukf = try UnscentedKalmanFilter<4, 2, Double>(
///     state: x0, covariance: p0, measurementNoise: r, alpha: 0.1, beta: 2, kappa: -1)
/// try ukf.predict(using: motion, dt: 1)
/// let report = ukf.update(z, using: radar)
/// ```
@frozen
public struct UnscentedKalmanFilter<let StateSize: Int, let MeasurementSize: Int, Scalar: FilterScalar>: Sendable {
    /// The state estimate `x`.
    public var state: Matrix<StateSize, 1, Scalar>
    /// The state covariance `P`.
    public var covariance: Matrix<StateSize, StateSize, Scalar>
    /// The measurement noise covariance `R`.
    public var measurementNoise: Matrix<MeasurementSize, MeasurementSize, Scalar>
    /// The chi-square gate on `y' S⁻¹ y`; `nil` accepts every finite measurement.
    public var gateThreshold: Scalar?
    /// The sigma-point weights.
    public let weights: SigmaPointWeights<Scalar>

    @usableFromInline var center: Matrix<StateSize, 1, Scalar>
    @usableFromInline var plus: InlineArray<StateSize, Matrix<StateSize, 1, Scalar>>
    @usableFromInline var minus: InlineArray<StateSize, Matrix<StateSize, 1, Scalar>>

    /// Creates a filter from its prior and sigma-point parameters.
    ///
    /// ```swift
    /// var ukf = try UnscentedKalmanFilter<2, 1, Double>(
    ///     state: x0, covariance: p0, measurementNoise: r, alpha: 1e-3, beta: 2, kappa: 0)
    /// ```
    /// - Parameters:
    ///   - state: The prior state.
    ///   - covariance: The prior covariance.
    ///   - measurementNoise: `R`.
    ///   - alpha: Sigma-point spread in `(0, 1]`.
    ///   - beta: 2 for Gaussian priors.
    ///   - kappa: Secondary scaling, often `3 - n` or 0.
    ///   - gateThreshold: The chi-square gate, or `nil`.
    /// - Throws: ``FieldFiltersError/invalidParameter(name:reason:)`` for invalid sigma-point parameters.
    public init(
        state: Matrix<StateSize, 1, Scalar>,
        covariance: Matrix<StateSize, StateSize, Scalar>,
        measurementNoise: Matrix<MeasurementSize, MeasurementSize, Scalar>,
        alpha: Scalar, beta: Scalar, kappa: Scalar,
        gateThreshold: Scalar? = nil
    ) throws(FieldFiltersError) {
        self.state = state
        self.covariance = covariance
        self.measurementNoise = measurementNoise
        self.gateThreshold = gateThreshold
        weights = try SigmaPointWeights(dimension: StateSize, alpha: alpha, beta: beta, kappa: kappa)
        center = state
        plus = InlineArray(repeating: state)
        minus = InlineArray(repeating: state)
    }

    /// Propagates the estimate through the process model with sigma points.
    ///
    /// Draws `x`, `x ± √(n + λ) Lᵢ` (`Lᵢ` the columns of the Cholesky factor of `P`), maps each
    /// through `f`, and sets `x` and `P` to their weighted mean and covariance plus `Q`; then
    /// redraws the sigma points around this prior for the next update (as filterpy does).
    ///
    /// ```swift
    /// try ukf.predict(using: motion, dt: 0.5)
    /// ```
    /// - Parameters:
    ///   - model: The process model.
    ///   - dt: The time step in seconds, a model parameter (the unit of the model's rates and noise).
    /// - Throws: ``FieldFiltersError/notPositiveDefinite(pivot:)`` when `P` (before or after the step) is
    ///   not positive definite; the estimate is then left unchanged.
    /// - Complexity: O(StateSize³) plus `2 StateSize + 1` model calls.
    @inlinable
    public mutating func predict<Model: ProcessModel>(using model: Model, dt: Scalar) throws(FieldFiltersError)
    where
        Model.Scalar == Scalar, Model.StateVector == Matrix<StateSize, 1, Scalar>,
        Model.StateMatrix == Matrix<StateSize, StateSize, Scalar>
    {
        let spread = Scalar(StateSize) + weights.lambda
        let factor = try CholeskyFactor(spread * covariance)
        let propagatedCenter = model.propagate(state, dt: dt)
        var propagatedPlus = plus
        var propagatedMinus = minus
        for i in 0..<StateSize {
            let offset = Self.column(i, of: factor.lower)
            propagatedPlus[i] = model.propagate(state + offset, dt: dt)
            propagatedMinus[i] = model.propagate(state - offset, dt: dt)
        }
        var mean = weights.centerMean * propagatedCenter
        for i in 0..<StateSize { mean += weights.other * (propagatedPlus[i] + propagatedMinus[i]) }
        var p = model.processNoise(dt: dt)
        Self.accumulate(&p, weights.centerCovariance, propagatedCenter - mean, propagatedCenter - mean)
        for i in 0..<StateSize {
            Self.accumulate(&p, weights.other, propagatedPlus[i] - mean, propagatedPlus[i] - mean)
            Self.accumulate(&p, weights.other, propagatedMinus[i] - mean, propagatedMinus[i] - mean)
        }
        // Redraw the sigma points around the prior (which includes Q) for the update.
        let priorFactor = try CholeskyFactor(spread * p)
        state = mean
        covariance = p
        center = mean
        for i in 0..<StateSize {
            let offset = Self.column(i, of: priorFactor.lower)
            plus[i] = mean + offset
            minus[i] = mean - offset
        }
    }

    /// Column `i` of `matrix` as a vector.
    @inlinable
    static func column(_ i: Int, of matrix: Matrix<StateSize, StateSize, Scalar>) -> Matrix<StateSize, 1, Scalar> {
        var v = Matrix<StateSize, 1, Scalar>.zero
        for r in 0..<StateSize { v[r] = matrix[r, i] }
        return v
    }

    /// Corrects the estimate with a measurement, using the sigma points drawn by the last predict.
    ///
    /// `ẑ` and `S` are the weighted mean and covariance (plus `R`) of `h` over the sigma points,
    /// `Pxz` their cross-covariance with the state, `K = Pxz S⁻¹`, `x += K (z - ẑ)`,
    /// `P -= K S K'`. Missing, non-finite and gated measurements leave the estimate unchanged.
    ///
    /// ```swift
    /// let report = ukf.update(z, using: radar)
    /// ```
    /// - Parameters:
    ///   - measurement: `z`, or `nil` when missing.
    ///   - model: The measurement model.
    /// - Returns: The status and figures of the step.
    /// - Complexity: O(StateSize² × MeasurementSize + MeasurementSize³) plus `2 StateSize + 1`
    ///   model calls.
    @inlinable
    @discardableResult
    public mutating func update<Model: MeasurementModel>(
        _ measurement: Matrix<MeasurementSize, 1, Scalar>?, using model: Model
    ) -> KalmanUpdateReport<StateSize, MeasurementSize, Scalar>
    where
        Model.Scalar == Scalar, Model.StateVector == Matrix<StateSize, 1, Scalar>,
        Model.MeasurementVector == Matrix<MeasurementSize, 1, Scalar>
    {
        guard let z = measurement else { return KalmanUpdateReport(status: .missing) }
        guard z.isFinite else { return KalmanUpdateReport(status: .rejected(.nonFiniteMeasurement)) }
        let zCenter = model.measure(center)
        var zPlus = InlineArray<StateSize, Matrix<MeasurementSize, 1, Scalar>>(repeating: zCenter)
        var zMinus = zPlus
        for i in 0..<StateSize {
            zPlus[i] = model.measure(plus[i])
            zMinus[i] = model.measure(minus[i])
        }
        var predicted = weights.centerMean * zCenter
        for i in 0..<StateSize { predicted += weights.other * (zPlus[i] + zMinus[i]) }
        var s = measurementNoise
        var cross = Matrix<StateSize, MeasurementSize, Scalar>.zero
        Self.accumulate(&s, weights.centerCovariance, zCenter - predicted, zCenter - predicted)
        Self.accumulate(&cross, weights.centerCovariance, center - state, zCenter - predicted)
        for i in 0..<StateSize {
            Self.accumulate(&s, weights.other, zPlus[i] - predicted, zPlus[i] - predicted)
            Self.accumulate(&s, weights.other, zMinus[i] - predicted, zMinus[i] - predicted)
            Self.accumulate(&cross, weights.other, plus[i] - state, zPlus[i] - predicted)
            Self.accumulate(&cross, weights.other, minus[i] - state, zMinus[i] - predicted)
        }
        let y = z - predicted
        var report = KalmanUpdateReport<StateSize, MeasurementSize, Scalar>(status: .updated)
        guard let factor = screenInnovation(y, covariance: s, gateThreshold: gateThreshold, report: &report) else {
            return report
        }
        // K = Pxz S⁻¹  ⇔  K' = S⁻¹ Pxz'.
        let gain = factor.solve(cross.transposed).transposed
        state += gain * y
        covariance -= (gain * s).multipliedByTranspose(of: gain)
        report.gain = gain
        return report
    }

    /// `target += weight · a b'`.
    @inlinable
    static func accumulate<let R: Int, let C: Int>(
        _ target: inout Matrix<R, C, Scalar>, _ weight: Scalar, _ a: Matrix<R, 1, Scalar>, _ b: Matrix<C, 1, Scalar>
    ) {
        for r in 0..<R {
            let wa = weight * a[r]
            for c in 0..<C { target[r, c] += wa * b[c] }
        }
    }
}
