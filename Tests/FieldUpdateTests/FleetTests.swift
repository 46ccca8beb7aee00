import FieldCore
import Foundation
import Testing

@testable import FieldUpdate

@Suite("Rollout planner")
struct FleetTests {
    @Test("Wilson intervals match scipy's binomtest(...).proportion_ci(method='wilson')")
    func wilsonAgainstScipy() throws {
        let cases = try Fixtures.json("wilson.json") as! [[String: Any]]
        #expect(cases.count == 24)
        for c in cases {
            let interval = WilsonInterval(
                failures: c["failures"] as! Int, trials: c["trials"] as! Int, z: c["z"] as! Double)
            #expect(abs(interval.lower - (c["lower"] as! Double)) < 1e-12, "\(c)")
            #expect(abs(interval.upper - (c["upper"] as! Double)) < 1e-12, "\(c)")
        }
    }

    @Test("cohort hash and bucket match the Python implementation of FNV-1a 64 + fmix64")
    func cohortAgainstPython() throws {
        let cases = try Fixtures.json("cohort.json") as! [[String: Any]]
        #expect(cases.count > 40)
        for c in cases {
            let id = c["id"] as! String
            let salt = c["salt"] as! String
            #expect(String(CohortHash.hash(deviceID: id, salt: salt)) == c["hash"] as! String, "\(id)")
            #expect(CohortHash.bucket(deviceID: id, salt: salt) == c["bucket"] as! Int, "\(id)")
        }
    }

    @Test("cohorts are uniform: 1% and 25% stages hold about 1% and 25% of 100,000 devices; salts differ")
    func cohortUniformity() {
        var one = 0
        var quarter = 0
        var sameAcrossSalts = 0
        for i in 0..<100_000 {
            let bucket = CohortHash.bucket(deviceID: "dev-\(i)", salt: "2.0.0")
            if bucket < 10_000 {
                one += 1
                if CohortHash.bucket(deviceID: "dev-\(i)", salt: "2.0.1") < 10_000 { sameAcrossSalts += 1 }
            }
            if bucket < 250_000 { quarter += 1 }
        }
        // Binomial standard deviations: about 31 and 137.
        #expect(abs(one - 1000) < 130)
        #expect(abs(quarter - 25_000) < 550)
        #expect(sameAcrossSalts < 40)
    }

    static let plan = RolloutPlan(
        stages: [0.01, 0.05, 0.25, 1.0], acceptableFailureRate: 0.01, haltFailureRate: 0.05, falseHaltRisk: 0.001,
        missedHaltRisk: 0.01, confidenceZ: 2.576, minimumReportFraction: 0.5, minimumSoak: .seconds(1))

    @Test("no halt on 1 failure out of 2, nor on 4 in a row; 5 in a row halt")
    func smallSamples() throws {
        var planner = try RolloutPlanner(plan: Self.plan, salt: "s", fleetSize: 1000, now: .milliseconds(0))
        planner.report(deviceID: "a", outcome: .installed, now: .milliseconds(1))
        planner.report(deviceID: "b", outcome: .failed, now: .milliseconds(1))
        let r1 = planner.evaluate(now: .milliseconds(1))
        #expect(r1 == .unchanged)
        #expect(planner.status == .running)
        var run = try RolloutPlanner(plan: Self.plan, salt: "s", fleetSize: 1000, now: .milliseconds(0))
        for i in 0..<4 { run.report(deviceID: "f\(i)", outcome: .failed, now: .milliseconds(1)) }
        let r2 = run.evaluate(now: .milliseconds(1))
        #expect(r2 == .unchanged)
        run.report(deviceID: "f4", outcome: .failed, now: .milliseconds(1))
        guard case .halted(5, 5, let lower) = run.evaluate(now: .milliseconds(1)) else {
            Issue.record("5 of 5 did not halt")
            return
        }
        #expect(lower > 0.05)
        #expect(run.status == .halted)
    }

