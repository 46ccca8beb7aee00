/// The structure of a measurement matrix `H` whose every row holds a single 1 and zeros elsewhere
/// (each measured quantity is one state, as positions in a kinematic model are).
///
/// ``KalmanFilter`` detects it once, when `H` is set, and then reads rows and columns of `P`
/// instead of multiplying by zeros and ones. The products it skips are exact (`1 · p = p`,
/// `p + 0 = p`), so the result is the dense one up to the rounding of the gain.
@usableFromInline
struct MeasurementSelection<let MeasurementSize: Int>: Sendable {
    /// The state index measured by each row of `H`.
    @usableFromInline var columns: InlineArray<MeasurementSize, Int>

    @inlinable
    init(columns: InlineArray<MeasurementSize, Int>) {
        self.columns = columns
    }

    /// The selection `h` makes, or `nil` when a row of `h` is not exactly one 1 among zeros.
    ///
    /// - Parameter h: The measurement matrix.
    /// - Returns: The selected state per row, or `nil`.
    /// - Complexity: O(MeasurementSize × StateSize).
    @inlinable
    static func detect<let StateSize: Int, Scalar: FilterScalar>(
        in h: Matrix<MeasurementSize, StateSize, Scalar>
    ) -> Self? {
        var columns = InlineArray<MeasurementSize, Int>(repeating: 0)
        for r in 0..<MeasurementSize {
            var found = -1
            for c in 0..<StateSize {
                let value = h.storage[unchecked: r][unchecked: c]
                if value == 1, found < 0 {
                    found = c
                } else if value != 0 || value.sign == .minus {
                    // A second 1, any other value, NaN, or -0 (whose products differ in sign).
                    return nil
                }
            }
            guard found >= 0 else { return nil }
            columns[unchecked: r] = found
        }
        return Self(columns: columns)
    }
}
