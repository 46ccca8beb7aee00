/// A small dense matrix with its `Rows × Columns` elements stored inline (no heap allocation).
///
/// The dimensions are compile-time integer generic parameters, so a product of mismatched shapes
/// does not compile and every loop has a constant trip count the optimiser can unroll. The type is
/// meant for the 1...12-dimensional states of field filters; it is not a general BLAS.
///
/// ```swift
/// var p = Matrix<2, 2, Double>.identity
/// p[0, 1] = 0.5
/// let v = Matrix<2, 1, Double>(column: 1, 2)
/// let w = p * v   // [2, 2]
/// ```
@frozen
public struct Matrix<let Rows: Int, let Columns: Int, Scalar: FilterScalar>: Sendable {
    /// Row-major storage: `storage[row][column]`.
    public var storage: InlineArray<Rows, InlineArray<Columns, Scalar>>

    /// Creates a matrix with every element equal to `value`.
    ///
    /// ```swift
    /// let ones = Matrix<3, 3, Float>(repeating: 1)
    /// ```
    /// - Parameter value: The value of every element.
    @inlinable @inline(__always)
    public init(repeating value: Scalar) {
        storage = InlineArray(repeating: InlineArray(repeating: value))
    }

    /// Creates a matrix whose element at `(row, column)` is `element(row, column)`.
    ///
    /// ```swift
    /// let hilbert = Matrix<3, 3, Double> { r, c in 1 / Double(r + c + 1) }
    /// ```
    /// - Parameter element: Called once per element, row by row.
    /// - Complexity: O(Rows × Columns).
    @inlinable @inline(__always)
    public init(_ element: (_ row: Int, _ column: Int) -> Scalar) {
        self.init(repeating: 0)
        for r in 0..<Rows {
            for c in 0..<Columns {
                storage[unchecked: r][unchecked: c] = element(r, c)
            }
        }
    }

    /// The number of rows.
    @inlinable public var rowCount: Int { Rows }

    /// The number of columns.
    @inlinable public var columnCount: Int { Columns }

    /// The matrix of zeros.
    @inlinable public static var zero: Self { Self(repeating: 0) }

    /// The identity: ones on the main diagonal, zeros elsewhere (for a non-square shape, the
    /// leading square part is the identity).
    ///
    /// ```swift
    /// let i = Matrix<4, 4, Double>.identity
    /// ```
    @inlinable
    public static var identity: Self {
        var m = Self(repeating: 0)
        for i in 0..<min(Rows, Columns) { m.storage[unchecked: i][unchecked: i] = 1 }
        return m
    }

    /// A diagonal matrix from the elements of `diagonal`.
    ///
    /// ```swift
    /// let r = Matrix<2, 2, Double>.diagonal(Matrix<2, 1, Double>(column: 16, 16))
    /// ```
    /// - Parameter diagonal: The column vector placed on the diagonal.
    /// - Returns: The diagonal matrix.
    @inlinable @inline(__always)
    public static func diagonal(_ diagonal: Matrix<Rows, 1, Scalar>) -> Self {
        var m = Self(repeating: 0)
        for i in 0..<min(Rows, Columns) {
            m.storage[unchecked: i][unchecked: i] = diagonal.storage[unchecked: i][unchecked: 0]
        }
        return m
    }

    /// The element at `row`, `column` (both zero-based).
    ///
    /// ```swift
    /// let m = Matrix<2, 2, Double>.identity
    /// m[1, 1]   // 1
    /// ```
    /// - Parameters:
    ///   - row: The row, in `0..<Rows`.
    ///   - column: The column, in `0..<Columns`.
    @inlinable @inline(__always)
    public subscript(row: Int, column: Int) -> Scalar {
        get { storage[row][column] }
        set { storage[row][column] = newValue }
    }
}

extension Matrix where Columns == 1 {
    /// Creates a column vector from its elements, top to bottom.
    ///
    /// Extra values are ignored and missing ones are zero, so the call never traps.
    ///
    /// ```swift
    /// let x = Matrix<4, 1, Double>(column: 0, 1, 0, 1)
    /// ```
    /// - Parameter values: The elements.
    @inlinable @inline(__always)
    public init(column values: Scalar...) {
        self.init(repeating: 0)
        for i in 0..<min(Rows, values.count) { storage[unchecked: i][unchecked: 0] = values[i] }
    }

    /// The `index`-th element of a column vector.
    ///
    /// ```swift
    /// let x = Matrix<2, 1, Double>(column: 3, 4)
    /// x[1]   // 4
    /// ```
    /// - Parameter index: The element, in `0..<Rows`.
    @inlinable @inline(__always)
    public subscript(index: Int) -> Scalar {
        get { storage[index][0] }
        set { storage[index][0] = newValue }
    }
}

extension Matrix: Equatable {
    /// Whether every element of `lhs` equals the matching element of `rhs`.
    ///
    /// - Parameters:
    ///   - lhs: A matrix.
    ///   - rhs: A matrix of the same shape.
    /// - Returns: `true` when all elements are equal.
    /// - Complexity: O(Rows × Columns).
    @inlinable @inline(__always)
    public static func == (lhs: Self, rhs: Self) -> Bool {
        for r in 0..<Rows {
            for c in 0..<Columns
            where lhs.storage[unchecked: r][unchecked: c] != rhs.storage[unchecked: r][unchecked: c] {
                return false
            }
        }
        return true
    }
}
