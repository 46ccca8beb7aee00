/// One filter step as a smoother needs it: the transition into the step, the prior and the
/// posterior.
///
/// Record one after each predict/update pair and hand the sequence to ``RTSSmoother`` or
/// ``FixedLagSmoother``.
///
/// ```swift
/// filter.predict(transition: f, processNoise: q)
/// let prior = (filter.state, filter.covariance)
/// filter.update(z)
/// records.append(KalmanStepRecord(transition: f, priorState: prior.0, priorCovariance: prior.1,
///                                 state: filter.state, covariance: filter.covariance))
/// ```
@frozen
public struct KalmanStepRecord<let StateSize: Int, Scalar: FilterScalar>: Sendable {
    /// The transition `F` that predicted this step from the previous one.
    public var transition: Matrix<StateSize, StateSize, Scalar>
    /// The predicted state `x⁻` of this step.
    public var priorState: Matrix<StateSize, 1, Scalar>
    /// The predicted covariance `P⁻ = F P F' + Q` of this step.
    public var priorCovariance: Matrix<StateSize, StateSize, Scalar>
    /// The filtered (posterior) state.
    public var state: Matrix<StateSize, 1, Scalar>
    /// The filtered (posterior) covariance.
    public var covariance: Matrix<StateSize, StateSize, Scalar>

    /// Creates a record.
    ///
    /// - Parameters:
    ///   - transition: `F` into this step.
    ///   - priorState: `x⁻`.
    ///   - priorCovariance: `P⁻`.
    ///   - state: The posterior state.
    ///   - covariance: The posterior covariance.
    @inlinable
    public init(
        transition: Matrix<StateSize, StateSize, Scalar>,
        priorState: Matrix<StateSize, 1, Scalar>,
        priorCovariance: Matrix<StateSize, StateSize, Scalar>,
        state: Matrix<StateSize, 1, Scalar>,
        covariance: Matrix<StateSize, StateSize, Scalar>
    ) {
        self.transition = transition
        self.priorState = priorState
        self.priorCovariance = priorCovariance
        self.state = state
        self.covariance = covariance
    }
}

/// A state estimate and its covariance.
///
/// ```swift
/// let estimate = try RTSSmoother.smooth(records)[0]
/// print(estimate.state[0], estimate.covariance[0, 0])
/// ```
@frozen
public struct KalmanEstimate<let StateSize: Int, Scalar: FilterScalar>: Sendable {
    /// The state.
    public var state: Matrix<StateSize, 1, Scalar>
    /// The covariance of the state.
    public var covariance: Matrix<StateSize, StateSize, Scalar>

    /// Creates an estimate.
    ///
    /// - Parameters:
    ///   - state: The state.
    ///   - covariance: Its covariance.
    @inlinable
    public init(state: Matrix<StateSize, 1, Scalar>, covariance: Matrix<StateSize, StateSize, Scalar>) {
        self.state = state
        self.covariance = covariance
    }
}

extension KalmanStepRecord {
    /// One backward Rauch-Tung-Striebel step: the smoothed estimate of this step given the
    /// smoothed estimate of the next step and the next step's record.
    ///
    /// `G = P F' P⁻⁻¹` (with `F`, `P⁻` of the next step), `xˢ = x + G (xˢₙₑₓₜ - x⁻ₙₑₓₜ)`,
    /// `Pˢ = P + G (Pˢₙₑₓₜ - P⁻ₙₑₓₜ) G'`.
    ///
    /// - Parameters:
    ///   - next: The record of the following step.
    ///   - smoothedNext: The smoothed estimate of the following step.
    /// - Returns: The smoothed estimate of this step.
    /// - Throws: ``FieldFiltersError/notPositiveDefinite(pivot:)`` when the next prior covariance is not
    ///   positive definite.
    /// - Complexity: O(StateSize³).
    @inlinable
    public func smoothed(
        next: KalmanStepRecord<StateSize, Scalar>,
        smoothedNext: KalmanEstimate<StateSize, Scalar>
    ) throws(FieldFiltersError) -> KalmanEstimate<StateSize, Scalar> {
        let factor = try CholeskyFactor(next.priorCovariance)
        // G' = P⁻⁻¹ F P (both covariances symmetric).
        let gain = factor.solve(next.transition * covariance).transposed
        let x = state + gain * (smoothedNext.state - next.priorState)
        let p = covariance + (gain * (smoothedNext.covariance - next.priorCovariance)).multipliedByTranspose(of: gain)
        return KalmanEstimate(state: x, covariance: p)
    }
}
