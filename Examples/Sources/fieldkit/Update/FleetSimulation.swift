import FieldKit

/// A rollout over simulated devices, each running the real `UpdateAgent` over `MemoryFlash`; half
/// of them install through a FieldDelta patch, so power cuts also land inside the patch apply.
///
/// Devices are materialised only while they update, so a 100,000-device fleet stays small in
/// memory; after an update the device's flash and record are kept only as the checks need them.
struct FleetSimulation {
    struct Summary {
        var devices: Int
        var updated: Int
        var rolledBack: Int
        var bricked: Int
        var halted: Bool
        var reachedFraction: Double

        var json: String {
            "{\"devices\":\(devices),\"updated\":\(updated),\"rolled_back\":\(rolledBack),\"bricked\":\(bricked)"
                + ",\"halted\":\(halted),\"reached_fraction\":\(reachedFraction)}"
        }
    }

    enum Behaviour { case healthy, failsHealthCheck, crashes }

    typealias Agent = UpdateAgent<DualBankRecordStore<MemoryRecordMedium>, MemoryFlash, FieldDeltaPatchApplier>

    let deviceCount: Int
    let failureRate: Double
    var rng: SplitMix64
    let seed: UInt64
    /// Even-numbered devices run 1.0.0 (the manifest has a FieldDelta patch from it); odd ones run
    /// 0.9.0 and download the full image.
    let oldImages: [[UInt8]]
    let factories: [InstalledImage]
    let newImage: [UInt8]
    let patch: [UInt8]
    let release: VerifiedManifest
    let configuration = UpdateConfiguration(hardwareTarget: "sim-board-r1", maximumBootAttempts: 3)
    var planner: RolloutPlanner
    static let hour: Int64 = 3_600_000

    /// A verifier for the simulation's own signing key (a keyed SHA-256; see `update sign` for Ed25519).
    struct SimulationVerifier: ManifestVerifier {
        let key: [UInt8]
        func sign(_ message: [UInt8]) -> [UInt8] { SHA256.hash(key + message).bytes }
        func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool { signature == sign(message) }
    }

    init(devices: Int, failureRate: Double, seed: UInt64, plan: RolloutPlan = .standard) throws {
        deviceCount = devices
        self.failureRate = failureRate
        self.seed = seed
        rng = SplitMix64(seed: seed)
        var imageRNG = SplitMix64(seed: 0x5EED)
        let v09 = FirmwareVersion(major: 0, minor: 9, patch: 0)
        let v1 = FirmwareVersion(major: 1, minor: 0, patch: 0)
        let v2 = FirmwareVersion(major: 1, minor: 1, patch: 0)
        let older = (0..<320).map { _ in UInt8(truncatingIfNeeded: imageRNG.next()) }
        let current = (0..<384).map { _ in UInt8(truncatingIfNeeded: imageRNG.next()) }
        var next = current
        for i in stride(from: 0, to: next.count, by: 29) { next[i] ^= 0x21 }
        next += (0..<64).map { _ in UInt8(truncatingIfNeeded: imageRNG.next()) }
        oldImages = [current, older]
        newImage = next
        factories = [
            InstalledImage(version: v1, securityCounter: 1, size: UInt64(current.count), digest: SHA256.hash(current)),
            InstalledImage(version: v09, securityCounter: 1, size: UInt64(older.count), digest: SHA256.hash(older)),
        ]
        patch = PatchDiffer.makePatch(from: current, to: next)
        let manifest = UpdateManifest(
            version: v2, securityCounter: 2, hardwareTarget: "sim-board-r1",
            image: PayloadDescriptor(describing: newImage, chunkSize: 128),
            patches: [DeltaPatch(baseVersion: v1, payload: PayloadDescriptor(describing: patch, chunkSize: 128))],
            preconditions: UpdatePreconditions(minimumBatteryPercent: 20, allowedConnectivity: .any))
        let verifier = SimulationVerifier(key: Array("simulation-key".utf8))
        let signed = try SignedManifest(manifest: manifest, signature: verifier.sign(try manifest.binaryEncoded()))
        release = try signed.verified(by: verifier)
        planner = try RolloutPlanner(
            plan: plan, salt: v2.description, deviceIDs: (0..<devices).lazy.map { "device-\($0)" },
            now: .milliseconds(0))
    }

