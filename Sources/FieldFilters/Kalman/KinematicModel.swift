/// A constant-velocity or constant-acceleration motion model for one or more independent axes,
/// with `F(dt)` and `Q(dt)` for irregular time steps.
///
/// The state holds one block per axis, ordered by axis: `[x, vx, y, vy]` for a 2-D
/// constant-velocity model, `[x, vx, ax, y, vy, ay]` for 2-D constant acceleration. The process
/// noise is either the discrete (piecewise-constant) white-noise model or the continuous
/// white-noise model, with the same matrices as filterpy's `Q_discrete_white_noise` and
/// `Q_continuous_white_noise`.
///
/// ```swift
/// let model = try KinematicModel<4, Double>(
///     order: .constantVelocity, noise: .continuous(spectralDensity: 0.5))
/// let f = model.transition(dt: 1.2)
/// let q = model.processNoise(dt: 1.2)
/// ```
@frozen
public struct KinematicModel<let StateSize: Int, Scalar: FilterScalar>: Sendable {
    /// How many derivatives each axis carries.
    public enum Order: Int, Sendable, Equatable {
        /// Position and velocity per axis (2 states per axis).
        case constantVelocity = 2
        /// Position, velocity and acceleration per axis (3 states per axis).
        case constantAcceleration = 3
    }

    /// The white-noise process model and its intensity.
    public enum Noise: Sendable, Equatable {
        /// Piecewise-constant white noise on the highest derivative, with this variance
        /// (filterpy `Q_discrete_white_noise(var=)`).
        case discrete(variance: Scalar)
        /// Continuous white noise with this spectral density
        /// (filterpy `Q_continuous_white_noise(spectral_density=)`).
        case continuous(spectralDensity: Scalar)
    }

    /// The number of states per axis.
    public let order: Order
    /// The process-noise model.
    public let noise: Noise

    /// Creates a model.
    ///
    /// ```swift
    /// let cv = try KinematicModel<2, Double>(order: .constantVelocity, noise: .discrete(variance: 0.01))
    /// ```
    /// - Parameters:
    ///   - order: Constant velocity or constant acceleration.
    ///   - noise: The white-noise model and its non-negative intensity.
    /// - Throws: ``FieldFiltersError/invalidParameter(name:reason:)`` when `StateSize` is not a positive
    ///   multiple of the order, or the intensity is negative or not finite.
    public init(order: Order, noise: Noise) throws(FieldFiltersError) {
        guard StateSize > 0, StateSize % order.rawValue == 0 else {
            throw .invalidParameter(name: "StateSize", reason: "must be a positive multiple of the states per axis")
        }
        let intensity: Scalar
        switch noise {
        case .discrete(let v): intensity = v
        case .continuous(let q): intensity = q
        }
        guard intensity >= 0, intensity.isFinite else {
            throw .invalidParameter(name: "noise", reason: "intensity must be finite and non-negative")
        }
        self.order = order
        self.noise = noise
    }

    /// The number of independent axes: `StateSize / order`.
    @inlinable public var axisCount: Int { StateSize / order.rawValue }

    /// The state transition `F(dt)`: per axis, `[[1, dt], [0, 1]]` or
    /// `[[1, dt, dt²/2], [0, 1, dt], [0, 0, 1]]`.
    ///
    /// ```swift
    /// let f = model.transition(dt: 0.5)
    /// ```
    /// - Parameter dt: The time step in seconds (0 gives the identity).
    /// - Returns: The `StateSize × StateSize` transition matrix.
    /// - Complexity: O(StateSize²).
    @inlinable
    public func transition(dt: Scalar) -> Matrix<StateSize, StateSize, Scalar> {
        var f = Matrix<StateSize, StateSize, Scalar>.identity
        let n = order.rawValue
        var base = 0
        while base < StateSize {
            f[base, base + 1] = dt
            if n == 3 {
                f[base + 1, base + 2] = dt
                f[base, base + 2] = dt * dt / 2
            }
            base += n
        }
        return f
    }

    /// The process noise `Q(dt)`, block-diagonal with one block per axis.
    ///
    /// Discrete, constant velocity: `var · [[dt⁴/4, dt³/2], [dt³/2, dt²]]`. Continuous, constant
    /// velocity: `q · [[dt³/3, dt²/2], [dt²/2, dt]]`. The constant-acceleration blocks follow
    /// filterpy's 3×3 forms.
    ///
    /// ```swift
    /// let q = model.processNoise(dt: 0.5)
    /// ```
    /// - Parameter dt: The time step in seconds (exactly 0 gives zero noise for every model).
    /// - Returns: The `StateSize × StateSize` process noise covariance.
    /// - Complexity: O(StateSize²).
    @inlinable
    public func processNoise(dt: Scalar) -> Matrix<StateSize, StateSize, Scalar> {
        var q = Matrix<StateSize, StateSize, Scalar>(repeating: 0)
        addProcessNoise(to: &q, dt: dt)
        return q
    }

