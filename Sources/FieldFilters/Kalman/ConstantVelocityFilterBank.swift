/// Many constant-velocity Kalman filters with independent axes, stepped one filter at a time with
/// per-axis closed-form arithmetic: the fleet-tracking case (one filter per vehicle or tracker).
///
/// When the measurement noise `R` is diagonal, the measurement matrix picks the positions, and the
/// prior covariance has no cross-axis terms, the axes of a constant-velocity filter never couple:
/// the 2·Axes-state filter is exactly `Axes` independent 2-state filters. The bank stores each
/// filter's axes as `(x, v, P₀₀, P₀₁, P₁₁)` in one contiguous array allocated once, and each step
/// does the same Joseph-form update as ``KalmanFilter`` (and agrees with it, and with filterpy, to
/// 1e-9) in a fraction of the arithmetic. The chi-square gate applies to the joint innovation
/// (`Σ yₐ² / sₐ`, since `S` is diagonal). Each filter keeps its own irregular `dt`.
///
/// ```swift
/// var fleet = try ConstantVelocityFilterBank<2, Double>(
///     count: 1024, noise: .continuous(spectralDensity: 0.5), measurementVariance: 16,
///     positionVariance: 16, velocityVariance: 100, gateThreshold: 13.8155)
/// fleet.reset(7, position: [507.3, 198.9])
/// let status = fleet.step(7, dt: 1.2, measurement: [511.0, 197.5])
/// print(fleet.position(of: 7, axis: 0))
/// ```
public struct ConstantVelocityFilterBank<let Axes: Int, Scalar: FilterScalar>: Sendable {
    /// One axis of one filter.
    @usableFromInline
    struct Axis: Sendable {
        @usableFromInline var x: Scalar
        @usableFromInline var v: Scalar
        @usableFromInline var p00: Scalar
        @usableFromInline var p01: Scalar
        @usableFromInline var p11: Scalar

        @inlinable
        init(x: Scalar, v: Scalar, p00: Scalar, p01: Scalar, p11: Scalar) {
            self.x = x
            self.v = v
            self.p00 = p00
            self.p01 = p01
            self.p11 = p11
        }
    }

    @usableFromInline var axes: [Axis]
    /// The number of filters.
    public let count: Int
    /// The process-noise model of every axis.
    public let noise: KinematicModel<2, Scalar>.Noise
    /// The measurement variance of every axis (`R = r I`).
    public let measurementVariance: Scalar
    /// The chi-square gate on the joint innovation, or `nil`.
    public let gateThreshold: Scalar?
    @usableFromInline let initialPositionVariance: Scalar
    @usableFromInline let initialVelocityVariance: Scalar

    /// Creates `count` filters at position 0, velocity 0, with the given prior variances.
    ///
    /// - Parameters:
    ///   - count: The number of filters (≥ 1).
    ///   - noise: The white-noise process model (as ``KinematicModel``'s).
    ///   - measurementVariance: `r > 0`, the variance of a position measurement on each axis.
    ///   - positionVariance: The prior position variance (> 0).
    ///   - velocityVariance: The prior velocity variance (> 0).
    ///   - gateThreshold: The chi-square gate for `Axes` degrees of freedom, or `nil`.
    /// - Throws: ``FieldFiltersError/invalidParameter(name:reason:)`` for a non-positive count or variance.
    /// - Complexity: O(count × Axes).
    public init(
        count: Int, noise: KinematicModel<2, Scalar>.Noise, measurementVariance: Scalar,
        positionVariance: Scalar, velocityVariance: Scalar, gateThreshold: Scalar? = nil
    ) throws(FieldFiltersError) {
        guard Axes >= 1 else { throw .invalidParameter(name: "Axes", reason: "must be at least 1") }
        guard count >= 1, count <= Int.max / Axes else {
            throw .invalidParameter(name: "count", reason: "must be at least 1")
        }
        _ = try KinematicModel<2, Scalar>(order: .constantVelocity, noise: noise)
        for (name, value) in [
            ("measurementVariance", measurementVariance), ("positionVariance", positionVariance),
            ("velocityVariance", velocityVariance),
        ] where !(value > 0 && value.isFinite) {
            throw .invalidParameter(name: name, reason: "must be positive and finite")
        }
        self.count = count
        self.noise = noise
        self.measurementVariance = measurementVariance
        self.gateThreshold = gateThreshold
        initialPositionVariance = positionVariance
        initialVelocityVariance = velocityVariance
        axes = [Axis](
            repeating: Axis(x: 0, v: 0, p00: positionVariance, p01: 0, p11: velocityVariance),
            count: count * Axes)
    }

    /// Restarts filter `index` at `position` (and `velocity`, default 0) with the prior variances.
    ///
    /// - Parameters:
    ///   - index: The filter, in `0..<count`.
    ///   - position: One position per axis.
    ///   - velocity: One velocity per axis, or `nil` for zero.
    public mutating func reset(
        _ index: Int, position: InlineArray<Axes, Scalar>, velocity: InlineArray<Axes, Scalar>? = nil
    ) {
        precondition(index >= 0 && index < count, "filter index out of range")
        for a in 0..<Axes {
            axes[index * Axes + a] = Axis(
                x: position[a], v: velocity?[a] ?? 0, p00: initialPositionVariance, p01: 0,
                p11: initialVelocityVariance)
        }
    }

