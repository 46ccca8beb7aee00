import FieldKit

#if canImport(Glibc)
    import Glibc
#endif

/// One simulated device: a sensor, a hybrid clock on a skewed physical clock, an outbox on real
/// files (or on fault-injecting storage with power cuts), and an MQTT session over real TCP.
final class DemoDevice {
    let id: Int
    let producer: UInt64
    var rng: SplitMix64
    let directory: String
    /// Set for the devices whose outbox runs on fault-injecting storage (power cuts).
    let faultyStorage: FaultInjectingStorage?
    var outbox: DemoOutbox
    var clock: HybridClock<ManualTimeSource, NoHighWaterMark>
    /// How far this device's physical clock is from true time, in milliseconds.
    var clockOffset: Int64
    /// Milliseconds the clock gains per simulated day.
    let driftPerDay: Int64

    var session: ClientSession<InMemorySessionStore>
    var socket: DemoSocket?
    /// Outbox keys carried by each MQTT message not yet acknowledged.
    var unacknowledged: [MessageID: (keys: [MessageKey], indices: [UInt32])] = [:]
    /// The last batch payload sent (for the replay that proves duplicates are absorbed).
    var lastPayload: [UInt8]?

    /// Readings measured and held in RAM until the next outbox commit.
    var measuredInRAM: [DemoReading] = []
    var nextIndex: UInt32 = 0
    /// Indices whose outbox enqueue returned.
    var enqueued: [UInt32] = []
    /// Indices whose MQTT publish was acknowledged.
    var acknowledged = Set<UInt32>()

    /// The tick until which the device is offline (exclusive).
    var offlineUntil = 0
    var powerCuts = 0
    var cutArmed = false
    /// Whether the retained status was published on this connection.
    var announced = false
    var outboxErrors: [String] = []
    var clockJumps = 0

    init(id: Int, seed: UInt64, root: String, faulty: Bool, startMilliseconds: UInt64) throws {
        self.id = id
        producer = UInt64(id + 1)
        rng = SplitMix64(seed: seed ^ (UInt64(id + 1) &* 0x9E37_79B9_7F4A_7C15))
        directory = root + "/device-\(id)"
        faultyStorage = faulty ? FaultInjectingStorage() : nil
        if !faulty { mkdir(directory, 0o755) }
        do {
            outbox = try DemoOutbox.open(producer: producer, directory: directory, faulty: faultyStorage)
        } catch {
            throw CommandFailure("device \(id): cannot open outbox: \(error)")
        }
        clockOffset = Int64(rng.next() % 600_000) - 300_000
        driftPerDay = Int64(rng.next() % 4_000) - 2_000
        clock = HybridClock(
            node: UInt64(id + 1), source: ManualTimeSource(start: .milliseconds(Int64(startMilliseconds))))
        session = try Self.makeSession(id: id)
    }

    static func makeSession(id: Int) throws -> ClientSession<InMemorySessionStore> {
        var configuration = ClientConfiguration(clientIdentifier: "device-\(id)")
        configuration.cleanStart = true
        configuration.keepAlive = .zero
        do {
            return try ClientSession(configuration: configuration, store: InMemorySessionStore())
        } catch {
            throw CommandFailure("device \(id): cannot create MQTT session: \(error)")
        }
    }

    func random(_ bound: UInt64) -> UInt64 { rng.next() % bound }
    func chance(_ p: Double) -> Bool { Double(rng.next() >> 11) / Double(1 << 53) < p }

    /// Sets the physical clock for true time `now`, with skew, drift and the occasional jump.
    func updateClock(trueMilliseconds now: UInt64, startMilliseconds: UInt64) {
        if chance(0.0005) {
            clockOffset += chance(0.5) ? 3_600_000 : -3_600_000
            clockJumps += 1
        }
        let days = Int64(now - startMilliseconds) / 86_400_000
        let physical = Int64(now) + clockOffset + driftPerDay * days
        clock.source.instant = .milliseconds(max(0, physical))
    }

    var isConnected: Bool { socket != nil && session.state == .connected }

    /// Loses power: the outbox's unsynced writes are decided at random, RAM is lost, and
    /// everything is reopened (a new outbox epoch).
    func powerCut() throws {
        guard let faultyStorage else { return }
        powerCuts += 1
        cutArmed = false
        faultyStorage.powerCut(using: &rng)
        measuredInRAM.removeAll()
        dropConnection()
        unacknowledged.removeAll()
        session = try Self.makeSession(id: id)
        do {
            outbox = try DemoOutbox.open(producer: producer, directory: nil, faulty: faultyStorage)
        } catch {
            throw CommandFailure("device \(id): outbox did not recover after a power cut: \(error)")
        }
    }

    func dropConnection() {
        announced = false
        if let socket {
            socket.close()
            session.connectionLost(now: clock.source.instant)
            _ = session.takeActions()
        }
        socket = nil
        if !unacknowledged.isEmpty {
            // Not acknowledged: the outbox delivers these again (the MQTT session's copy is dropped
            // with the connection's session, clean start).
            let keys = unacknowledged.values.flatMap(\.keys)
            outbox.negativeAcknowledge(keys, now: clock.source.instant.millisecondsSinceEpoch)
            unacknowledged.removeAll()
        }
        if let fresh = try? Self.makeSession(id: id) { session = fresh }
    }
}
