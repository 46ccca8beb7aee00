import FieldCore
import FieldDelta
import FieldUpdate
import Testing

/// FieldUpdate with FieldDelta's streaming apply: a real binary patch, applied into the inactive
/// slot, with power cuts, a corrupt patch and a wrong base image.
@Suite("FieldDelta patches through the update agent")
struct FieldDeltaIntegrationTests {
    /// A firmware-like pair: the new image shares most bytes with the old one.
    static func images() -> (old: [UInt8], new: [UInt8]) {
        let old = Releases.image(21, count: 3000)
        var new = old
        for i in stride(from: 0, to: new.count, by: 53) { new[i] &+= 1 }
        new.insert(contentsOf: Releases.image(22, count: 200), at: 1200)
        new.removeLast(150)
        return (old, new)
    }

    static func release(old: [UInt8], new: [UInt8], patch: [UInt8]) throws -> VerifiedManifest {
        try Releases.signed(
            Releases.manifest(
                for: new, counter: 3,
                patches: [
                    DeltaPatch(baseVersion: Releases.v1, payload: PayloadDescriptor(describing: patch, chunkSize: 128))
                ]))
    }

    static func driver(
        old: [UInt8], release: VerifiedManifest, new: [UInt8], patch: [UInt8]
    ) throws
        -> DeviceDriver<FieldDeltaPatchApplier>
    {
        let device = try SimulatedDevice(
            factory: old, version: Releases.v1, counter: 1, applier: FieldDeltaPatchApplier())
        return DeviceDriver(
            device: device, release: release, payloads: [.fullImage: new, .patch(from: Releases.v1): patch],
            behaviour: .healthy)
    }

    @Test("a real FieldDelta patch is downloaded, applied into the inactive slot and confirmed")
    func appliesRealPatch() throws {
        let (old, new) = Self.images()
        let patch = PatchDiffer.makePatch(from: old, to: new)
        #expect(patch.count < new.count / 2)
        let release = try Self.release(old: old, new: new, patch: patch)
        var driver = try Self.driver(old: old, release: release, new: new, patch: patch)
        let finished = driver.runToCompletion()
        #expect(finished)
        var agent = try driver.device.powerOn()
        let decision = try agent.boot()
        #expect(decision == BootDecision(slot: .b, isTrial: false, version: Releases.v2))
        #expect(Array(agent.storage.slotB[0..<new.count]) == new)
        #expect(Array(agent.storage.staging[0..<patch.count]) == patch)  // the patch, not the image, was downloaded
        #expect(agent.record.lastOutcome == .confirmed(Releases.v2))
    }

