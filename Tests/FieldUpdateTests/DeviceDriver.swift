import FieldCore
import FieldUpdate
import Testing

/// How the simulated new firmware behaves once started.
enum FirmwareBehaviour {
    case healthy
    case failsHealthCheck
    case crashesBeforeConfirming
}

/// What one power-on observed.
struct BootObservation {
    var slot: Slot
    var digest: SHA256Digest
    var isTrial: Bool
}

/// Drives a simulated device through an update, one power-on at a time, the way firmware would:
/// boot, confirm or crash, begin/resume the download, install, reboot.
struct DeviceDriver<Applier: UpdatePatchApplier> {
    var device: SimulatedDevice<Applier>
    let release: VerifiedManifest
    let payloads: [PayloadChoice: [UInt8]]
    let behaviour: FirmwareBehaviour
    var boots: [BootObservation] = []

    /// One power-on session. Returns true when the update is over (confirmed or rolled back and
    /// running the active image). A storage failure (power cut) ends the session early.
    mutating func session() throws(FieldUpdateError) -> Bool {
        var agent = try device.powerOn()
        defer { device.persist(agent) }
        let decision = try agent.boot()
        let image = agent.record.image(in: decision.slot)!
        let bytes = try agent.storage.read(.slot(decision.slot), at: 0, count: Int(image.size))
        boots.append(BootObservation(slot: decision.slot, digest: SHA256.hash(bytes), isTrial: decision.isTrial))
        if decision.isTrial {
            switch behaviour {
            case .crashesBeforeConfirming: return false
            case .failsHealthCheck:
                _ = try agent.confirm(healthy: false)
                return false  // reboot into the previous image
            case .healthy:
                _ = try agent.confirm(healthy: true)
                return true
            }
        }
        switch agent.record.phase {
        case .idle:
            switch agent.record.lastOutcome {
            case .confirmed(release.manifest.version): return true
            case .rolledBack(release.manifest.version, let reason) where reason != .cancelled: return true
            default: break
            }
            try agent.begin(release, conditions: Releases.goodConditions)
            try download(&agent)
            try agent.install()
            return false
        case .downloading:
            try download(&agent)
            try agent.install()
            return false
        case .applying:
            try agent.install()
            return false
        case .pendingReboot, .trialBoot:
            return false
        }
    }

    func download(_ agent: inout TestAgent<Applier>) throws(FieldUpdateError) {
        while let request = agent.nextChunk {
            let payload = payloads[request.payload]!
            try agent.receiveChunk(
                Array(payload[request.offset..<request.offset + request.count]), index: request.index)
        }
    }

    /// Runs sessions until the update is over; a power cut just ends a session.
    mutating func runToCompletion(maximumSessions: Int = 30) -> Bool {
        for _ in 0..<maximumSessions {
            do throws(FieldUpdateError) {
                if try session() { return true }
            } catch {
                if error.code != .storageFailure { Issue.record("unexpected error \(error)") }
                device.power.restore()
            }
        }
        return false
    }
}