    /// Adds `Q(dt)` to `covariance`, touching only the diagonal blocks.
    ///
    /// ```swift
    /// model.addProcessNoise(to: &p, dt: 0.5)
    /// ```
    /// - Parameters:
    ///   - covariance: The matrix to add to.
    ///   - dt: The time step in seconds (exactly 0 adds nothing).
    /// - Complexity: O(StateSize).
    @inlinable
    public func addProcessNoise(to covariance: inout Matrix<StateSize, StateSize, Scalar>, dt: Scalar) {
        // No time elapsed, no noise (filterpy's discrete 3×3 form would otherwise add `var` to
        // the acceleration even at dt = 0).
        if dt == 0 { return }
        let dt2 = dt * dt
        let dt3 = dt2 * dt
        switch (noise, order) {
        case (.discrete(let v), .constantVelocity):
            addBlocks2(&covariance, dt3 * dt / 4 * v, dt3 / 2 * v, dt2 * v)
        case (.continuous(let q), .constantVelocity):
            addBlocks2(&covariance, dt3 / 3 * q, dt2 / 2 * q, dt * q)
        case (.discrete(let v), .constantAcceleration):
            let dt4 = dt3 * dt
            addBlocks3(
                &covariance, dt4 / 4 * v, dt3 / 2 * v, dt2 / 2 * v, dt2 * v, dt * v, v)
        case (.continuous(let q), .constantAcceleration):
            let dt4 = dt3 * dt
            let dt5 = dt4 * dt
            addBlocks3(
                &covariance, dt5 / 20 * q, dt4 / 8 * q, dt3 / 6 * q, dt3 / 3 * q, dt2 / 2 * q, dt * q)
        }
    }

    /// Adds the symmetric 2×2 block `[[a, b], [b, d]]` on every axis.
    @inlinable
    func addBlocks2(_ m: inout Matrix<StateSize, StateSize, Scalar>, _ a: Scalar, _ b: Scalar, _ d: Scalar) {
        var i = 0
        while i + 1 < StateSize {
            m.storage[unchecked: i][unchecked: i] += a
            m.storage[unchecked: i][unchecked: i + 1] += b
            m.storage[unchecked: i + 1][unchecked: i] += b
            m.storage[unchecked: i + 1][unchecked: i + 1] += d
            i += 2
        }
    }

    /// Adds the symmetric 3×3 block `[[a, b, c], [b, d, e], [c, e, f]]` on every axis.
    @inlinable
    func addBlocks3(
        _ m: inout Matrix<StateSize, StateSize, Scalar>,
        _ a: Scalar, _ b: Scalar, _ c: Scalar, _ d: Scalar, _ e: Scalar, _ f: Scalar
    ) {
        var i = 0
        while i + 2 < StateSize {
            m.storage[unchecked: i][unchecked: i] += a
            m.storage[unchecked: i][unchecked: i + 1] += b
            m.storage[unchecked: i][unchecked: i + 2] += c
            m.storage[unchecked: i + 1][unchecked: i] += b
            m.storage[unchecked: i + 1][unchecked: i + 1] += d
            m.storage[unchecked: i + 1][unchecked: i + 2] += e
            m.storage[unchecked: i + 2][unchecked: i] += c
            m.storage[unchecked: i + 2][unchecked: i + 1] += e
            m.storage[unchecked: i + 2][unchecked: i + 2] += f
            i += 3
        }
    }

    /// Applies `x = F x`, `P = F P F'` in place, exploiting the sparsity of `F` (O(StateSize²)
    /// instead of O(StateSize³)). Add ``addProcessNoise(to:dt:)`` to complete a prediction.
    ///
    /// ```swift
    /// model.transform(state: &x, covariance: &p, dt: 0.5)
    /// ```
    /// - Parameters:
    ///   - state: The state to propagate.
    ///   - covariance: The covariance to propagate.
    ///   - dt: The time step in seconds.
    /// - Complexity: O(StateSize²).
    @inlinable
    public func transform(
        state: inout Matrix<StateSize, 1, Scalar>, covariance: inout Matrix<StateSize, StateSize, Scalar>, dt: Scalar
    ) {
        if order == .constantVelocity {
            var i = 0
            while i + 1 < StateSize {
                state.storage[unchecked: i][unchecked: 0] += dt * state.storage[unchecked: i + 1][unchecked: 0]
                // Rows: row i += dt · row i+1.
                for c in 0..<StateSize {
                    covariance.storage[unchecked: i][unchecked: c] +=
                        dt * covariance.storage[unchecked: i + 1][unchecked: c]
                }
                // Columns: column i += dt · column i+1.
                for r in 0..<StateSize {
                    covariance.storage[unchecked: r][unchecked: i] +=
                        dt * covariance.storage[unchecked: r][unchecked: i + 1]
                }
                i += 2
            }
        } else {
            let half = dt * dt / 2
            var i = 0
            while i + 2 < StateSize {
                let v = state.storage[unchecked: i + 1][unchecked: 0]
                let a = state.storage[unchecked: i + 2][unchecked: 0]
                state.storage[unchecked: i][unchecked: 0] += dt * v + half * a
                state.storage[unchecked: i + 1][unchecked: 0] += dt * a
                for c in 0..<StateSize {
                    let p1 = covariance.storage[unchecked: i + 1][unchecked: c]
                    let p2 = covariance.storage[unchecked: i + 2][unchecked: c]
                    covariance.storage[unchecked: i][unchecked: c] += dt * p1 + half * p2
                    covariance.storage[unchecked: i + 1][unchecked: c] += dt * p2
                }
                for r in 0..<StateSize {
                    let p1 = covariance.storage[unchecked: r][unchecked: i + 1]
                    let p2 = covariance.storage[unchecked: r][unchecked: i + 2]
                    covariance.storage[unchecked: r][unchecked: i] += dt * p1 + half * p2
                    covariance.storage[unchecked: r][unchecked: i + 1] += dt * p2
                }
                i += 3
            }
        }
    }
}