    @Test("sequential test: weights and boundaries are Wald's; natural log matches Foundation's")
    func sequentialTest() {
        for x in [1e-300, 1e-9, 0.001, 0.5, 0.7071, 0.99, 1, 1.5, 2, 3.14159, 990, 1e12, 1.7e308] {
            #expect(
                abs(naturalLogarithm(x) - Foundation.log(x)) <= 4 * Foundation.log(x).ulp.magnitude + 1e-300, "\(x)")
        }
        let test = SequentialTest(
            acceptableRate: 0.01, unacceptableRate: 0.05, falseHaltRisk: 0.001, missedHaltRisk: 0.01)
        #expect(abs(test.failureWeight - Foundation.log(5)) < 1e-12)
        #expect(abs(test.successWeight - Foundation.log(0.95 / 0.99)) < 1e-12)
        #expect(abs(test.upperBound - Foundation.log(0.99 / 0.001)) < 1e-12)
        #expect(abs(test.lowerBound - Foundation.log(0.01 / 0.999)) < 1e-12)
        // Operating characteristic by simulation: at p1 almost always halts, at p0 almost never.
        var rng = SplitMix64(seed: 42)
        func halts(rate: Double) -> Bool {
            var t = test
            for _ in 0..<3000 {
                t.record(failed: Double(rng.next() >> 11) / Double(1 << 53) < rate)
                if t.verdict != .undecided { break }
            }
            return t.verdict == .unacceptable
        }
        let atHalt = (0..<400).filter { _ in halts(rate: 0.05) }.count
        let atAcceptable = (0..<400).filter { _ in halts(rate: 0.01) }.count
        #expect(atHalt >= 390)
        #expect(atAcceptable <= 2)
    }

    /// One simulated rollout over `fleet` devices, failure rate `rate`: each day every device is
    /// online with probability 0.6, and 10% of devices stay offline for the first 60 days.
    static func simulate(
        fleet: Int, rate: Double, seed: UInt64, days: Int = 120
    ) throws
        -> (planner: RolloutPlanner, reached: Double, installed: Int)
    {
        var rng = SplitMix64(seed: seed)
        let ids = (0..<fleet).map { "sim-\(seed)-\($0)" }
        let longOffline = (0..<fleet).map { _ in rng.next() % 10 == 0 }
        var done = [Bool](repeating: false, count: fleet)
        var planner = try RolloutPlanner(plan: plan, salt: "3.1.0", fleetSize: fleet, now: .milliseconds(0))
        var installed = 0
        for day in 1...days {
            let now = Int64(day) * 1000
            for i in 0..<fleet where !done[i] {
                if longOffline[i] && day < 60 { continue }
                if rng.next() % 10 >= 6 { continue }
                guard planner.checkIn(deviceID: ids[i], now: .milliseconds(now)) == .install else { continue }
                done[i] = true
                let failed = Double(rng.next() >> 11) / Double(1 << 53) < rate
                if !failed { installed += 1 }
                planner.report(deviceID: ids[i], outcome: failed ? .failed : .installed, now: .milliseconds(now))
                if case .halted = planner.evaluate(now: .milliseconds(now)) { break }
            }
            _ = planner.evaluate(now: .milliseconds(now))
            if planner.status == .halted { break }
        }
        return (planner, Double(planner.offeredCount) / Double(fleet), installed)
    }

    @Test("a real 10% failure rate halts before 5% of the fleet, every time (20 seeds)")
    func halts() throws {
        for seed in UInt64(0)..<20 {
            let (planner, reached, _) = try Self.simulate(fleet: 10_000, rate: 0.10, seed: seed)
            #expect(planner.status == .halted, "seed \(seed)")
            #expect(reached <= 0.05, "seed \(seed): reached \(reached)")
        }
    }

    @Test("an acceptable 1% failure rate never halts and completes, picking up long-offline devices (10 seeds)")
    func completes() throws {
        for seed in UInt64(100)..<110 {
            let (planner, reached, installed) = try Self.simulate(fleet: 5_000, rate: 0.01, seed: seed)
            #expect(planner.status == .completed, "seed \(seed)")
            #expect(reached == 1.0, "seed \(seed): reached \(reached)")
            #expect(installed > 4_850)
        }
    }

    @Test("a device offline for weeks is offered the release when it returns, not before it is in the cohort")
    func offlineDevice() throws {
        var planner = try RolloutPlanner(plan: Self.plan, salt: "r", fleetSize: 100, now: .milliseconds(0))
        // Find a device in the first 1% and one outside the first 25%.
        let early = (0..<100_000).map { "d\($0)" }.first { CohortHash.bucket(deviceID: $0, salt: "r") < 10_000 }!
        let late = (0..<100_000).map { "d\($0)" }.first { CohortHash.bucket(deviceID: $0, salt: "r") >= 250_000 }!
        let r3 = planner.checkIn(deviceID: late, now: .milliseconds(0))
        #expect(r3 == .wait)
        // Others report while `early` is offline; the rollout advances through every stage.
        var n = 0
        var time: Int64 = 0
        while planner.status == .running {
            time += 1000
            for _ in 0..<60 {
                n += 1
                let id = "other-\(n)"
                if planner.checkIn(deviceID: id, now: .milliseconds(time)) == .install {
                    planner.report(deviceID: id, outcome: .installed, now: .milliseconds(time))
                }
            }
            _ = planner.evaluate(now: .milliseconds(time))
            #expect(time < 100_000)
        }
        #expect(planner.status == .completed)
        // Weeks later both come back.
        let r4 = planner.checkIn(deviceID: early, now: .milliseconds(time + 3_000_000_000))
        #expect(r4 == .install)
        let r5 = planner.checkIn(deviceID: late, now: .milliseconds(time + 3_000_000_000))
        #expect(r5 == .install)
        // A device that already reported is not offered again; duplicate reports are ignored.
        let r6 = planner.report(deviceID: early, outcome: .installed, now: .milliseconds(time))
        #expect(r6)
        let r7 = planner.report(deviceID: early, outcome: .failed, now: .milliseconds(time))
        #expect(!r7)
        let r8 = planner.checkIn(deviceID: early, now: .milliseconds(time))
        #expect(r8 == .wait)
        #expect(planner.totalFailures == 0)
    }

    @Test("halted rollouts offer nothing; resume starts a fresh evidence window; abort tells devices to cancel")
    func resumeAndAbort() throws {
        var planner = try RolloutPlanner(plan: Self.plan, salt: "s", fleetSize: 1000, now: .milliseconds(0))
        for i in 0..<6 { planner.report(deviceID: "f\(i)", outcome: .failed, now: .milliseconds(0)) }
        guard case .halted = planner.evaluate(now: .milliseconds(0)) else {
            Issue.record("did not halt")
            return
        }
        let inCohort = (0..<100_000).map { "x\($0)" }.first { CohortHash.bucket(deviceID: $0, salt: "s") < 10_000 }!
        let r9 = planner.checkIn(deviceID: inCohort, now: .milliseconds(1))
        #expect(r9 == .wait)
        try planner.resume(now: .milliseconds(2))
        #expect(planner.status == .running)
        #expect(planner.failures == 0 && planner.totalFailures == 6)
        let r10 = planner.checkIn(deviceID: inCohort, now: .milliseconds(3))
        #expect(r10 == .install)
        #expect(throws: FieldUpdateError(.invalidPhase)) { try planner.resume(now: .milliseconds(4)) }
        planner.abort()
        let r11 = planner.checkIn(deviceID: inCohort, now: .milliseconds(5))
        #expect(r11 == .cancel)
        let r12 = planner.evaluate(now: .milliseconds(6))
        #expect(r12 == .unchanged)
        #expect(planner.status == .aborted)
    }

    @Test("invalid plans are refused")
    func invalidPlans() {
        var plan = Self.plan
        plan.stages = [0.05, 0.01, 1]
        #expect(throws: FieldUpdateError.self) {
            _ = try RolloutPlanner(plan: plan, salt: "", fleetSize: 1, now: .milliseconds(0))
        }
        plan.stages = [0.5]
        #expect(throws: FieldUpdateError.self) {
            _ = try RolloutPlanner(plan: plan, salt: "", fleetSize: 1, now: .milliseconds(0))
        }
        plan = Self.plan
        plan.haltFailureRate = 0.005
        #expect(throws: FieldUpdateError.self) {
            _ = try RolloutPlanner(plan: plan, salt: "", fleetSize: 1, now: .milliseconds(0))
        }
    }
}
