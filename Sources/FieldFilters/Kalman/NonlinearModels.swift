/// A process model `x(t + dt) = f(x(t), dt)` for the unscented and extended Kalman filters.
///
/// Conform a small struct; the filters take it as a generic parameter, so the call is
/// specialised and inlined (no existential, no closure context, Embedded-Swift friendly).
///
/// ```swift
/// struct Pendulum: DifferentiableProcessModel {
///     func propagate(_ x: Matrix<2, 1, Double>, dt: Double) -> Matrix<2, 1, Double> { ... }
///     func processNoise(dt: Double) -> Matrix<2, 2, Double> { ... }
///     func jacobian(at x: Matrix<2, 1, Double>, dt: Double) -> Matrix<2, 2, Double> { ... }
/// }
/// ```
public protocol ProcessModel {
    /// The scalar type.
    associatedtype Scalar: FilterScalar
    /// The state vector type, `Matrix<N, 1, Scalar>`.
    associatedtype StateVector
    /// The state-by-state matrix type, `Matrix<N, N, Scalar>`.
    associatedtype StateMatrix

    /// The state `dt` seconds after `state`.
    ///
    /// - Parameters:
    ///   - state: The state now.
    ///   - dt: The time step in seconds, a model parameter (the unit of the model's rates and noise).
    /// - Returns: `f(state, dt)`.
    func propagate(_ state: StateVector, dt: Scalar) -> StateVector

    /// The process noise covariance `Q(dt)` added by the step.
    ///
    /// - Parameter dt: The time step in seconds, a model parameter (the unit of the model's rates and noise).
    /// - Returns: `Q(dt)`.
    func processNoise(dt: Scalar) -> StateMatrix
}

/// A process model that also provides its Jacobian, for the extended Kalman filter.
///
/// ```swift
/// extension Pendulum: DifferentiableProcessModel {
///     func jacobian(at x: Matrix<2, 1, Double>, dt: Double) -> Matrix<2, 2, Double> { ... }
/// }
/// ```
public protocol DifferentiableProcessModel: ProcessModel {
    /// `∂f/∂x` evaluated at `state`.
    ///
    /// - Parameters:
    ///   - state: The linearisation point.
    ///   - dt: The time step in seconds, a model parameter (the unit of the model's rates and noise).
    /// - Returns: The Jacobian `F`.
    func jacobian(at state: StateVector, dt: Scalar) -> StateMatrix
}

/// A measurement model `z = h(x)` for the unscented and extended Kalman filters.
///
/// ```swift
/// struct RangeBearing: DifferentiableMeasurementModel {
///     func measure(_ x: Matrix<4, 1, Double>) -> Matrix<2, 1, Double> { ... }
///     func jacobian(at x: Matrix<4, 1, Double>) -> Matrix<2, 4, Double> { ... }
/// }
/// ```
public protocol MeasurementModel {
    /// The scalar type.
    associatedtype Scalar: FilterScalar
    /// The state vector type, `Matrix<N, 1, Scalar>`.
    associatedtype StateVector
    /// The measurement vector type, `Matrix<M, 1, Scalar>`.
    associatedtype MeasurementVector

    /// The measurement expected from `state`.
    ///
    /// - Parameter state: The state.
    /// - Returns: `h(state)`.
    func measure(_ state: StateVector) -> MeasurementVector
}

/// A measurement model that also provides its Jacobian, for the extended Kalman filter.
///
/// ```swift
/// extension RangeBearing: DifferentiableMeasurementModel { ... }
/// ```
public protocol DifferentiableMeasurementModel: MeasurementModel {
    /// The measurement-by-state Jacobian type, `Matrix<M, N, Scalar>`.
    associatedtype Jacobian

    /// `∂h/∂x` evaluated at `state`.
    ///
    /// - Parameter state: The linearisation point.
    /// - Returns: The Jacobian `H`.
    func jacobian(at state: StateVector) -> Jacobian
}
