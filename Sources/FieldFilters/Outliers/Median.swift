/// Median helpers shared by the outlier detectors.
enum Median {
    /// The median of `values` (mean of the two middle values for an even count), sorting in place.
    ///
    /// - Parameter values: At least one finite value; reordered.
    /// - Returns: The median.
    /// - Complexity: O(n log n).
    static func ofMutable<Scalar: FilterScalar>(_ values: inout [Scalar]) -> Scalar {
        values.sort()
        let mid = values.count / 2
        return values.count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2
    }
}
