import FieldKit

/// Over-the-air updates mid-run, with FieldUpdate driven as `fieldkit update simulate` drives it
/// (``FleetSimulation``: the real `UpdateAgent` on simulated flash, power cuts included, and
/// `RolloutPlanner` for staging and halting): first a bad release that fails on 30 % of devices,
/// which the planner must halt with every failed device rolled back, then a good one that
/// reaches devices as they come online.
struct DemoOTA {
    enum Phase { case waiting, bad, pause, good }

    struct Event {
        var tick: Int
        var release: String
        var text: String
        var fraction: Double
    }

    var bad: FleetSimulation
    var good: FleetSimulation
    var phase = Phase.waiting
    var startTick: Int
    var phaseStart = 0
    var done: [[Bool]]
    /// Whether the device confirmed 1.1.0 (from either release).
    var installed: [Bool]
    var events: [Event] = []
    var updated = [0, 0]
    var rolledBack = [0, 0]
    var bricked = [0, 0]
    var powerCuts = 0
    var patchInstalls = 0
    var badHalted = false

    init(devices: Int, seed: UInt64, startTick: Int) throws {
        // The demo compresses a rollout into days: each stage soaks 6 hours instead of the
        // standard plan's 24, with the same statistical halt rule.
        var plan = RolloutPlan.standard
        plan.minimumSoak = .milliseconds(6 * Self.hour)
        bad = try FleetSimulation(devices: devices, failureRate: 0.3, seed: seed, plan: plan)
        good = try FleetSimulation(devices: devices, failureRate: 0, seed: seed &+ 1, plan: plan)
        self.startTick = startTick
        done = [Array(repeating: false, count: devices), Array(repeating: false, count: devices)]
        installed = Array(repeating: false, count: devices)
    }

    static let hour: Int64 = 3_600_000
    static let ticksPerHour = 4

    /// Advances the phase at `tick` (the good release follows a day after the bad one halts).
    mutating func advance(tick: Int) {
        switch phase {
        case .waiting where tick >= startTick:
            phase = .bad
            phaseStart = tick
            events.append(
                Event(
                    tick: tick, release: "bad", text: "bad release 1.1.0 starts, stage 1",
                    fraction: bad.planner.reachedFraction))
        case .pause where tick >= phaseStart + 96:
            phase = .good
            phaseStart = tick
            events.append(
                Event(
                    tick: tick, release: "good", text: "good release 1.1.0 starts, stage 1",
                    fraction: good.planner.reachedFraction))
        default: break
        }
    }

    /// An online device checks in.
    mutating func checkIn(device: Int, tick: Int) throws {
        guard phase == .bad || phase == .good else { return }
        let r = phase == .bad ? 0 : 1
        guard !done[r][device] else { return }
        let now = Int64(tick - phaseStart) * Self.hour / Int64(Self.ticksPerHour)
        let id = "device-\(device)"
        let decision =
            r == 0
            ? bad.planner.checkIn(deviceID: id, now: .milliseconds(now))
            : good.planner.checkIn(deviceID: id, now: .milliseconds(now))
        guard case .install = decision else { return }
        done[r][device] = true
        let outcome =
            r == 0
            ? try bad.updateDevice(device, powerCuts: &powerCuts, patchInstalls: &patchInstalls)
            : try good.updateDevice(device, powerCuts: &powerCuts, patchInstalls: &patchInstalls)
        switch outcome {
        case .confirmed:
            updated[r] += 1
            installed[device] = true
        case .rolledBack: rolledBack[r] += 1
        case .bricked: bricked[r] += 1
        }
        let report: DeviceReport = outcome == .confirmed ? .installed : .failed
        if r == 0 {
            bad.planner.report(deviceID: id, outcome: report, now: .milliseconds(now))
        } else {
            good.planner.report(deviceID: id, outcome: report, now: .milliseconds(now))
        }
        evaluate(tick: tick)
    }

    /// Lets the planner decide (stage advance, halt, completion) and records what it said.
    mutating func evaluate(tick: Int) {
        guard phase == .bad || phase == .good else { return }
        let r = phase == .bad ? 0 : 1
        let now = Int64(tick - phaseStart) * Self.hour / Int64(Self.ticksPerHour)
        let decision =
            r == 0 ? bad.planner.evaluate(now: .milliseconds(now)) : good.planner.evaluate(now: .milliseconds(now))
        let name = r == 0 ? "bad" : "good"
        switch decision {
        case .advanced(let stage, let fraction):
            events.append(
                Event(
                    tick: tick, release: name,
                    text: "\(name) release: stage \(stage + 1), \(Int((fraction * 100).rounded())) % of the fleet",
                    fraction: fraction))
        case .halted(let failures, let reports, _):
            events.append(
                Event(
                    tick: tick, release: name, text: "\(name) release HALTED: \(failures) of \(reports) reports failed",
                    fraction: r == 0 ? bad.planner.reachedFraction : good.planner.reachedFraction))
            if r == 0 {
                badHalted = true
                phase = .pause
                phaseStart = tick
            } else {
                phase = .waiting
                startTick = Int.max
            }
        case .completed:
            events.append(Event(tick: tick, release: name, text: "\(name) release: last stage reached", fraction: 1))
        case .unchanged: break
        }
    }

    /// The firmware a device runs now.
    func firmware(of device: Int) -> String {
        installed[device] ? "1.1.0" : "1.0.0"
    }

    var totalBricked: Int { bricked[0] + bricked[1] }
}
