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
