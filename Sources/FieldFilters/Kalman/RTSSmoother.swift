/// The Rauch-Tung-Striebel fixed-interval smoother: the best estimate of every step given all
/// the measurements, before and after it.
///
/// Run the Kalman filter forward, keep a ``KalmanStepRecord`` per step, then smooth backwards.
/// Smoothing removes the lag of the filter and pulls the track through gaps, which is what a
/// server replaying a day of GPS fixes wants. Matches filterpy's `rts_smoother` to 1e-9.
///
/// ```swift
/// let smoothed = try RTSSmoother.smooth(records)
/// print(smoothed[10].state)
/// ```
public enum RTSSmoother {
    /// Smooths a forward filter run.
    ///
    /// ```swift
    /// let smoothed = try RTSSmoother.smooth(records)
    /// ```
    /// - Parameter records: The forward run, one record per step, oldest first.
    /// - Returns: One smoothed estimate per record; the last equals the last filtered estimate.
    /// - Throws: ``FieldFiltersError/notPositiveDefinite(pivot:)`` when a prior covariance is not
    ///   positive definite.
    /// - Complexity: O(n × StateSize³) time, O(n) space for n records.
    public static func smooth<let StateSize: Int, Scalar: FilterScalar>(
        _ records: [KalmanStepRecord<StateSize, Scalar>]
    ) throws(FieldFiltersError) -> [KalmanEstimate<StateSize, Scalar>] {
        guard let last = records.last else { return [] }
        var result = [KalmanEstimate<StateSize, Scalar>](
            repeating: KalmanEstimate(state: last.state, covariance: last.covariance), count: records.count)
        var k = records.count - 2
        while k >= 0 {
            result[k] = try records[k].smoothed(next: records[k + 1], smoothedNext: result[k + 1])
            k -= 1
        }
        return result
    }
}
