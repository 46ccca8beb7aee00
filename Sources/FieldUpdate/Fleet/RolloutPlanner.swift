public import FieldCore

/// Where a rollout stands.
///
/// ```swift
/// if planner.status == .halted { page(oncall) }
/// ```
public enum RolloutStatus: Hashable, Sendable {
    /// Offering the release to the current stage.
    case running
    /// Stopped automatically because the failure rate is too high; ``RolloutPlanner/resume(now:)``
    /// or ``RolloutPlanner/abort()``.
    case halted
    /// Stopped for good by an operator; devices still downloading are told to cancel.
    case aborted
    /// Every stage done.
    case completed
}

/// What the server tells a device that checks in.
///
/// ```swift
/// switch planner.checkIn(deviceID: id, now: now) {
/// case .install: send(signedManifest)
/// case .cancel: send(cancel)
/// case .wait: break
/// }
/// ```
public enum RolloutOffer: Hashable, Sendable {
    /// Install the release.
    case install
    /// Nothing to do now (not in the reached cohort, already reported, or halted).
    case wait
    /// The rollout was aborted: cancel the release if it is in progress.
    case cancel
}

/// How a device's installation ended, as it reports to the server.
///
/// ```swift
/// planner.report(deviceID: id, outcome: .failed, now: now)
/// ```
public enum DeviceReport: Hashable, Sendable {
    /// The release was confirmed healthy.
    case installed
    /// The release was rolled back (failed health check, too many boot attempts, bad image).
    case failed
}

/// What ``RolloutPlanner/evaluate(now:)`` decided.
///
/// ```swift
/// if case .halted(let failures, let reports, let lower) = planner.evaluate(now: now) { ... }
/// ```
public enum RolloutDecision: Hashable, Sendable {
    /// Nothing changed.
    case unchanged
    /// The rollout moved to stage `stage` (0-based), reaching `fraction` of the fleet.
    case advanced(stage: Int, fraction: Double)
    /// The rollout halted: the sequential test found the failure rate unacceptable after
    /// `failures` of `reports` failed (`lowerBound` is the Wilson lower bound of the rate).
    case halted(failures: Int, reports: Int, lowerBound: Double)
    /// The last stage finished.
    case completed
}

/// The server side of a staged rollout: cohorts, automatic halt, resume and abort.
///
/// Cohorts come from ``CohortHash`` (stable per device and release); stages widen the reached
/// fraction; reports feed the ``SequentialTest`` of the ``RolloutPlan``. The planner keeps no per-device
/// schedule: a device offline for weeks is judged when it checks in, against the stage reached
/// by then, so it is picked up on return. Reports are counted once per device.
///
/// ```swift
/// var planner = try RolloutPlanner(plan: .standard, salt: "1.4.0", fleetSize: 100_000, now: t0)
/// if planner.checkIn(deviceID: id, now: now) == .install { offer(manifest) }
/// planner.report(deviceID: id, outcome: .installed, now: now)
/// let decision = planner.evaluate(now: now)
/// ```
public struct RolloutPlanner: Sendable {
    /// The plan.
    public let plan: RolloutPlan
    /// The cohort salt (for example the release version).
    public let salt: String
    /// The number of devices in the fleet.
    public let fleetSize: Int
    /// The current stage index (0-based).
    public private(set) var stage: Int = 0
    /// The rollout's status.
    public private(set) var status: RolloutStatus = .running
    /// When the current stage opened.
    public private(set) var stageStartedAt: Instant
    /// Successful installs in the current evidence window (since the start, the last stage the
    /// test accepted, or the last resume).
    public private(set) var successes = 0
    /// Failures in the current evidence window.
    public private(set) var failures = 0
    /// The sequential test over the current evidence window.
    public private(set) var test: SequentialTest
    /// Successful installs reported over the whole rollout.
    public private(set) var totalSuccesses = 0
    /// Failures reported over the whole rollout.
    public private(set) var totalFailures = 0
    /// Devices offered the release.
    public var offeredCount: Int { offered.count }

    /// The number of devices in each stage's cohort (exact when the planner was given the fleet's
    /// ids, otherwise the fleet size times the stage fraction).
    public let stageSizes: [Int]

    private var offered: Set<UInt64> = []
    private var reported: Set<UInt64> = []

    /// Starts a rollout at its first stage, for a fleet known by its size only.
    ///
    /// - Parameters:
    ///   - plan: The plan.
    ///   - salt: The cohort salt.
    ///   - fleetSize: The number of devices in the fleet.
    ///   - now: The current time.
    /// - Throws: ``FieldUpdateError/Code/invalidPlan`` for a bad plan.
    public init(plan: RolloutPlan, salt: String, fleetSize: Int, now: Instant) throws(FieldUpdateError) {
        try plan.validate()
        guard fleetSize >= 0 else { throw FieldUpdateError(.invalidPlan("fleet size must not be negative")) }
        self.plan = plan
        self.salt = salt
        self.fleetSize = fleetSize
        self.stageStartedAt = now
        self.test = plan.sequentialTest
        self.stageSizes = plan.stages.map { roundedToInt(Double(fleetSize) * $0) }
    }

