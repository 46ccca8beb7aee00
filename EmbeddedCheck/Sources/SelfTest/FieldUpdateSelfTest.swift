import FieldCore
import FieldUpdate

/// The self-test's signature scheme: SHA-256(key || message), standing in for the product's Ed25519.
private struct KeyedHashVerifier: ManifestVerifier {
    func sign(_ message: [UInt8]) -> [UInt8] { SHA256.hash([0x6B, 0x65, 0x79] + message).bytes }
    func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool { signature == sign(message) }
}

private typealias Agent = UpdateAgent<DualBankRecordStore<MemoryRecordMedium>, MemoryFlash, FullImageOnly>

/// Runs an update on a simulated device with power cut at write `cut` (0: never); returns whether
/// it ended on the new image with every boot on an intact image.
private func updateSurvives(cut: Int, old: [UInt8], new: [UInt8], release: VerifiedManifest) -> Bool {
    let config = UpdateConfiguration(hardwareTarget: "mcu-r1")
    let power = PowerCutInjector()
    var medium = MemoryRecordMedium(bankCapacity: 2048, power: power)
    var flash = MemoryFlash(slotCapacity: 512, stagingCapacity: 0, power: power)
    flash.slotA.replaceSubrange(0..<old.count, with: old)
    let factory = InstalledImage(
        version: FirmwareVersion(major: 1, minor: 0, patch: 0), securityCounter: 1, size: UInt64(old.count),
        digest: SHA256.hash(old))
    do throws(FieldUpdateError) {
        let provisioned = try Agent(
            provisioning: factory, in: .a, store: DualBankRecordStore(medium: medium), storage: flash,
            applier: FullImageOnly(), configuration: config)
        medium = provisioned.store.medium
    } catch {
        return false
    }
    if cut > 0 { power.cutAtWrite = power.writes + cut }
    for _ in 0..<12 {
        var agent: Agent
        do throws(FieldUpdateError) {
            agent = try Agent(
                store: DualBankRecordStore(medium: medium), storage: flash, applier: FullImageOnly(),
                configuration: config)
        } catch {
            return false
        }
        var done = false
        do throws(FieldUpdateError) {
            let decision = try agent.boot()
            guard let image = agent.record.image(in: decision.slot) else { return false }
            let bytes = try agent.storage.read(.slot(decision.slot), at: 0, count: Int(image.size))
            guard SHA256.hash(bytes) == image.digest else { return false }
            if decision.isTrial {
                try agent.confirm(healthy: true)
            } else if agent.record.phase == .idle {
                if agent.record.lastOutcome != .none {
                    done = true
                } else {
                    try agent.begin(release, conditions: DeviceConditions(batteryPercent: 90, connectivity: .wifi))
                }
            }
            while !done, let request = agent.nextChunk {
                try agent.receiveChunk(
                    Array(new[request.offset..<request.offset + request.count]), index: request.index)
            }
            if case .applying = agent.record.phase { try agent.install() }
        } catch {
            if error.code != .storageFailure { return false }
            power.restore()
        }
        medium = agent.store.medium
        flash = agent.storage
        if done { return agent.record.lastOutcome == .confirmed(release.manifest.version) }
    }
    return false
}

/// FieldUpdate under Embedded Swift: manifest codecs and signature refusal, a full A/B update with
/// a power cut at every write, and the rollout planner's halt rule.
func runFieldUpdateSelfTest(_ check: inout Checker) {
    check.begin("FieldUpdate")
    var old: [UInt8] = []
    var new: [UInt8] = []
    var rng = SplitMix64(seed: 11)
    for _ in 0..<300 { old.append(UInt8(truncatingIfNeeded: rng.next())) }
    for _ in 0..<333 { new.append(UInt8(truncatingIfNeeded: rng.next())) }
    let manifest = UpdateManifest(
        version: FirmwareVersion(major: 1, minor: 1, patch: 0), securityCounter: 2, hardwareTarget: "mcu-r1",
        image: PayloadDescriptor(describing: new, chunkSize: 128),
        preconditions: UpdatePreconditions(minimumBatteryPercent: 20, allowedConnectivity: [.wifi]))

    let verifier = KeyedHashVerifier()
    var release: VerifiedManifest?
    do throws(FieldUpdateError) {
        let binary = try manifest.binaryEncoded()
        check.expect(try UpdateManifest(binary: binary) == manifest, "binary manifest round trip")
        let json = try manifest.jsonEncoded()
        check.expect(try UpdateManifest(json: Array(json.utf8)) == manifest, "JSON manifest round trip")
        let signed = try SignedManifest(manifest: manifest, signature: verifier.sign(binary))
        let envelope = try SignedManifest(binary: signed.binaryEncoded())
        release = try envelope.verified(by: verifier)
    } catch {
        check.expect(false, "manifest encode, decode and verify")
    }
    var truncatedRefused = true
    if let bytes = try? manifest.binaryEncoded() {
        for length in stride(from: 0, to: bytes.count, by: 7)
        where (try? UpdateManifest(binary: Array(bytes[0..<length]))) != nil {
            truncatedRefused = false
        }
    }
    check.expect(truncatedRefused, "truncated manifests refused")
    var badSignature = true
    if let signed = try? SignedManifest(manifest: manifest, signature: [1, 2, 3]),
        (try? signed.verified(by: verifier)) != nil
    {
        badSignature = false
    }
    check.expect(badSignature, "wrong signature refused")

    if let release {
        var allSurvive = true
        for cut in 0..<40 where !updateSurvives(cut: cut, old: old, new: new, release: release) {
            allSurvive = false
        }
        check.expect(allSurvive, "A/B update survives a power cut at every write")
    }

    do throws(FieldUpdateError) {
        var planner = try RolloutPlanner(plan: .standard, salt: "1.1.0", fleetSize: 10_000, now: .milliseconds(0))
        planner.report(deviceID: "a", outcome: .installed, now: .milliseconds(0))
        planner.report(deviceID: "b", outcome: .failed, now: .milliseconds(0))
        check.expect(planner.evaluate(now: .milliseconds(0)) == .unchanged, "no halt on 1 failure of 2")
        for id in ["c", "d", "e", "f", "g"] { planner.report(deviceID: id, outcome: .failed, now: .milliseconds(0)) }
        let halted = planner.evaluate(now: .milliseconds(0))
        check.expect(planner.status == .halted && halted != .unchanged, "halt on 6 failures of 7")
    } catch {
        check.expect(false, "planner")
    }
}
