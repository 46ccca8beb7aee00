/// Many 2-D constant-velocity Kalman filters (4 states, 2 measurements) with a full covariance, any
/// measurement matrix and a full measurement noise, stepped together four filters at a time.
///
/// Each filter is the ``KalmanFilter``<4, 2> of a ``KinematicModel``<4> constant-velocity model
/// (state `[x, vx, y, vy]`), with the bank's `H` (any 2×4 matrix) and `R` (any symmetric positive
/// definite 2×2 matrix), its own full 4×4 covariance (cross-axis terms included) and its own
/// irregular `dt`. ``ConstantVelocityFilterBank`` is cheaper when the axes are independent; this
/// bank covers the coupled case.
///
/// The filters are stored structure-of-arrays in blocks of four: each quantity (a state element or
/// an upper-triangle covariance element) of four filters sits in one four-lane value, and
/// ``step(dt:measurements:)`` runs the predict and Joseph-form update on whole blocks, with
/// missing, non-finite, not-positive-definite and gated measurements handled lane by lane by
/// masks. When `H` picks the positions (`[[1, 0, 0, 0], [0, 0, 1, 0]]`, detected once at creation)
/// the products by `H` are skipped. Results agree with ``KalmanFilter`` to rounding (1e-9 on the project's fixtures); the
/// one difference is that an innovation covariance whose determinant is below 64 ulps of
/// `s₀₀ s₁₁` (condition number above about 10¹⁴) is refused as not positive definite.
///
/// ```swift
/// var fleet = try PlanarKalmanFilterBank<Double>(
///     count: 1024, model: try KinematicModel(order: .constantVelocity, noise: .continuous(spectralDensity: 0.5)),
///     measurementMatrix: Matrix { r, c in c == 2 * r ? 1 : 0 },
///     measurementNoise: Matrix { r, c in r == c ? 16 : 4 },
///     state: Matrix(column: 500, 0, 200, 0), covariance: .diagonal(Matrix(column: 16, 100, 16, 100)),
///     gateThreshold: 13.8155)
/// var dt = [Double](repeating: 1, count: 1024)
/// var fixes = [Matrix<2, 1, Double>?](repeating: Matrix(column: 503, 201), count: 1024)
/// try fleet.step(dt: dt, measurements: fixes)
/// print(fleet.statuses[0], fleet.state(of: 0))
/// ```
public struct PlanarKalmanFilterBank<Scalar: FilterScalar>: Sendable {
    /// Four lanes of one quantity.
    @usableFromInline typealias Lanes = PlanarLanes<Scalar>

    /// The number of filters.
    public let count: Int
    /// The measurement matrix `H` shared by every filter.
    public let measurementMatrix: Matrix<2, 4, Scalar>
    /// The measurement noise `R` shared by every filter.
    public let measurementNoise: Matrix<2, 2, Scalar>
    /// The chi-square gate on `y' S⁻¹ y` (2 degrees of freedom), or `nil`.
    public let gateThreshold: Scalar?
    /// What each filter did with its measurement in the last ``step(dt:measurements:)``
    /// (``MeasurementStatus/missing`` before the first).
    public var statuses: [MeasurementStatus] { lastStatuses }
    @usableFromInline var lastStatuses: [MeasurementStatus]
    @usableFromInline var blocks: [PlanarFilterBlock<Scalar>]
    /// `Q(dt)` as polynomials: `q₀₀ = a₄ dt⁴ + a₃ dt³`, `q₀₁ = b₃ dt³ + b₂ dt²`, `q₁₁ = c₂ dt² + c₁ dt`.
    @usableFromInline let noiseCoefficients: InlineArray<6, Scalar>

    /// Creates `count` filters, all starting from the same prior.
    ///
    /// ```swift
    /// let model = try KinematicModel<4, Double>(order: .constantVelocity, noise: .discrete(variance: 0.1))
    /// var bank = try PlanarKalmanFilterBank<Double>(
    ///     count: 64, model: model, measurementMatrix: Matrix { r, c in c == 2 * r ? 1 : 0 },
    ///     measurementNoise: .diagonal(Matrix(column: 9, 9)), state: .zero,
    ///     covariance: .diagonal(Matrix(column: 100, 25, 100, 25)))
    /// ```
    /// - Parameters:
    ///   - count: The number of filters (≥ 1).
    ///   - model: A constant-velocity model (its process noise is used; the state is `[x, vx, y, vy]`).
    ///   - measurementMatrix: `H`.
    ///   - measurementNoise: `R` (symmetric positive definite).
    ///   - state: The prior state of every filter.
    ///   - covariance: The prior covariance of every filter (symmetric; its upper triangle is used).
    ///   - gateThreshold: The chi-square gate, or `nil`.
    /// - Throws: ``FieldFiltersError/invalidParameter(name:reason:)`` for a count below 1, a
    ///   constant-acceleration model, or a non-finite `H`, `R`, state or covariance; and
    ///   ``FieldFiltersError/notPositiveDefinite(pivot:)`` when `R` is not positive definite.
    /// - Complexity: O(count).
    public init(
        count: Int, model: KinematicModel<4, Scalar>, measurementMatrix: Matrix<2, 4, Scalar>,
        measurementNoise: Matrix<2, 2, Scalar>, state: Matrix<4, 1, Scalar>, covariance: Matrix<4, 4, Scalar>,
        gateThreshold: Scalar? = nil
    ) throws(FieldFiltersError) {
        guard count >= 1, count <= Int.max - 3 else {
            throw .invalidParameter(name: "count", reason: "must be at least 1")
        }
        guard model.order == .constantVelocity else {
            throw .invalidParameter(name: "model", reason: "must be constant velocity")
        }
        guard measurementMatrix.isFinite else {
            throw .invalidParameter(name: "measurementMatrix", reason: "must be finite")
        }
        guard state.isFinite, covariance.isFinite else {
            throw .invalidParameter(name: "state", reason: "state and covariance must be finite")
        }
        _ = try CholeskyFactor(measurementNoise)
        self.count = count
        self.measurementMatrix = measurementMatrix
        self.measurementNoise = measurementNoise
        self.gateThreshold = gateThreshold
        switch model.noise {
        case .discrete(let v): noiseCoefficients = [v / 4, 0, v / 2, 0, v, 0]
        case .continuous(let q): noiseCoefficients = [0, q / 3, 0, q / 2, 0, q]
        }
        lastStatuses = [MeasurementStatus](repeating: .missing, count: count)
        blocks = [PlanarFilterBlock<Scalar>](
            repeating: PlanarFilterBlock(state: state, covariance: covariance), count: (count + 3) / 4)
    }

