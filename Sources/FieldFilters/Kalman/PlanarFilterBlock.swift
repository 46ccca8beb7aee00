/// Four filters of a ``PlanarKalmanFilterBank``, structure-of-arrays: the state elements and the
/// upper triangle of the covariance, each as one ``PlanarLanes`` (lane = filter).
@usableFromInline
struct PlanarFilterBlock<Scalar: FilterScalar>: Sendable {
    @usableFromInline typealias Lanes = PlanarLanes<Scalar>

    /// `x, vx, y, vy`.
    @usableFromInline var x: InlineArray<4, Lanes>
    /// `P₀₀ P₀₁ P₀₂ P₀₃ P₁₁ P₁₂ P₁₃ P₂₂ P₂₃ P₃₃`.
    @usableFromInline var p: InlineArray<10, Lanes>

    /// The position of `P[row, column]` (either triangle) in ``p``.
    @inlinable @inline(__always)
    static func index(_ row: Int, _ column: Int) -> Int {
        let (i, j) = row <= column ? (row, column) : (column, row)
        // Rows of the upper triangle start at 0, 4, 7, 9.
        return i * 4 - i * (i - 1) / 2 + (j - i)
    }

    /// Four copies of one prior.
    init(state: Matrix<4, 1, Scalar>, covariance: Matrix<4, 4, Scalar>) {
        x = InlineArray(repeating: .zero)
        p = InlineArray(repeating: .zero)
        for lane in 0..<4 { set(lane: lane, state: state, covariance: covariance) }
    }

    /// Writes one filter.
    mutating func set(lane: Int, state: Matrix<4, 1, Scalar>, covariance: Matrix<4, 4, Scalar>) {
        for i in 0..<4 {
            x[i][lane] = state[i]
            for j in i..<4 { p[Self.index(i, j)][lane] = covariance[i, j] }
        }
    }

    /// Reads one filter's state.
    func state(lane: Int) -> Matrix<4, 1, Scalar> {
        Matrix { r, _ in x[r][lane] }
    }

    /// Reads one filter's covariance (symmetric).
    func covariance(lane: Int) -> Matrix<4, 4, Scalar> {
        Matrix { r, c in p[Self.index(r, c)][lane] }
    }
}
