/// The ways a FieldFilters operation can fail.
///
/// Every failure is reported as a value of this type through typed throws, never as a NaN, a trap
/// or an out-of-bounds read. Each case names what went wrong and where.
///
/// ```swift
/// do {
///     let factor = try CholeskyFactor(matrix)
/// } catch .notPositiveDefinite(let pivot) {
///     print("pivot \(pivot) is not positive")
/// }
/// ```
public enum FilterError: Error, Equatable, Sendable {
    /// A matrix that must be symmetric positive definite is not: the diagonal pivot at `pivot`
    /// (zero-based) was zero, negative or not finite during the Cholesky factorisation.
    case notPositiveDefinite(pivot: Int)
    /// A configuration parameter is out of its valid range.
    ///
    /// `name` is the parameter's name and `reason` the rule it breaks.
    case invalidParameter(name: String, reason: String)
    /// An input value at `index` (a sample or step number) is NaN or infinite.
    case nonFiniteInput(index: Int)
    /// Fewer samples than the operation needs: `needed` were required, `available` were given.
    case notEnoughSamples(needed: Int, available: Int)
}

extension FilterError: CustomStringConvertible {
    /// A one-line English description naming the rule broken and where.
    ///
    /// ```swift
    /// print(FilterError.notEnoughSamples(needed: 11, available: 3))
    /// // "not enough samples: 11 needed, 3 given"
    /// ```
    public var description: String {
        switch self {
        case .notPositiveDefinite(let pivot):
            "matrix is not positive definite (pivot \(pivot))"
        case .invalidParameter(let name, let reason):
            "invalid parameter '\(name)': \(reason)"
        case .nonFiniteInput(let index):
            "sample \(index) is NaN or infinite"
        case .notEnoughSamples(let needed, let available):
            "not enough samples: \(needed) needed, \(available) given"
        }
    }
}