    /// Starts a rollout at its first stage, for a fleet whose device ids the server knows: stage
    /// sizes are then exact (a 1% cohort of 2,000 devices may hold 11 devices, not 20).
    ///
    /// - Parameters:
    ///   - plan: The plan.
    ///   - salt: The cohort salt.
    ///   - deviceIDs: Every device id of the fleet.
    ///   - now: The current time.
    /// - Throws: ``FieldUpdateError/Code/invalidPlan`` for a bad plan.
    /// - Complexity: O(n · s) for n devices and s stages.
    public init<IDs: Sequence>(plan: RolloutPlan, salt: String, deviceIDs: IDs, now: Instant) throws(FieldUpdateError)
    where IDs.Element == String {
        try plan.validate()
        var sizes = [Int](repeating: 0, count: plan.stages.count)
        let limits = plan.stages.map { roundedToInt($0 * Double(CohortHash.bucketCount)) }
        var count = 0
        for id in deviceIDs {
            count += 1
            let bucket = CohortHash.bucket(deviceID: id, salt: salt)
            for (i, limit) in limits.enumerated() where bucket < limit { sizes[i] += 1 }
        }
        self.plan = plan
        self.salt = salt
        self.fleetSize = count
        self.stageStartedAt = now
        self.test = plan.sequentialTest
        self.stageSizes = sizes
    }

    /// The fraction of the fleet the current stage reaches.
    public var reachedFraction: Double { plan.stages[stage] }

    /// Whether a device's cohort is inside the current stage.
    ///
    /// - Parameter deviceID: The device id.
    /// - Returns: `true` if its bucket is below the reached fraction.
    public func isInReachedCohort(_ deviceID: String) -> Bool {
        let limit = roundedToInt(reachedFraction * Double(CohortHash.bucketCount))
        return CohortHash.bucket(deviceID: deviceID, salt: salt) < limit
    }

    /// Handles a device's check-in: offers the release if the device is in the reached cohort and
    /// has not reported yet.
    ///
    /// - Parameters:
    ///   - deviceID: The device id.
    ///   - now: The current time (reserved for time-based policies).
    /// - Returns: What to tell the device.
    /// - Complexity: O(n) in the id length (amortized set insertion).
    public mutating func checkIn(deviceID: String, now: Instant) -> RolloutOffer {
        switch status {
        case .aborted: return .cancel
        case .halted: return .wait
        case .running, .completed: break
        }
        let key = CohortHash.hash(deviceID: deviceID, salt: salt)
        guard !reported.contains(key), isInReachedCohort(deviceID) else { return .wait }
        offered.insert(key)
        return .install
    }

    /// Records a device's outcome, once per device; later duplicates are ignored.
    ///
    /// - Parameters:
    ///   - deviceID: The device id.
    ///   - outcome: How its installation ended.
    ///   - now: The current time.
    /// - Returns: `false` if the device had already reported.
    /// - Complexity: O(n) in the id length (amortized set insertion).
    @discardableResult
    public mutating func report(deviceID: String, outcome: DeviceReport, now: Instant) -> Bool {
        let key = CohortHash.hash(deviceID: deviceID, salt: salt)
        guard reported.insert(key).inserted else { return false }
        switch outcome {
        case .installed:
            test.record(failed: false)
            successes += 1
            totalSuccesses += 1
        case .failed:
            test.record(failed: true)
            failures += 1
            totalFailures += 1
        }
        return true
    }

    /// The Wilson interval of the failure rate over the current evidence window.
    public var failureInterval: WilsonInterval {
        WilsonInterval(failures: failures, trials: failures + successes, z: plan.confidenceZ)
    }

    /// Applies the halt rule, then the stage-advance rule.
    ///
    /// Call it after reports arrive (it is cheap) or on a timer.
    ///
    /// - Parameter now: The current time.
    /// - Returns: What changed.
    public mutating func evaluate(now: Instant) -> RolloutDecision {
        guard status == .running else { return .unchanged }
        let verdict = test.verdict
        if verdict == .unacceptable {
            status = .halted
            return .halted(failures: failures, reports: failures + successes, lowerBound: failureInterval.lower)
        }
        guard now - stageStartedAt >= plan.minimumSoak else { return .unchanged }
        let needed = ceilingToInt(Double(stageSizes[stage]) * plan.minimumReportFraction)
        guard totalFailures + totalSuccesses >= needed else { return .unchanged }
        guard verdict == .acceptable || reported.count >= offered.count else { return .unchanged }
        if stage + 1 == plan.stages.count {
            status = .completed
            return .completed
        }
        stage += 1
        stageStartedAt = now
        if verdict == .acceptable {
            test.reset()
            successes = 0
            failures = 0
        }
        return .advanced(stage: stage, fraction: reachedFraction)
    }

    /// Resumes a halted rollout after the operator investigated; the failure counts used by the
    /// halt rule start afresh (the totals are kept), and the stage's soak restarts.
    ///
    /// - Parameter now: The current time.
    /// - Throws: ``FieldUpdateError/Code/invalidPhase`` unless halted.
    public mutating func resume(now: Instant) throws(FieldUpdateError) {
        guard status == .halted else { throw FieldUpdateError(.invalidPhase) }
        status = .running
        test.reset()
        successes = 0
        failures = 0
        stageStartedAt = now
    }

    /// Aborts the rollout for good: no more offers, and devices checking in are told to cancel.
    public mutating func abort() {
        status = .aborted
    }
}
