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
    /// - Throws: ``FilterError/invalidParameter(name:reason:)`` when `StateSize` is not a positive
    ///   multiple of the order, or the intensity is negative or not finite.
    public init(order: Order, noise: Noise) throws(FilterError) {
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
        // No time elapsed, no noise (filterpy's discrete 3×3 form would otherwise add `var` to
        // the acceleration even at dt = 0).
        if dt == 0 { return q }
        let n = order.rawValue
        let dt2 = dt * dt
        let dt3 = dt2 * dt
        let dt4 = dt3 * dt
        // The block, row-major, without the intensity.
        var block = InlineArray<9, Scalar>(repeating: 0)
        let intensity: Scalar
        switch (noise, order) {
        case (.discrete(let v), .constantVelocity):
            intensity = v
            block[0] = dt4 / 4
            block[1] = dt3 / 2
            block[3] = dt3 / 2
            block[4] = dt2
        case (.discrete(let v), .constantAcceleration):
            intensity = v
            block[0] = dt4 / 4
            block[1] = dt3 / 2
            block[2] = dt2 / 2
            block[3] = dt3 / 2
            block[4] = dt2
            block[5] = dt
            block[6] = dt2 / 2
            block[7] = dt
            block[8] = 1
        case (.continuous(let s), .constantVelocity):
            intensity = s
            block[0] = dt3 / 3
            block[1] = dt2 / 2
            block[3] = dt2 / 2
            block[4] = dt
        case (.continuous(let s), .constantAcceleration):
            intensity = s
            let dt5 = dt4 * dt
            block[0] = dt5 / 20
            block[1] = dt4 / 8
            block[2] = dt3 / 6
            block[3] = dt4 / 8
            block[4] = dt3 / 3
            block[5] = dt2 / 2
            block[6] = dt3 / 6
            block[7] = dt2 / 2
            block[8] = dt
        }
        var base = 0
        while base < StateSize {
            for r in 0..<n {
                for c in 0..<n { q[base + r, base + c] = block[r * 3 + c] * intensity }
            }
            base += n
        }
        return q
    }
}
