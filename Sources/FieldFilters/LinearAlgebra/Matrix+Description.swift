#if !hasFeature(Embedded)
    extension Matrix: CustomStringConvertible {
        /// The elements row by row, as nested brackets: `[[1.0, 0.5], [0.0, 1.0]]`.
        ///
        /// A column vector prints one element per row (`[[3.0], [4.0]]`). Host builds only:
        /// Embedded Swift cannot format floating-point numbers.
        ///
        /// ```swift
        /// print(Matrix<2, 2, Double>.identity)  // [[1.0, 0.0], [0.0, 1.0]]
        /// ```
        ///
        /// - Complexity: O(Rows × Columns).
        public var description: String {
            var text = "["
            for r in 0..<Rows {
                if r > 0 { text += ", " }
                text += "["
                for c in 0..<Columns {
                    if c > 0 { text += ", " }
                    text += "\(storage[r][c])"
                }
                text += "]"
            }
            return text + "]"
        }
    }
#endif