    /// Predicts filter `index` by `dt` and updates it with a measurement.
    ///
    /// - Parameters:
    ///   - index: The filter, in `0..<count`.
    ///   - dt: Seconds since this filter's previous step (0 for no prediction; negative, NaN or
    ///     infinite values are treated as 0).
    ///   - measurement: One position per axis, or `nil` when missing.
    /// - Returns: ``MeasurementStatus/updated``, ``MeasurementStatus/missing`` or the rejection.
    /// - Complexity: O(Axes).
    @inlinable
    @discardableResult
    public mutating func step(
        _ index: Int, dt: Scalar, measurement: InlineArray<Axes, Scalar>?
    ) -> MeasurementStatus {
        precondition(index >= 0 && index < count, "filter index out of range")
        let dt = dt.isFinite && dt > 0 ? dt : 0
        let (q00, q01, q11) = Self.processNoise(noise, dt: dt)
        let r = measurementVariance
        let gateThreshold = gateThreshold
        return axes.withUnsafeMutableBufferPointer { buffer -> MeasurementStatus in
            let base = index * Axes
            // Predict.
            for a in 0..<Axes {
                var s = buffer[base + a]
                s.x += dt * s.v
                let p01 = s.p01 + dt * s.p11
                s.p00 = s.p00 + dt * s.p01 + dt * p01 + q00
                s.p01 = p01 + q01
                s.p11 += q11
                buffer[base + a] = s
            }
            guard let z = measurement else { return .missing }
            // Gate on the joint innovation: S is diagonal, so y' S⁻¹ y = Σ yₐ² / sₐ. One reciprocal
            // per axis serves both the gate and the gain.
            var distance: Scalar = 0
            var inverse = InlineArray<Axes, Scalar>(repeating: 0)
            for a in 0..<Axes {
                let s = buffer[base + a]
                guard z[a].isFinite else { return .rejected(.nonFiniteMeasurement) }
                let innovationVariance = s.p00 + r
                guard innovationVariance > 0 else { return .rejected(.innovationCovarianceNotPositiveDefinite) }
                let y = z[a] - s.x
                inverse[a] = 1 / innovationVariance
                distance += y * y * inverse[a]
            }
            if let gate = gateThreshold, !(distance <= gate) { return .rejected(.outsideGate) }
            // Joseph-form update per axis with K = [p00, p01] / s and H = [1, 0].
            for a in 0..<Axes {
                var s = buffer[base + a]
                let k0 = s.p00 * inverse[a]
                let k1 = s.p01 * inverse[a]
                let y = z[a] - s.x
                s.x += k0 * y
                s.v += k1 * y
                let oneMinusK0 = 1 - k0
                let p00 = oneMinusK0 * s.p00 * oneMinusK0 + k0 * k0 * r
                let p01 = oneMinusK0 * (s.p01 - s.p00 * k1) + k0 * k1 * r
                let p11 = (s.p01 - k1 * s.p00) * -k1 + (s.p11 - k1 * s.p01) + k1 * k1 * r
                s.p00 = p00
                s.p01 = p01
                s.p11 = p11
                buffer[base + a] = s
            }
            return .updated
        }
    }

    /// The position estimate of filter `index` on `axis`.
    ///
    /// - Parameters:
    ///   - index: The filter.
    ///   - axis: The axis, in `0..<Axes`.
    /// - Returns: The position.
    public func position(of index: Int, axis: Int) -> Scalar { axes[index * Axes + axis].x }

    /// The velocity estimate of filter `index` on `axis`.
    ///
    /// - Parameters:
    ///   - index: The filter.
    ///   - axis: The axis, in `0..<Axes`.
    /// - Returns: The velocity.
    public func velocity(of index: Int, axis: Int) -> Scalar { axes[index * Axes + axis].v }

    /// The 2×2 position/velocity covariance of filter `index` on `axis` (other axes are
    /// uncorrelated with it).
    ///
    /// - Parameters:
    ///   - index: The filter.
    ///   - axis: The axis, in `0..<Axes`.
    /// - Returns: `[[P₀₀, P₀₁], [P₀₁, P₁₁]]`.
    public func covariance(of index: Int, axis: Int) -> Matrix<2, 2, Scalar> {
        let s = axes[index * Axes + axis]
        var m = Matrix<2, 2, Scalar>(repeating: s.p01)
        m[0, 0] = s.p00
        m[1, 1] = s.p11
        return m
    }

    /// The per-axis process noise `(Q₀₀, Q₀₁, Q₁₁)` for `dt`.
    @inlinable
    static func processNoise(_ noise: KinematicModel<2, Scalar>.Noise, dt: Scalar) -> (Scalar, Scalar, Scalar) {
        if dt == 0 { return (0, 0, 0) }
        let dt2 = dt * dt
        let dt3 = dt2 * dt
        switch noise {
        case .discrete(let v): return (dt3 * dt / 4 * v, dt3 / 2 * v, dt2 * v)
        case .continuous(let q): return (dt3 / 3 * q, dt2 / 2 * q, dt * q)
        }
    }
}