    @Test("power cut at every write of a FieldDelta update: always boots an intact image, ends on the release")
    func powerCuts() throws {
        let (old, new) = Self.images()
        let patch = PatchDiffer.makePatch(from: old, to: new)
        let release = try Self.release(old: old, new: new, patch: patch)
        var clean = try Self.driver(old: old, release: release, new: new, patch: patch)
        let baseline = clean.device.power.writes
        let cleanFinished = clean.runToCompletion()
        #expect(cleanFinished)
        let writes = clean.device.power.writes - baseline
        let good: Set<SHA256Digest> = [SHA256.hash(old), SHA256.hash(new)]
        for cut in 1...writes + 1 {
            var driver = try Self.driver(old: old, release: release, new: new, patch: patch)
            driver.device.power.cutAtWrite = driver.device.power.writes + cut
            let finished = driver.runToCompletion()
            #expect(finished, "cut \(cut)")
            for boot in driver.boots { #expect(good.contains(boot.digest), "cut \(cut)") }
            var agent = try driver.device.powerOn()
            #expect(try agent.boot().version == Releases.v2, "cut \(cut)")
        }
    }

    /// Checks that `body` stops at the injected power cut.
    static func expectPowerCut(_ body: () throws(FieldUpdateError) -> Void) {
        do throws(FieldUpdateError) {
            try body()
            Issue.record("finished despite the power cut")
        } catch {
            guard error.code == .storageFailure else {
                Issue.record("unexpected \(error)")
                return
            }
        }
    }

    /// A device that has booted, accepted `release` and downloaded its patch, ready to install.
    static func staged(
        old: [UInt8], release: VerifiedManifest, patch: [UInt8], applier: FieldDeltaPatchApplier
    ) throws -> (SimulatedDevice<FieldDeltaPatchApplier>, TestAgent<FieldDeltaPatchApplier>) {
        let device = try SimulatedDevice(factory: old, version: Releases.v1, counter: 1, applier: applier)
        var agent = try device.powerOn()
        _ = try agent.boot()
        try agent.begin(release, conditions: Releases.goodConditions)
        while let request = agent.nextChunk {
            try agent.receiveChunk(Array(patch[request.offset..<request.offset + request.count]), index: request.index)
        }
        return (device, agent)
    }

    @Test(
        "a power cut late in the apply resumes from the last saved chunk; without checkpoints it starts over",
        arguments: [true, false])
    func resumesAfterPowerCut(resumes: Bool) throws {
        let (old, new) = Self.images()
        let patch = PatchDiffer.makePatch(
            from: old, to: new, options: PatchDiffer.Options(chunkSize: 256, pageShift: 8))
        #expect(try PatchHeader(parsing: Array(patch[0..<PatchHeader.byteCount])).chunkCount >= 10)
        let release = try Self.release(old: old, new: new, patch: patch)
        let applier = FieldDeltaPatchApplier(resumesAfterPowerCut: resumes)
        // The writes of an uninterrupted install.
        var (cleanDevice, cleanAgent) = try Self.staged(old: old, release: release, patch: patch, applier: applier)
        let before = cleanDevice.power.writes
        try cleanAgent.install()
        let cleanWrites = cleanDevice.power.writes - before
        cleanDevice.persist(cleanAgent)
        // The same install cut at 80% of its writes, then powered on again.
        var (device, agent) = try Self.staged(old: old, release: release, patch: patch, applier: applier)
        device.power.cutAtWrite = device.power.writes + cleanWrites * 4 / 5
        Self.expectPowerCut { () throws(FieldUpdateError) in try agent.install() }
        device.persist(agent)
        device.power.restore()
        agent = try device.powerOn()
        #expect(try agent.boot() == BootDecision(slot: .a, isTrial: false, version: Releases.v1))
        let resumedAt = device.power.writes
        try agent.install()
        let secondWrites = device.power.writes - resumedAt
        if resumes {
            #expect(secondWrites < cleanWrites / 3, "\(secondWrites) of \(cleanWrites) writes repeated")
        } else {
            #expect(secondWrites == cleanWrites)
        }
        #expect(Array(agent.storage.slotB[0..<new.count]) == new)
        device.persist(agent)
        agent = try device.powerOn()
        #expect(try agent.boot() == BootDecision(slot: .b, isTrial: true, version: Releases.v2))
    }

    @Test("a stale progress record (the slot was rewritten since) costs a restart, never the update")
    func staleCheckpoint() throws {
        let (old, new) = Self.images()
        let patch = PatchDiffer.makePatch(
            from: old, to: new, options: PatchDiffer.Options(chunkSize: 256, pageShift: 8))
        let release = try Self.release(old: old, new: new, patch: patch)
        var (device, agent) = try Self.staged(
            old: old, release: release, patch: patch, applier: FieldDeltaPatchApplier())
        let before = device.power.writes
        try agent.install()
        let cleanWrites = device.power.writes - before
        device.persist(agent)
        // Cut the next install half way, then scribble over the part of the slot already written.
        (device, agent) = try Self.staged(old: old, release: release, patch: patch, applier: FieldDeltaPatchApplier())
        device.power.cutAtWrite = device.power.writes + cleanWrites / 2
        Self.expectPowerCut { () throws(FieldUpdateError) in try agent.install() }
        device.persist(agent)
        device.power.restore()
        for i in 0..<600 { device.flash.slotB[i] ^= 0x5A }
        agent = try device.powerOn()
        _ = try agent.boot()
        try agent.install()
        #expect(Array(agent.storage.slotB[0..<new.count]) == new)
        #expect(agent.record.lastOutcome == .none)
    }

    @Test("a corrupt patch (consistent with its chunk digests) is rolled back, the running image untouched")
    func corruptPatch() throws {
        let (old, new) = Self.images()
        var patch = PatchDiffer.makePatch(from: old, to: new)
        patch[patch.count / 2] ^= 0x40
        let release = try Self.release(old: old, new: new, patch: patch)
        var device = try SimulatedDevice(
            factory: old, version: Releases.v1, counter: 1, applier: FieldDeltaPatchApplier())
        var agent = try device.powerOn()
        _ = try agent.boot()
        try agent.begin(release, conditions: Releases.goodConditions)
        while let request = agent.nextChunk {
            try agent.receiveChunk(Array(patch[request.offset..<request.offset + request.count]), index: request.index)
        }
        do throws(FieldUpdateError) {
            try agent.install()
            Issue.record("corrupt patch installed")
        } catch {
            guard error.code == .patchFailed else {
                Issue.record("unexpected \(error)")
                return
            }
        }
        #expect(agent.record.lastOutcome == .rolledBack(Releases.v2, .imageVerificationFailed))
        device.persist(agent)
        agent = try device.powerOn()
        #expect(try agent.boot() == BootDecision(slot: .a, isTrial: false, version: Releases.v1))
        #expect(Array(agent.storage.slotA[0..<old.count]) == old)
    }

    @Test("a patch for a different base image is refused by FieldDelta's base check and rolled back")
    func wrongBase() throws {
        let (old, new) = Self.images()
        var otherOld = old
        otherOld[10] ^= 1
        let patch = PatchDiffer.makePatch(from: otherOld, to: new)
        let release = try Self.release(old: otherOld, new: new, patch: patch)
        let device = try SimulatedDevice(
            factory: old, version: Releases.v1, counter: 1, applier: FieldDeltaPatchApplier())
        var agent = try device.powerOn()
        _ = try agent.boot()
        try agent.begin(release, conditions: Releases.goodConditions)
        while let request = agent.nextChunk {
            try agent.receiveChunk(Array(patch[request.offset..<request.offset + request.count]), index: request.index)
        }
        #expect(throws: FieldUpdateError.self) { try agent.install() }
        #expect(agent.record.lastOutcome == .rolledBack(Releases.v2, .imageVerificationFailed))
        #expect(agent.record.activeSlot == .a)
    }
}