    func deviceID(_ index: Int) -> String { "device-\(index)" }

    /// Whether the release fails on this device: a deterministic draw from the seed and the id.
    func behaviour(_ index: Int) -> Behaviour {
        let h = CohortHash.hash(deviceID: deviceID(index), salt: "behaviour-\(seed)")
        let u = Double(h >> 11) / Double(1 << 53)
        guard u < failureRate else { return .healthy }
        return h & 1 == 0 ? .failsHealthCheck : .crashes
    }

    mutating func uniform() -> Double { Double(rng.next() >> 11) / Double(1 << 53) }

    /// Runs the rollout; returns the summary.
    mutating func run(_ log: (String) -> Void) throws -> Summary {
        // Devices: 10% are offline for 3 to 6 weeks from the start; all check in every 1 to 12 hours.
        var nextCheckIn = [Int64](repeating: 0, count: deviceCount)
        var finished = [Bool](repeating: false, count: deviceCount)
        for i in 0..<deviceCount {
            let offlineWeeks = uniform() < 0.1 ? Int64(21 * 24) + Int64(rng.next() % (21 * 24)) : 0
            nextCheckIn[i] = (offlineWeeks + Int64(rng.next() % 12)) * FleetSimulation.hour
        }
        var updated = 0
        var rolledBack = 0
        var bricked = 0
        var powerCuts = 0
        var patchInstalls = 0
        var halted = false
        let horizon: Int64 = 60 * 24 * FleetSimulation.hour
        log(
            "rollout of \(release.manifest.version) to \(deviceCount) devices, failure rate \(failureRate), seed \(seed)"
        )
        log(
            "stage 1/\(planner.plan.stages.count): \(percent(planner.reachedFraction)) of the fleet "
                + "(\(planner.stageSizes[0]) devices) at day 0.0")
        var now: Int64 = 0
        let step = FleetSimulation.hour
        while now <= horizon && !halted {
            for i in 0..<deviceCount where !finished[i] && nextCheckIn[i] <= now {
                nextCheckIn[i] = now + Int64(1 + rng.next() % 12) * FleetSimulation.hour
                switch planner.checkIn(deviceID: deviceID(i), now: .milliseconds(now)) {
                case .wait, .cancel: continue
                case .install: break
                }
                finished[i] = true
                let outcome = try updateDevice(i, powerCuts: &powerCuts, patchInstalls: &patchInstalls)
                switch outcome {
                case .confirmed: updated += 1
                case .rolledBack: rolledBack += 1
                case .bricked: bricked += 1
                }
                planner.report(
                    deviceID: deviceID(i), outcome: outcome == .confirmed ? .installed : .failed,
                    now: .milliseconds(now))
                if announce(planner.evaluate(now: .milliseconds(now)), at: now, log) {
                    halted = true
                    break
                }
            }
            if halted { break }
            if announce(planner.evaluate(now: .milliseconds(now)), at: now, log) { halted = true }
            now += step
        }
        if !halted {
            log("no halt: \(planner.status == .completed ? "rollout completed" : "rollout still running at day 60")")
        }
        log(
            "devices updated \(updated), rolled back \(rolledBack), bricked \(bricked), power cuts survived \(powerCuts), "
                + "\(patchInstalls) installed through a FieldDelta patch"
        )
        let reached = deviceCount == 0 ? 0 : Double(updated + rolledBack + bricked) / Double(deviceCount)
        return Summary(
            devices: deviceCount, updated: updated, rolledBack: rolledBack, bricked: bricked, halted: halted,
            reachedFraction: (reached * 1_000_000).rounded() / 1_000_000)
    }