    /// The state `[x, vx, y, vy]` of filter `index`.
    ///
    /// - Parameter index: The filter, in `0..<count`.
    /// - Returns: The state estimate.
    public func state(of index: Int) -> Matrix<4, 1, Scalar> {
        precondition(index >= 0 && index < count, "filter index out of range")
        return blocks[index / 4].state(lane: index % 4)
    }

    /// The 4×4 covariance of filter `index` (symmetric).
    ///
    /// - Parameter index: The filter, in `0..<count`.
    /// - Returns: The covariance.
    public func covariance(of index: Int) -> Matrix<4, 4, Scalar> {
        precondition(index >= 0 && index < count, "filter index out of range")
        return blocks[index / 4].covariance(lane: index % 4)
    }

    /// Restarts filter `index` from a prior.
    ///
    /// - Parameters:
    ///   - index: The filter, in `0..<count`.
    ///   - state: The prior state.
    ///   - covariance: The prior covariance (symmetric; its upper triangle is used).
    /// - Throws: ``FieldFiltersError/invalidParameter(name:reason:)`` for an index out of range or a
    ///   non-finite prior.
    public mutating func reset(
        _ index: Int, state: Matrix<4, 1, Scalar>, covariance: Matrix<4, 4, Scalar>
    ) throws(FieldFiltersError) {
        guard index >= 0, index < count else { throw .invalidParameter(name: "index", reason: "out of range") }
        guard state.isFinite, covariance.isFinite else {
            throw .invalidParameter(name: "state", reason: "state and covariance must be finite")
        }
        blocks[index / 4].set(lane: index % 4, state: state, covariance: covariance)
        lastStatuses[index] = .missing
    }

    /// Predicts every filter by its own `dt` and updates it with its measurement.
    ///
    /// ```swift
    /// try fleet.step(dt: elapsed, measurements: fixes)
    /// for i in 0..<fleet.count where fleet.statuses[i] != .updated { log(i, fleet.statuses[i]) }
    /// ```
    /// - Parameters:
    ///   - dt: Seconds since each filter's previous step (negative, NaN or infinite values are
    ///     treated as 0, as ``KalmanFilter/predict(using:dt:)`` does), one per filter.
    ///   - measurements: Each filter's `z`, or `nil` when missing.
    /// - Throws: ``FieldFiltersError/invalidParameter(name:reason:)`` when an array does not hold
    ///   exactly ``count`` elements (nothing is changed).
    /// - Complexity: O(count).
    @inlinable
    public mutating func step(dt: [Scalar], measurements: [Matrix<2, 1, Scalar>?]) throws(FieldFiltersError) {
        guard dt.count == count else { throw .invalidParameter(name: "dt", reason: "must hold one value per filter") }
        guard measurements.count == count else {
            throw .invalidParameter(name: "measurements", reason: "must hold one value per filter")
        }
        let kernel = PlanarFilterKernel(
            h: measurementMatrix, r: measurementNoise, noise: noiseCoefficients, gate: gateThreshold)
        let count = count
        blocks.withUnsafeMutableBufferPointer { blocks in
            lastStatuses.withUnsafeMutableBufferPointer { statuses in
                for b in 0..<blocks.count {
                    var elapsed = Lanes(repeating: 0)
                    var z0 = Lanes(repeating: 0)
                    var z1 = Lanes(repeating: 0)
                    var present = PlanarMask(repeating: false)
                    let first = b &* 4
                    let lanes = min(4, count &- first)
                    for lane in 0..<lanes {
                        elapsed[lane] = dt[first &+ lane]
                        if let z = measurements[first &+ lane] {
                            z0[lane] = z[0]
                            z1[lane] = z[1]
                            present[lane] = true
                        }
                    }
                    let outcome =
                        kernel.measuresPositions
                        ? kernel.stepMeasuringPositions(&blocks[b], dt: elapsed, z0: z0, z1: z1, present: present)
                        : kernel.step(&blocks[b], dt: elapsed, z0: z0, z1: z1, present: present)
                    for lane in 0..<lanes { statuses[first &+ lane] = outcome.status(lane: lane) }
                }
            }
        }
    }
}
