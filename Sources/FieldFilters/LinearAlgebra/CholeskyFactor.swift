/// The Cholesky factorisation `A = L L'` of a symmetric positive-definite matrix, with solves.
///
/// Filters use it instead of an explicit inverse: it is cheaper, better conditioned, yields the
/// log-determinant for free, and reports a matrix that is not positive definite as a typed error
/// (``FieldFiltersError/notPositiveDefinite(pivot:)``) instead of producing NaN.
///
/// ```swift
/// let s = Matrix<2, 2, Double> { r, c in r == c ? 4 : 1 }
/// let factor = try CholeskyFactor(s)
/// let x = factor.solve(Matrix<2, 1, Double>(column: 1, 2))   // S⁻¹ b
/// ```
@frozen
public struct CholeskyFactor<let Size: Int, Scalar: FilterScalar>: Sendable {
    /// The lower-triangular factor `L` (the strict upper triangle is zero).
    public var lower: Matrix<Size, Size, Scalar>

    /// Factors `matrix`, reading only its lower triangle.
    ///
    /// ```swift
    /// let factor = try CholeskyFactor(p)
    /// ```
    /// - Parameter matrix: A symmetric positive-definite matrix.
    /// - Throws: ``FieldFiltersError/notPositiveDefinite(pivot:)`` when a pivot is not strictly positive
    ///   and finite (the matrix is singular, indefinite, or holds NaN/infinity).
    /// - Complexity: O(Size³).
    @inlinable @inline(__always)
    public init(_ matrix: Matrix<Size, Size, Scalar>) throws(FieldFiltersError) {
        var l = Matrix<Size, Size, Scalar>(repeating: 0)
        for j in 0..<Size {
            var diagonal = matrix.storage[unchecked: j][unchecked: j]
            for k in 0..<j { diagonal -= l.storage[unchecked: j][unchecked: k] * l.storage[unchecked: j][unchecked: k] }
            guard diagonal > 0, diagonal.isFinite else { throw .notPositiveDefinite(pivot: j) }
            let root = diagonal.squareRoot()
            l.storage[unchecked: j][unchecked: j] = root
            for i in (j + 1)..<Size {
                var sum = matrix.storage[unchecked: i][unchecked: j]
                for k in 0..<j { sum -= l.storage[unchecked: i][unchecked: k] * l.storage[unchecked: j][unchecked: k] }
                l.storage[unchecked: i][unchecked: j] = sum / root
            }
        }
        lower = l
    }

    /// Solves `A X = B` for `X`.
    ///
    /// ```swift
    /// let gainTransposed = factor.solve(hp)   // S⁻¹ (H P)
    /// ```
    /// - Parameter rhs: The right-hand side `B`.
    /// - Returns: `A⁻¹ B`.
    /// - Complexity: O(Size² × Columns).
    @inlinable @inline(__always)
    public func solve<let Columns: Int>(_ rhs: Matrix<Size, Columns, Scalar>) -> Matrix<Size, Columns, Scalar> {
        var x = rhs
        for c in 0..<Columns {
            // Forward: L y = b.
            for i in 0..<Size {
                var sum = x.storage[unchecked: i][unchecked: c]
                for k in 0..<i {
                    sum -= lower.storage[unchecked: i][unchecked: k] * x.storage[unchecked: k][unchecked: c]
                }
                x.storage[unchecked: i][unchecked: c] = sum / lower.storage[unchecked: i][unchecked: i]
            }
            // Backward: L' x = y.
            var i = Size - 1
            while i >= 0 {
                var sum = x.storage[unchecked: i][unchecked: c]
                for k in (i + 1)..<Size {
                    sum -= lower.storage[unchecked: k][unchecked: i] * x.storage[unchecked: k][unchecked: c]
                }
                x.storage[unchecked: i][unchecked: c] = sum / lower.storage[unchecked: i][unchecked: i]
                i -= 1
            }
        }
        return x
    }

    /// The quadratic form `b' A⁻¹ b` (a squared Mahalanobis distance when `A` is a covariance).
    ///
    /// ```swift
    /// let d2 = factor.inverseQuadraticForm(innovation)
    /// ```
    /// - Parameter vector: The vector `b`.
    /// - Returns: `b' A⁻¹ b`, computed as `|L⁻¹ b|²`.
    /// - Complexity: O(Size²).
    @inlinable @inline(__always)
    public func inverseQuadraticForm(_ vector: Matrix<Size, 1, Scalar>) -> Scalar {
        var y = vector
        var total: Scalar = 0
        for i in 0..<Size {
            var sum = y.storage[unchecked: i][unchecked: 0]
            for k in 0..<i { sum -= lower.storage[unchecked: i][unchecked: k] * y.storage[unchecked: k][unchecked: 0] }
            let value = sum / lower.storage[unchecked: i][unchecked: i]
            y.storage[unchecked: i][unchecked: 0] = value
            total += value * value
        }
        return total
    }

    /// The natural logarithm of `det A`, computed as `2 Σ ln Lᵢᵢ`.
    ///
    /// ```swift
    /// let logDet = factor.logDeterminant
    /// ```
    /// - Complexity: O(Size).
    @inlinable @inline(__always)
    public var logDeterminant: Scalar {
        var product: Scalar = 1
        for i in 0..<Size { product *= lower.storage[unchecked: i][unchecked: i] }
        if product.isNormal {
            return 2 * Scalar.naturalLogarithm(product)
        }
        // The product under- or overflowed: sum the logarithms instead.
        var sum: Scalar = 0
        for i in 0..<Size { sum += Scalar.naturalLogarithm(lower.storage[unchecked: i][unchecked: i]) }
        return 2 * sum
    }

    /// The inverse `A⁻¹`.
    ///
    /// Prefer ``solve(_:)``; the inverse is offered for smoothers and diagnostics.
    ///
    /// ```swift
    /// let sInverse = factor.inverse
    /// ```
    /// - Complexity: O(Size³).
    @inlinable @inline(__always)
    public var inverse: Matrix<Size, Size, Scalar> {
        solve(Matrix<Size, Size, Scalar>.identity)
    }
}
