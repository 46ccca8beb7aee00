/// How a release goes out to a fleet: stages, failure rates and the statistical care.
///
/// Halting uses a ``SequentialTest`` between ``acceptableFailureRate`` and
/// ``haltFailureRate``: a release failing at the halt rate or worse is stopped (with probability
/// at least `1 − missedHaltRisk`, usually within a few dozen reports), one failing at the
/// acceptable rate is stopped with probability below about ``falseHaltRisk``. One failure out of
/// two never halts (it takes several failures in a row). A stage advances after
/// ``minimumSoak``, once ``minimumReportFraction`` of its expected devices reported,
/// and when the test found the rate acceptable, or every device offered so far has reported (a
/// small fleet cannot produce more evidence; the test keeps running into the next stage).
///
/// ```swift
/// let plan = RolloutPlan.standard   // 1%, 5%, 25%, 100%; halt at 5% failures
/// ```
public struct RolloutPlan: Hashable, Sendable {
    /// The cumulative fraction of the fleet at each stage, increasing, ending at 1.
    public var stages: [Double]
    /// A failure rate that is acceptable (it must not halt the rollout).
    public var acceptableFailureRate: Double
    /// The failure rate at or above which the rollout must halt.
    public var haltFailureRate: Double
    /// The chance of halting a release that fails at the acceptable rate.
    public var falseHaltRisk: Double
    /// The chance of not halting a release that fails at the halt rate.
    public var missedHaltRisk: Double
    /// The normal quantile of the Wilson interval reported with decisions (2.576: 99%).
    public var confidenceZ: Double
    /// The share of a stage's expected devices that must report before it can advance (devices
    /// offline for weeks must not block a rollout forever).
    public var minimumReportFraction: Double
    /// How long each stage runs at least.
    public var minimumSoak: Duration

    /// The default plan: 1%, 5%, 25%, 100%; acceptable 1%, halt at 5%; risks 0.1% and 1%; half
    /// of each stage must report; one day of soak.
    public static let standard = RolloutPlan(
        stages: [0.01, 0.05, 0.25, 1.0], acceptableFailureRate: 0.01, haltFailureRate: 0.05, falseHaltRisk: 0.001,
        missedHaltRisk: 0.01, confidenceZ: 2.576, minimumReportFraction: 0.5, minimumSoak: .seconds(86_400))

    /// Creates a plan.
    ///
    /// - Parameters:
    ///   - stages: Cumulative fractions, increasing, the last one 1.
    ///   - acceptableFailureRate: A failure rate that must not halt.
    ///   - haltFailureRate: The failure rate that must halt.
    ///   - falseHaltRisk: The chance of halting at the acceptable rate.
    ///   - missedHaltRisk: The chance of not halting at the halt rate.
    ///   - confidenceZ: The normal quantile of reported Wilson intervals.
    ///   - minimumReportFraction: Share of a stage that must report before it advances.
    ///   - minimumSoak: Minimum duration of each stage.
    public init(
        stages: [Double], acceptableFailureRate: Double, haltFailureRate: Double, falseHaltRisk: Double,
        missedHaltRisk: Double, confidenceZ: Double, minimumReportFraction: Double, minimumSoak: Duration
    ) {
        self.stages = stages
        self.acceptableFailureRate = acceptableFailureRate
        self.haltFailureRate = haltFailureRate
        self.falseHaltRisk = falseHaltRisk
        self.missedHaltRisk = missedHaltRisk
        self.confidenceZ = confidenceZ
        self.minimumReportFraction = minimumReportFraction
        self.minimumSoak = minimumSoak
    }

    /// A sequential test configured from this plan.
    public var sequentialTest: SequentialTest {
        SequentialTest(
            acceptableRate: acceptableFailureRate, unacceptableRate: haltFailureRate, falseHaltRisk: falseHaltRisk,
            missedHaltRisk: missedHaltRisk)
    }

    /// Checks the plan's rules.
    ///
    /// - Throws: ``FieldUpdateError/Code/invalidPlan`` naming the rule broken.
    /// - Complexity: O(s) in the number of stages.
    public func validate() throws(FieldUpdateError) {
        guard !stages.isEmpty, stages.last == 1 else { throw FieldUpdateError(.invalidPlan("last stage must be 1")) }
        var previous = 0.0
        for stage in stages {
            guard stage > previous, stage <= 1 else {
                throw FieldUpdateError(.invalidPlan("stages must increase in (0, 1]"))
            }
            previous = stage
        }
        guard acceptableFailureRate > 0, acceptableFailureRate < haltFailureRate, haltFailureRate < 1 else {
            throw FieldUpdateError(.invalidPlan("need 0 < acceptable rate < halt rate < 1"))
        }
        guard falseHaltRisk > 0, falseHaltRisk < 0.5, missedHaltRisk > 0, missedHaltRisk < 0.5 else {
            throw FieldUpdateError(.invalidPlan("risks in (0, 0.5)"))
        }
        guard confidenceZ > 0 else { throw FieldUpdateError(.invalidPlan("confidence z must be positive")) }
        guard minimumReportFraction >= 0, minimumReportFraction <= 1 else {
            throw FieldUpdateError(.invalidPlan("report fraction in [0, 1]"))
        }
        guard minimumSoak >= .zero else { throw FieldUpdateError(.invalidPlan("soak must not be negative")) }
    }
}
