/// How a release goes out to a fleet: stages, the failure-rate threshold and the statistical care.
///
/// The planner halts when it is confident (one-sided Wilson lower bound at
/// ``confidenceZ``, with at least ``minimumFailuresToHalt`` failures) that the release's failure
/// rate exceeds ``haltFailureRate``. It advances a stage only after ``minimumSoakMilliseconds``,
/// once at least ``minimumReportFraction`` of the stage's expected devices have reported, and
/// when the Wilson upper bound is at or below the threshold (or every device offered has
/// reported). One failure out of two never halts; a real 10% failure rate halts early in
/// a large fleet.
///
/// ```swift
/// let plan = RolloutPlan.standard   // 1%, 5%, 25%, 100%; halt above 5% failures
/// ```
public struct RolloutPlan: Hashable, Sendable {
    /// The cumulative fraction of the fleet at each stage, increasing, ending at 1.
    public var stages: [Double]
    /// The failure rate above which the rollout must halt.
    public var haltFailureRate: Double
    /// The normal quantile of the confidence bounds (2.576: each one-sided bound holds with 99.5%).
    public var confidenceZ: Double
    /// Failures required before any halt, whatever the bound says.
    public var minimumFailuresToHalt: Int
    /// The share of a stage's expected devices that must report before it can advance (devices
    /// offline for weeks must not block a rollout forever).
    public var minimumReportFraction: Double
    /// How long each stage runs at least, in milliseconds.
    public var minimumSoakMilliseconds: Int64

    /// The default plan: 1%, 5%, 25%, 100%; halt above 5% failures at 99.5% confidence with at
    /// least 3 failures; half the stage must report; one day of soak.
    public static let standard = RolloutPlan(
        stages: [0.01, 0.05, 0.25, 1.0], haltFailureRate: 0.05, confidenceZ: 2.576, minimumFailuresToHalt: 3,
        minimumReportFraction: 0.5, minimumSoakMilliseconds: 86_400_000)

    /// Creates a plan.
    ///
    /// - Parameters:
    ///   - stages: Cumulative fractions, increasing, the last one 1.
    ///   - haltFailureRate: The failure-rate threshold.
    ///   - confidenceZ: The normal quantile of the confidence bounds.
    ///   - minimumFailuresToHalt: Failures needed before any halt.
    ///   - minimumReportFraction: Share of a stage that must report before it advances.
    ///   - minimumSoakMilliseconds: Minimum duration of each stage.
    public init(
        stages: [Double], haltFailureRate: Double, confidenceZ: Double, minimumFailuresToHalt: Int,
        minimumReportFraction: Double, minimumSoakMilliseconds: Int64
    ) {
        self.stages = stages
        self.haltFailureRate = haltFailureRate
        self.confidenceZ = confidenceZ
        self.minimumFailuresToHalt = minimumFailuresToHalt
        self.minimumReportFraction = minimumReportFraction
        self.minimumSoakMilliseconds = minimumSoakMilliseconds
    }

    /// Checks the plan's rules.
    ///
    /// - Throws: ``FieldUpdateError/Kind/invalidPlan(_:)`` naming the rule broken.
    /// - Complexity: O(s) in the number of stages.
    public func validate() throws(FieldUpdateError) {
        guard !stages.isEmpty, stages.last == 1 else { throw FieldUpdateError(.invalidPlan("last stage must be 1")) }
        var previous = 0.0
        for stage in stages {
            guard stage > previous, stage <= 1 else { throw FieldUpdateError(.invalidPlan("stages must increase in (0, 1]")) }
            previous = stage
        }
        guard haltFailureRate > 0, haltFailureRate < 1 else { throw FieldUpdateError(.invalidPlan("threshold in (0, 1)")) }
        guard confidenceZ > 0 else { throw FieldUpdateError(.invalidPlan("confidence z must be positive")) }
        guard minimumFailuresToHalt >= 1 else { throw FieldUpdateError(.invalidPlan("minimum failures at least 1")) }
        guard minimumReportFraction >= 0, minimumReportFraction <= 1 else {
            throw FieldUpdateError(.invalidPlan("report fraction in [0, 1]"))
        }
        guard minimumSoakMilliseconds >= 0 else { throw FieldUpdateError(.invalidPlan("soak must not be negative")) }
    }
}