    /// Prints a planner decision; returns whether the rollout halted.
    func announce(_ decision: RolloutDecision, at now: Int64, _ log: (String) -> Void) -> Bool {
        let reports = planner.totalSuccesses + planner.totalFailures
        switch decision {
        case .advanced(let stage, let fraction):
            log(
                "stage \(stage + 1)/\(planner.plan.stages.count): \(percent(fraction)) of the fleet "
                    + "(\(planner.stageSizes[stage]) devices) at day \(day(now)); \(reports) reports so far, "
                    + "\(planner.totalFailures) failed")
        case .completed:
            log(
                "last stage done at day \(day(now)): \(reports) reports, \(planner.totalFailures) failed; "
                    + "devices returning later are still picked up")
        case .halted(let failures, let windowReports, let lower):
            log(
                "HALT at day \(day(now)) in stage \(planner.stage + 1): the sequential test says the failure rate is at "
                    + "or above \(percent(planner.plan.haltFailureRate)) (\(failures) of \(windowReports) reports failed, "
                    + "Wilson 99% interval from \(percent(lower)))")
            return true
        case .unchanged: break
        }
        return false
    }

    enum Outcome { case confirmed, rolledBack, bricked }

    /// Runs one device's whole update with the real agent, power cuts included, then checks that
    /// it boots an intact image.
    mutating func updateDevice(_ index: Int, powerCuts: inout Int, patchInstalls: inout Int) throws -> Outcome {
        let power = PowerCutInjector()
        var medium = MemoryRecordMedium(bankCapacity: 2048, power: power)
        var flash = MemoryFlash(slotCapacity: 512, stagingCapacity: 1024, power: power)
        let oldImage = oldImages[index % 2]
        flash.slotA.replaceSubrange(0..<oldImage.count, with: oldImage)
        var agent = try Agent(
            provisioning: factories[index % 2], in: .a, store: DualBankRecordStore(medium: medium), storage: flash,
            applier: FieldDeltaPatchApplier(), configuration: configuration)
        medium = agent.store.medium
        if uniform() < 0.05 {
            power.cutAtWrite = power.writes + 1 + Int(rng.next() % 12)
            powerCuts += 1
        }
        let behaviour = behaviour(index)
        var usedPatch = false
        defer { if usedPatch { patchInstalls += 1 } }
        let conditions = DeviceConditions(batteryPercent: 80, connectivity: .cellular)
        for _ in 0..<20 {
            do throws(FieldUpdateError) {
                agent = try Agent(
                    store: DualBankRecordStore(medium: medium), storage: flash, applier: FieldDeltaPatchApplier(),
                    configuration: configuration)
                defer {
                    medium = agent.store.medium
                    flash = agent.storage
                }
                let decision = try agent.boot()
                if decision.isTrial {
                    switch behaviour {
                    case .healthy: try agent.confirm(healthy: true)
                    case .failsHealthCheck: try agent.confirm(healthy: false)
                    case .crashes: break
                    }
                    continue
                }
                if agent.record.phase == .idle {
                    if agent.record.lastOutcome != .none { break }
                    try agent.begin(release, conditions: conditions)
                }
                while let request = agent.nextChunk {
                    let payload = request.payload == .fullImage ? newImage : patch
                    if request.index == 0 && request.payload != .fullImage { usedPatch = true }
                    try agent.receiveChunk(
                        Array(payload[request.offset..<request.offset + request.count]), index: request.index)
                }
                if case .applying = agent.record.phase { try agent.install() }
            } catch {
                guard error.code == .storageFailure else { throw error }
                power.restore()
            }
        }
        // Final power-on: the device must boot an intact image it knows.
        guard
            var final = try? Agent(
                store: DualBankRecordStore(medium: medium), storage: flash, applier: FieldDeltaPatchApplier(),
                configuration: configuration),
            let decision = try? final.boot(), !decision.isTrial,
            let image = final.record.image(in: decision.slot),
            let bytes = try? final.storage.read(.slot(decision.slot), at: 0, count: Int(image.size)),
            SHA256.hash(bytes) == image.digest
        else { return .bricked }
        switch final.record.lastOutcome {
        case .confirmed: return .confirmed
        default: return .rolledBack
        }
    }

    func percent(_ fraction: Double) -> String {
        let basisPoints = Int((fraction * 10_000).rounded())
        let fractional = basisPoints % 100
        return "\(basisPoints / 100).\(fractional < 10 ? "0" : "")\(fractional)%"
    }

    func day(_ now: Int64) -> String {
        let tenths = Int(now / (FleetSimulation.hour * 24 / 10))
        return "\(tenths / 10).\(tenths % 10)"
    }
}
