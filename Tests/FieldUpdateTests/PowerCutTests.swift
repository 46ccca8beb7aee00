import FieldCore
import FieldUpdate
import Testing

/// Cuts power at every single write (record banks and flash, torn) of an update and checks that
/// the device always boots an intact, verified image and ends in the right state.
@Suite("Power cut at every step")
struct PowerCutTests {
    enum Scenario: String, CaseIterable, CustomTestStringConvertible {
        case fullImageHealthy, patchHealthy, healthCheckFails, crashesOnBoot
        var testDescription: String { rawValue }
    }

    struct Setup {
        var old: [UInt8]
        var new: [UInt8]
        var patch: [UInt8]?
        var release: VerifiedManifest
        var behaviour: FirmwareBehaviour
    }

    static func setup(_ scenario: Scenario) throws -> Setup {
        switch scenario {
        case .patchHealthy:
            let signed = try SignedManifest(binary: try Fixtures.bytes("signed.bin"))
            return Setup(
                old: try Fixtures.bytes("image-1.3.0.bin"), new: try Fixtures.bytes("image-1.4.0.bin"),
                patch: try Fixtures.bytes("patch-1.3.0-1.4.0.bin"),
                release: try signed.verified(by: KeyedHashVerifier()),
                behaviour: .healthy)
        default:
            let old = Releases.image(11, count: 900)
            let new = Releases.image(12, count: 1100)
            let behaviour: FirmwareBehaviour =
                scenario == .fullImageHealthy
                ? .healthy : scenario == .healthCheckFails ? .failsHealthCheck : .crashesBeforeConfirming
            return Setup(
                old: old, new: new, patch: nil, release: try Releases.signed(Releases.manifest(for: new, counter: 7)),
                behaviour: behaviour)
        }
    }

    static func driver(_ setup: Setup) throws -> DeviceDriver<XORPatchApplier> {
        let device = try SimulatedDevice(
            factory: setup.old, version: Releases.v1, counter: 1, applier: XORPatchApplier(),
            stagingCapacity: setup.patch == nil ? 0 : 4096)
        var payloads: [PayloadChoice: [UInt8]] = [.fullImage: setup.new]
        if let patch = setup.patch { payloads[.patch(from: Releases.v1)] = patch }
        return DeviceDriver(device: device, release: setup.release, payloads: payloads, behaviour: setup.behaviour)
    }

    /// Checks one finished run: every boot started an intact known image, and the end state is right.
    static func check(_ driver: DeviceDriver<XORPatchApplier>, _ setup: Setup, cut: Int) throws {
        let good: Set<SHA256Digest> = [SHA256.hash(setup.old), SHA256.hash(setup.new)]
        for boot in driver.boots {
            #expect(good.contains(boot.digest), "cut at write \(cut): booted an unknown image from slot \(boot.slot)")
            if !boot.isTrial {
                #expect(boot.digest != SHA256.hash(setup.new) || setup.behaviour == .healthy, "cut \(cut)")
            }
        }
        var agent = try driver.device.powerOn()
        let final = try agent.boot()
        let expectedVersion = setup.behaviour == .healthy ? setup.release.manifest.version : Releases.v1
        #expect(final.version == expectedVersion, "cut at write \(cut)")
        #expect(!final.isTrial, "cut at write \(cut)")
        let image = agent.record.activeImage!
        let bytes = try agent.storage.read(.slot(final.slot), at: 0, count: Int(image.size))
        #expect(SHA256.hash(bytes) == (setup.behaviour == .healthy ? SHA256.hash(setup.new) : SHA256.hash(setup.old)))
        #expect(agent.record.phase == .idle)
    }

    @Test("cut power at every write", arguments: Scenario.allCases)
    func everyWrite(scenario: Scenario) throws {
        let setup = try Self.setup(scenario)
        var clean = try Self.driver(setup)
        let baseline = clean.device.power.writes
        let cleanFinished = clean.runToCompletion()
        #expect(cleanFinished)
        try Self.check(clean, setup, cut: 0)
        let writes = clean.device.power.writes - baseline
        #expect(writes > 10)
        for cut in 1...writes + 1 {
            var driver = try Self.driver(setup)
            driver.device.power.cutAtWrite = driver.device.power.writes + cut
            let finished = driver.runToCompletion()
            #expect(finished, "cut at write \(cut) did not finish")
            try Self.check(driver, setup, cut: cut)
        }
    }

    @Test("several power cuts in one update (seeded)", arguments: 0..<12)
    func repeatedCuts(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let scenario = Scenario.allCases[Int(seed % 4)]
        let setup = try Self.setup(scenario)
        var driver = try Self.driver(setup)
        var finished = false
        for _ in 0..<40 where !finished {
            driver.device.power.cutAtWrite = driver.device.power.writes + 1 + Int(rng.next() % 12)
            do throws(FieldUpdateError) {
                finished = try driver.session()
            } catch {
                #expect(error.code == .storageFailure)
                driver.device.power.restore()
            }
        }
        driver.device.power.restore()
        if !finished {
            finished = driver.runToCompletion()
            #expect(finished)
        }
        try Self.check(driver, setup, cut: -1)
    }
}
