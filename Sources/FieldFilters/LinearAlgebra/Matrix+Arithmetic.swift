extension Matrix {
    /// The element-wise sum.
    ///
    /// ```swift
    /// let p = a + b
    /// ```
    /// - Parameters:
    ///   - lhs: A matrix.
    ///   - rhs: A matrix of the same shape.
    /// - Returns: `lhs + rhs`.
    /// - Complexity: O(Rows × Columns).
    @inlinable @inline(__always)
    public static func + (lhs: Self, rhs: Self) -> Self {
        var out = lhs
        for r in 0..<Rows {
            for c in 0..<Columns { out.storage[unchecked: r][unchecked: c] += rhs.storage[unchecked: r][unchecked: c] }
        }
        return out
    }

    /// The element-wise difference.
    ///
    /// ```swift
    /// let y = z - hx
    /// ```
    /// - Parameters:
    ///   - lhs: A matrix.
    ///   - rhs: A matrix of the same shape.
    /// - Returns: `lhs - rhs`.
    /// - Complexity: O(Rows × Columns).
    @inlinable @inline(__always)
    public static func - (lhs: Self, rhs: Self) -> Self {
        var out = lhs
        for r in 0..<Rows {
            for c in 0..<Columns { out.storage[unchecked: r][unchecked: c] -= rhs.storage[unchecked: r][unchecked: c] }
        }
        return out
    }

    /// Adds `rhs` to `lhs` in place.
    ///
    /// - Parameters:
    ///   - lhs: The matrix to change.
    ///   - rhs: A matrix of the same shape.
    /// - Complexity: O(Rows × Columns).
    @inlinable @inline(__always)
    public static func += (lhs: inout Self, rhs: Self) {
        for r in 0..<Rows {
            for c in 0..<Columns { lhs.storage[unchecked: r][unchecked: c] += rhs.storage[unchecked: r][unchecked: c] }
        }
    }

    /// Subtracts `rhs` from `lhs` in place.
    ///
    /// - Parameters:
    ///   - lhs: The matrix to change.
    ///   - rhs: A matrix of the same shape.
    /// - Complexity: O(Rows × Columns).
    @inlinable @inline(__always)
    public static func -= (lhs: inout Self, rhs: Self) {
        for r in 0..<Rows {
            for c in 0..<Columns { lhs.storage[unchecked: r][unchecked: c] -= rhs.storage[unchecked: r][unchecked: c] }
        }
    }

    /// Every element multiplied by a scalar.
    ///
    /// ```swift
    /// let q = 0.5 * qUnit
    /// ```
    /// - Parameters:
    ///   - lhs: The scalar.
    ///   - rhs: The matrix.
    /// - Returns: `lhs * rhs`.
    /// - Complexity: O(Rows × Columns).
    @inlinable @inline(__always)
    public static func * (lhs: Scalar, rhs: Self) -> Self {
        var out = rhs
        for r in 0..<Rows {
            for c in 0..<Columns { out.storage[unchecked: r][unchecked: c] *= lhs }
        }
        return out
    }

    /// The matrix product.
    ///
    /// The inner dimension is checked at compile time.
    ///
    /// ```swift
    /// let hp = h * p   // Matrix<2, 4> * Matrix<4, 4> -> Matrix<2, 4>
    /// ```
    /// - Parameters:
    ///   - lhs: A `Rows × Inner` matrix.
    ///   - rhs: An `Inner × Columns` matrix.
    /// - Returns: The `Rows × Columns` product.
    /// - Complexity: O(Rows × Inner × Columns).
    @inlinable @inline(__always)
    public static func * <let Inner: Int>(
        lhs: Matrix<Rows, Inner, Scalar>, rhs: Matrix<Inner, Columns, Scalar>
    ) -> Self {
        var out = Self(repeating: 0)
        for r in 0..<Rows {
            for c in 0..<Columns {
                var sum: Scalar = 0
                for k in 0..<Inner {
                    sum += lhs.storage[unchecked: r][unchecked: k] * rhs.storage[unchecked: k][unchecked: c]
                }
                out.storage[unchecked: r][unchecked: c] = sum
            }
        }
        return out
    }

    /// The product `self * other'` without forming the transpose.
    ///
    /// ```swift
    /// let pht = p.multipliedByTranspose(of: h)   // P H'
    /// ```
    /// - Parameter other: A `Others × Columns` matrix.
    /// - Returns: The `Rows × Others` product.
    /// - Complexity: O(Rows × Columns × Others).
    @inlinable @inline(__always)
    public func multipliedByTranspose<let Others: Int>(
        of other: Matrix<Others, Columns, Scalar>
    ) -> Matrix<Rows, Others, Scalar> {
        var out = Matrix<Rows, Others, Scalar>(repeating: 0)
        for r in 0..<Rows {
            for c in 0..<Others {
                var sum: Scalar = 0
                for k in 0..<Columns {
                    sum += storage[unchecked: r][unchecked: k] * other.storage[unchecked: c][unchecked: k]
                }
                out.storage[unchecked: r][unchecked: c] = sum
            }
        }
        return out
    }

    /// The transpose.
    ///
    /// ```swift
    /// let ht = h.transposed
    /// ```
    /// - Complexity: O(Rows × Columns).
    @inlinable @inline(__always)
    public var transposed: Matrix<Columns, Rows, Scalar> {
        var out = Matrix<Columns, Rows, Scalar>(repeating: 0)
        for r in 0..<Rows {
            for c in 0..<Columns { out.storage[unchecked: c][unchecked: r] = storage[unchecked: r][unchecked: c] }
        }
        return out
    }

    /// Whether every element is finite (neither NaN nor infinite).
    ///
    /// - Complexity: O(Rows × Columns).
    @inlinable @inline(__always)
    public var isFinite: Bool {
        for r in 0..<Rows {
            for c in 0..<Columns where !storage[unchecked: r][unchecked: c].isFinite { return false }
        }
        return true
    }

    /// The largest absolute element-wise difference from `other`.
    ///
    /// ```swift
    /// a.maximumAbsoluteDifference(to: b) < 1e-9
    /// ```
    /// - Parameter other: A matrix of the same shape.
    /// - Returns: `max |self[r, c] - other[r, c]|`.
    /// - Complexity: O(Rows × Columns).
    @inlinable @inline(__always)
    public func maximumAbsoluteDifference(to other: Self) -> Scalar {
        var worst: Scalar = 0
        for r in 0..<Rows {
            for c in 0..<Columns {
                let d = (storage[unchecked: r][unchecked: c] - other.storage[unchecked: r][unchecked: c]).magnitude
                if !(d <= worst) { worst = d }
            }
        }
        return worst
    }
}

extension Matrix where Rows == Columns {
    /// The matrix made exactly symmetric by averaging it with its transpose.
    ///
    /// Covariances drift from symmetry by rounding; filters call this after each update.
    ///
    /// ```swift
    /// p = p.symmetrized
    /// ```
    /// - Complexity: O(Rows²).
    @inlinable @inline(__always)
    public var symmetrized: Self {
        var out = self
        for r in 0..<Rows {
            for c in (r + 1)..<Columns {
                let mean = (storage[unchecked: r][unchecked: c] + storage[unchecked: c][unchecked: r]) / 2
                out.storage[unchecked: r][unchecked: c] = mean
                out.storage[unchecked: c][unchecked: r] = mean
            }
        }
        return out
    }
}
