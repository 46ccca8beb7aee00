/// What a filter did with one measurement.
///
/// ```swift
/// switch report.status {
/// case .updated: break
/// case .missing: print("no fix")
/// case .rejected(let reason): print("rejected: \(reason)")
/// }
/// ```
public enum MeasurementStatus: Sendable, Equatable {
    /// The measurement was used: the posterior is the updated estimate.
    case updated
    /// There was no measurement: the posterior is the prior.
    case missing
    /// The measurement was refused for `reason`: the posterior is the prior.
    case rejected(RejectionReason)

    /// The lower-case name used in CSV output: `updated`, `missing` or `rejected`.
    public var name: String {
        switch self {
        case .updated: "updated"
        case .missing: "missing"
        case .rejected: "rejected"
        }
    }
}

/// Why a filter refused a measurement.
public enum RejectionReason: Sendable, Equatable {
    /// The squared Mahalanobis distance `y' S⁻¹ y` of the innovation exceeded the chi-square gate
    /// (the report carries both figures).
    case outsideGate
    /// The innovation covariance `S = H P H' + R` is not positive definite (a configuration
    /// error or numeric breakdown), so the update cannot be computed.
    case innovationCovarianceNotPositiveDefinite
    /// The measurement holds NaN or infinity.
    case nonFiniteMeasurement
}
