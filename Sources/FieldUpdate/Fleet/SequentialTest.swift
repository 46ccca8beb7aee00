/// Wald's sequential probability ratio test on a failure rate, for deciding as reports arrive.
///
/// The test weighs two hypotheses: the release fails at the acceptable rate `p0`, or at the
/// unacceptable rate `p1`. Each report adds `ln(p1/p0)` (failure) or `ln((1−p1)/(1−p0))`
/// (success) to the log-likelihood ratio. Crossing `ln((1−β)/α)` means "unacceptable" (halt);
/// crossing `ln(β/(1−α))` means "acceptable" (the stage may advance). Because the likelihood
/// ratio is a martingale under `p0`, the chance of ever halting a release that truly fails at
/// `p0` stays below about `α`, however often the test is looked at; a release failing at `p1` or
/// worse halts with probability at least `1 − β`, typically after a few dozen reports.
///
/// ```swift
/// var test = SequentialTest(acceptableRate: 0.01, unacceptableRate: 0.05, falseHaltRisk: 0.001, missedHaltRisk: 0.01)
/// test.record(failed: true)
/// if test.verdict == .unacceptable { halt() }
/// ```
public struct SequentialTest: Hashable, Sendable {
    /// The test's current conclusion.
    public enum Verdict: Hashable, Sendable {
        /// Not enough evidence either way.
        case undecided
        /// The failure rate is consistent with the acceptable rate.
        case acceptable
        /// The failure rate is at or above the unacceptable rate.
        case unacceptable
    }

    /// The log-likelihood ratio accumulated so far.
    public private(set) var logLikelihoodRatio = 0.0
    /// The ratio's increment for a failure.
    public let failureWeight: Double
    /// The ratio's increment for a success (negative).
    public let successWeight: Double
    /// The "unacceptable" boundary, `ln((1−β)/α)`.
    public let upperBound: Double
    /// The "acceptable" boundary, `ln(β/(1−α))`.
    public let lowerBound: Double

    /// Creates a test. Requires `0 < acceptableRate < unacceptableRate < 1` and risks in (0, ½).
    ///
    /// - Parameters:
    ///   - acceptableRate: `p0`, a failure rate that must not halt.
    ///   - unacceptableRate: `p1`, a failure rate that must halt.
    ///   - falseHaltRisk: `α`, the chance of halting at `p0`.
    ///   - missedHaltRisk: `β`, the chance of not halting at `p1`.
    public init(acceptableRate: Double, unacceptableRate: Double, falseHaltRisk: Double, missedHaltRisk: Double) {
        failureWeight = naturalLogarithm(unacceptableRate / acceptableRate)
        successWeight = naturalLogarithm((1 - unacceptableRate) / (1 - acceptableRate))
        upperBound = naturalLogarithm((1 - missedHaltRisk) / falseHaltRisk)
        lowerBound = naturalLogarithm(missedHaltRisk / (1 - falseHaltRisk))
    }

    /// Adds one report.
    ///
    /// - Parameter failed: Whether the device failed.
    public mutating func record(failed: Bool) {
        logLikelihoodRatio += failed ? failureWeight : successWeight
    }

    /// The conclusion so far.
    public var verdict: Verdict {
        if logLikelihoodRatio >= upperBound { return .unacceptable }
        if logLikelihoodRatio <= lowerBound { return .acceptable }
        return .undecided
    }

    /// Starts a fresh test (a new stage, or after an operator resumed a halted rollout).
    public mutating func reset() { logLikelihoodRatio = 0 }
}
