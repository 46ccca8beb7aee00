import FieldCore
import Testing

@testable import FieldUpdate

@Suite("Device state machine")
struct DeviceTests {
    let old = Releases.image(1, count: 1500)
    let new = Releases.image(2, count: 1800)

    func device(
        config: UpdateConfiguration = Releases.config, counter: UInt32 = 1
    ) throws -> SimulatedDevice<FullImageOnly> {
        try SimulatedDevice(
            factory: old, version: Releases.v1, counter: counter, applier: FullImageOnly(), config: config)
    }

    func booted(_ device: SimulatedDevice<FullImageOnly>) throws -> TestAgent<FullImageOnly> {
        var agent = try device.powerOn()
        _ = try agent.boot()
        return agent
    }

    func download(_ agent: inout TestAgent<FullImageOnly>, _ payload: [UInt8]) throws {
        while let request = agent.nextChunk {
            try agent.receiveChunk(
                Array(payload[request.offset..<request.offset + request.count]), index: request.index)
        }
    }

    @Test("happy path: download, install, trial boot, confirm; the floor rises")
    func happyPath() throws {
        var device = try device()
        var agent = try booted(device)
        #expect(agent.bootedSlot == .a)
        #expect(
            try agent.begin(
                Releases.signed(Releases.manifest(for: new, counter: 5)), conditions: Releases.goodConditions))
        #expect(agent.nextChunk == ChunkRequest(index: 0, offset: 0, count: 256, payload: .fullImage))
        try download(&agent, new)
        guard case .applying = agent.record.phase else { Issue.record("not applying"); return }
        try agent.install()
        guard case .pendingReboot = agent.record.phase else { Issue.record("not pending"); return }
        device.persist(agent)
        agent = try device.powerOn()
        let decision = try agent.boot()
        #expect(decision == BootDecision(slot: .b, isTrial: true, version: Releases.v2))
        #expect(try agent.confirm(healthy: true) == false)
        #expect(agent.record.activeSlot == .b)
        #expect(agent.record.securityFloor == 5)
        #expect(agent.record.lastOutcome == .confirmed(Releases.v2))
        #expect(Array(agent.storage.slotB[0..<new.count]) == new)
        device.persist(agent)
        agent = try device.powerOn()
        #expect(try agent.boot() == BootDecision(slot: .b, isTrial: false, version: Releases.v2))
        // Offering the running release again changes nothing.
        #expect(
            try agent.begin(
                Releases.signed(Releases.manifest(for: new, counter: 5)), conditions: Releases.goodConditions) == false)
    }

    @Test("a chunk with a bad digest, wrong index or wrong size is refused and not written")
    func badChunks() throws {
        var agent = try booted(try device())
        try agent.begin(Releases.signed(Releases.manifest(for: new)), conditions: Releases.goodConditions)
        var chunk = Array(new[0..<256])
        chunk[3] ^= 1
        let before = agent.storage.slotB
        #expect(throws: FieldUpdateError(.chunkDigestMismatch(index: 0))) { try agent.receiveChunk(chunk, index: 0) }
        #expect(throws: FieldUpdateError(.unexpectedChunk(index: 1))) {
            try agent.receiveChunk(Array(new[256..<512]), index: 1)
        }
        #expect(throws: FieldUpdateError(.unexpectedChunk(index: 0))) {
            try agent.receiveChunk(Array(new[0..<255]), index: 0)
        }
        #expect(agent.storage.slotB == before)
        #expect(agent.nextChunk?.index == 0)
    }

    @Test("download resumes after a reboot at the chunk where it stopped")
    func resume() throws {
        var device = try device()
        var agent = try booted(device)
        try agent.begin(Releases.signed(Releases.manifest(for: new)), conditions: Releases.goodConditions)
        for index in 0..<3 {
            try agent.receiveChunk(Array(new[index * 256..<(index + 1) * 256]), index: index)
        }
        device.persist(agent)
        agent = try booted(device)
        #expect(agent.bootedSlot == .a)
        #expect(agent.nextChunk?.index == 3)
        try download(&agent, new)
        try agent.install()
        guard case .pendingReboot = agent.record.phase else { Issue.record("not pending"); return }
    }

    @Test("failed health check rolls back to the previous slot and the release is not retried")
    func healthCheckRollback() throws {
        var device = try device()
        var agent = try booted(device)
        let release = try Releases.signed(Releases.manifest(for: new, counter: 4))
        try agent.begin(release, conditions: Releases.goodConditions)
        try download(&agent, new)
        try agent.install()
        device.persist(agent)
        agent = try device.powerOn()
        #expect(try agent.boot().isTrial)
        #expect(try agent.confirm(healthy: false) == true)
        #expect(agent.record.activeSlot == .a)
        #expect(agent.record.securityFloor == 1)
        #expect(agent.record.slotB == nil)
        #expect(agent.record.lastOutcome == .rolledBack(Releases.v2, .healthCheckFailed))
        device.persist(agent)
        agent = try device.powerOn()
        #expect(try agent.boot() == BootDecision(slot: .a, isTrial: false, version: Releases.v1))
        #expect(throws: FieldUpdateError(.releaseRejectedEarlier)) {
            try agent.begin(release, conditions: Releases.goodConditions)
        }
    }

    @Test("a trial image that never confirms is rolled back after the maximum boot attempts")
    func bootAttempts() throws {
        var device = try device()
        var agent = try booted(device)
        try agent.begin(Releases.signed(Releases.manifest(for: new)), conditions: Releases.goodConditions)
        try download(&agent, new)
        try agent.install()
        device.persist(agent)
        for attempt in 1...3 {
            agent = try device.powerOn()
            let decision = try agent.boot()
            #expect(decision.slot == .b && decision.isTrial, "attempt \(attempt)")
            device.persist(agent)  // crashes before confirming
        }
        agent = try device.powerOn()
        #expect(try agent.boot() == BootDecision(slot: .a, isTrial: false, version: Releases.v1))
        #expect(agent.record.lastOutcome == .rolledBack(Releases.v2, .tooManyBootAttempts))
        #expect(throws: FieldUpdateError(.invalidPhase)) { try agent.confirm(healthy: true) }
    }

    @Test("anti-rollback: a lower security counter is refused; the floor never goes down")
    func antiRollback() throws {
        var agent = try booted(try device(counter: 6))
        #expect(throws: FieldUpdateError(.rollbackRefused(offered: 5, floor: 6))) {
            try agent.begin(
                Releases.signed(Releases.manifest(for: new, counter: 5)), conditions: Releases.goodConditions)
        }
        // Equal counter is allowed (a re-spin of the same security level).
        #expect(
            try agent.begin(
                Releases.signed(Releases.manifest(for: new, counter: 6)), conditions: Releases.goodConditions))
    }

    @Test("anti-rollback relaxed by the product: the downgrade installs and lowers the floor")
    func allowedDowngrade() throws {
        let config = UpdateConfiguration(hardwareTarget: "meter-r3", allowsDowngrade: true)
        var device = try device(config: config, counter: 6)
        var agent = try booted(device)
        try agent.begin(Releases.signed(Releases.manifest(for: new, counter: 2)), conditions: Releases.goodConditions)
        try download(&agent, new)
        try agent.install()
        device.persist(agent)
        agent = try device.powerOn()
        _ = try agent.boot()
        try agent.confirm(healthy: true)
        #expect(agent.record.securityFloor == 2)
    }

    @Test("the bootloader refuses a pending image below the floor (record tampered or policy changed)")
    func bootAntiRollback() throws {
        let lax = UpdateConfiguration(hardwareTarget: "meter-r3", allowsDowngrade: true)
        var device = try device(config: lax, counter: 6)
        var agent = try booted(device)
        try agent.begin(Releases.signed(Releases.manifest(for: new, counter: 2)), conditions: Releases.goodConditions)
        try download(&agent, new)
        try agent.install()
        device.persist(agent)
        device.config = Releases.config  // a strict bootloader
        agent = try device.powerOn()
        #expect(try agent.boot() == BootDecision(slot: .a, isTrial: false, version: Releases.v1))
        #expect(agent.record.lastOutcome == .rolledBack(Releases.v2, .antiRollback))
    }

    @Test("refusals: wrong hardware, preconditions, image larger than the slot, not booted")
    func refusals() throws {
        let device = try device()
        var agent = try device.powerOn()
        let release = try Releases.signed(Releases.manifest(for: new))
        #expect(throws: FieldUpdateError(.invalidPhase)) {
            try agent.begin(release, conditions: Releases.goodConditions)
        }
        _ = try agent.boot()
        var other = Releases.manifest(for: new)
        other.hardwareTarget = "meter-r2"
        #expect(throws: FieldUpdateError(.wrongHardware)) {
            try agent.begin(Releases.signed(other), conditions: Releases.goodConditions)
        }
        #expect(throws: FieldUpdateError(.preconditionNotMet("battery"))) {
            try agent.begin(release, conditions: DeviceConditions(batteryPercent: 10, connectivity: .wifi))
        }
        #expect(throws: FieldUpdateError(.preconditionNotMet("connectivity"))) {
            try agent.begin(release, conditions: DeviceConditions(batteryPercent: 90, connectivity: .cellular))
        }
        #expect(throws: FieldUpdateError(.doesNotFit)) {
            try agent.begin(
                Releases.signed(Releases.manifest(for: Releases.image(3, count: 5000))),
                conditions: Releases.goodConditions)
        }
        #expect(agent.record.phase == .idle)
    }

    @Test("an image whose chunks verify but whole digest does not is rolled back at install")
    func wholeImageMismatch() throws {
        var agent = try booted(try device())
        var manifest = Releases.manifest(for: new)
        manifest.image.digest = SHA256.hash(old)
        try agent.begin(Releases.signed(manifest), conditions: Releases.goodConditions)
        try download(&agent, new)
        #expect(throws: FieldUpdateError(.imageDigestMismatch)) { try agent.install() }
        #expect(agent.record.phase == .idle)
        #expect(agent.record.lastOutcome == .rolledBack(Releases.v2, .imageVerificationFailed))
        #expect(agent.record.activeSlot == .a)
    }

    @Test("cancel returns to idle without rejecting the release")
    func cancel() throws {
        var agent = try booted(try device())
        let release = try Releases.signed(Releases.manifest(for: new))
        try agent.begin(release, conditions: Releases.goodConditions)
        try agent.cancel()
        #expect(agent.record.lastOutcome == .rolledBack(Releases.v2, .cancelled))
        #expect(try agent.begin(release, conditions: Releases.goodConditions))
    }

    @Test("delta path: the patch downloads into staging and is applied into the inactive slot")
    func patchPath() throws {
        let base = try Fixtures.bytes("image-1.3.0.bin")
        let target = try Fixtures.bytes("image-1.4.0.bin")
        let patch = try Fixtures.bytes("patch-1.3.0-1.4.0.bin")
        let signed = try SignedManifest(binary: try Fixtures.bytes("signed.bin"))
        var device = try SimulatedDevice(
            factory: base, version: Releases.v1, counter: 7, applier: XORPatchApplier(),
            config: UpdateConfiguration(hardwareTarget: "meter-r3"))
        var agent = try device.powerOn()
        _ = try agent.boot()
        try agent.begin(try signed.verified(by: KeyedHashVerifier()), conditions: Releases.goodConditions)
        #expect(agent.nextChunk?.payload == .patch(from: Releases.v1))
        while let request = agent.nextChunk {
            try agent.receiveChunk(Array(patch[request.offset..<request.offset + request.count]), index: request.index)
        }
        try agent.install()
        #expect(agent.applier.applyCount == 1)
        #expect(Array(agent.storage.slotB[0..<target.count]) == target)
        device.persist(agent)
        agent = try device.powerOn()
        #expect(try agent.boot().isTrial)
        try agent.confirm(healthy: true)
        #expect(agent.record.activeImage?.digest == SHA256.hash(target))
    }

    @Test("record codec round trips every phase; the dual-bank store survives a torn write")
    func recordStore() throws {
        let release = try Releases.signed(Releases.manifest(for: new))
        var record = UpdateRecord(factoryImage: Releases.installed(old, Releases.v1, counter: 3), in: .b)
        record.rejectedRelease = Releases.v2
        record.lastOutcome = .rolledBack(Releases.v2, .tooManyBootAttempts)
        let pending = PendingRelease(verified: release, payload: .fullImage)
        for phase in [
            UpdatePhase.idle, .downloading(pending, nextChunk: 4), .applying(pending), .pendingReboot(pending),
            .trialBoot(pending, attempts: 2),
        ] {
            record.phase = phase
            #expect(try UpdateRecord(binary: record.binaryEncoded()) == record)
        }
        let power = PowerCutInjector()
        var store = DualBankRecordStore(medium: MemoryRecordMedium(bankCapacity: 4096, power: power))
        #expect(try store.load() == nil)
        try store.commit(record)
        var second = record
        second.phase = .idle
        power.cutAtWrite = power.writes + 1
        #expect(throws: FieldUpdateError(.storageFailure)) { try store.commit(second) }
        var reloaded = DualBankRecordStore(medium: store.medium)
        #expect(try reloaded.load() == record)
        power.restore()
        try reloaded.commit(second)
        var again = DualBankRecordStore(medium: reloaded.medium)
        #expect(try again.load() == second)
        // Both banks destroyed: a typed error, not a silent factory reset.
        var medium = again.medium
        medium.banks = [[1, 2, 3], [4, 5, 6]]
        var broken = DualBankRecordStore(medium: medium)
        #expect(throws: FieldUpdateError(.corruptRecord)) { _ = try broken.load() }
    }
}
