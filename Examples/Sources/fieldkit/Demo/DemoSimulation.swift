import FieldKit
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs the whole fleet in simulated time from one thread: devices measure and commit to their
/// outboxes, go offline and come back, publish batches over TCP to the broker, and the server
/// ingests them. Every network exchange is pumped until it settles, so a seed gives one outcome.
final class DemoSimulation {
    struct Settings {
        var devices: Int
        var days: Int
        var seed: UInt64
        var broker: (host: String, port: UInt16)?
        var progress: Bool
    }

    static let tickMilliseconds: UInt64 = 15 * 60_000
    static let start: UInt64 = 1_767_225_600_000  // 2026-01-01T00:00:00Z

    let settings: Settings
    let root: String
    var rng: SplitMix64
    var broker: DemoBroker?
    var server: DemoServer
    var devices: [DemoDevice] = []
    var metrics = DemoMetrics()
    var now: UInt64 = DemoSimulation.start
    var tick = 0
    /// Power cuts are injected during the run, not during the final drain.
    var faultsEnabled = true
    let vibration: DemoVibration
    /// The tick from which each device's bearing is faulty (nil: healthy all along).
    var faultFrom: [Int?] = []
    var sensors: [DemoFieldSensors] = []
    var ota: DemoOTA
    /// Two dashboard workers sharing `$share/dashboard/fleet/+/status` (in-process broker only).
    var workers: [DemoSubscriber] = []
    /// Devices that have published a retained status (what the late viewer should see).
    var statusDevices = Set<Int>()
    var fieldTally = DemoFieldSensors.Tally()

    init(settings: Settings) throws {
        self.settings = settings
        rng = SplitMix64(seed: settings.seed)
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        var template = Array((base + "/fieldkit-demo-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw CommandFailure("cannot create a temporary directory in \(base)")
        }
        root = String(cString: made)
        mkdir(root + "/server", 0o755)
        let host: String
        let port: UInt16
        if let external = settings.broker {
            (host, port) = external
        } else {
            let local = try DemoBroker()
            broker = local
            (host, port) = ("127.0.0.1", local.port)
        }
        server = try DemoServer(directory: root + "/server", host: host, port: port)
        for k in 0..<2 {
            let worker = try DemoSubscriber(name: "dashboard-\(k)", filter: "$share/dashboard/fleet/+/status")
            try worker.connect(host: host, port: port, now: Int64(DemoSimulation.start))
            workers.append(worker)
        }
        vibration = try DemoVibration()
        let ticks = settings.days * 96
        ota = try DemoOTA(devices: settings.devices, seed: settings.seed, startTick: min(96, ticks / 4))
        for id in 0..<settings.devices {
            sensors.append(try DemoFieldSensors(seed: settings.seed &+ UInt64(id) &* 0xA076_1D64_78BD_642F))
            faultFrom.append(rng.next() % 10 == 0 ? ticks / 4 + Int(rng.next() % UInt64(max(1, ticks / 2))) : nil)
            let faulty = id % 10 == 3
            devices.append(
                try DemoDevice(
                    id: id, seed: settings.seed, root: root, faulty: faulty, startMilliseconds: DemoSimulation.start))
        }
    }

    func cleanUp() {
        try? FileManager.default.removeItem(atPath: root)
    }

    func chance(_ p: Double) -> Bool { Double(rng.next() >> 11) / Double(1 << 53) < p }

    /// Runs the simulation and the final drain; returns the metrics.
    func run() throws -> DemoMetrics {
        try server.connect(now: Int64(now))
        try settle()
        let ticks = settings.days * 96
        let restartTick = ticks / 2
        for t in 0..<ticks {
            tick = t
            now = DemoSimulation.start + UInt64(t) * DemoSimulation.tickMilliseconds
            if t == restartTick {
                try server.restart(now: Int64(now))
                try settle()
            }
            for device in devices { try step(device) }
            try exchange()
            if t % 16 == 7 { try replayOne() }
            ota.advance(tick: t)
            for device in devices where device.isConnected && (t + device.id) % 4 == 0 {
                try ota.checkIn(device: device.id, tick: t)
            }
            ota.evaluate(tick: t)
            server.advance(toPhysical: now)
            if (t + 1) % 96 == 0 { recordDay() }
            if settings.progress, t % 8 == 0 { drawProgress(Double(t) / Double(ticks)) }
        }
        try drain()
        if settings.progress { drawProgress(1); print("") }
        return try finish()
    }

    /// Cumulative counts at the end of each simulated day, for the report.
    func recordDay() {
        metrics.daily.append(
            DemoMetrics.Day(
                measured: metrics.measured, enqueued: metrics.enqueued,
                acknowledged: devices.reduce(0) { $0 + $1.acknowledged.count }, stored: server.store.count,
                duplicatesReceived: server.duplicatesReceived, late: server.late, inOrder: server.inOrder))
    }

    func drawProgress(_ fraction: Double) {
        let width = 40
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        var line = "\r[\(bar)] \(Int(fraction * 100))% day \(tick / 96 + 1)/\(settings.days)"
        line.withUTF8 { _ = write(1, $0.baseAddress, $0.count) }
    }

    /// One tick of one device: measure, commit, power, link.
    func step(_ device: DemoDevice) throws {
        device.updateClock(trueMilliseconds: now, startMilliseconds: DemoSimulation.start)
        if tick % 4 == device.id % 4 { try measure(device) }
        if tick % 24 == device.id % 24 { try commit(device) }
        if tick % 24 == (device.id + 12) % 24 {
            let faulty = faultFrom[device.id].map { tick >= $0 } ?? false
            let window = DemoVibration.window(faulty: faulty, using: &device.rng)
            if try vibration.observe(window, faulty: faulty, commissioning: tick < settings.days * 96 / 4) {
                metrics.anomalyAlerts += 1
            }
        }
        // Link: go offline for minutes to days; come back when the time is up.
        if tick >= device.offlineUntil {
            if device.socket == nil { try connect(device) }
            if device.random(1000) < 8 {
                let maxTicks = max(2, settings.days * 96 / 3)
                // log-uniform between one tick (15 min) and a third of the run
                let u = Double(device.random(1 << 20)) / Double(1 << 20)
                let length = Int(exp(u * log(Double(maxTicks))))
                device.offlineUntil = tick + max(1, length)
                device.dropConnection()
                metrics.outages += 1
            }
        }
    }

    func measure(_ device: DemoDevice) throws {
        let hour = Double(now - DemoSimulation.start) / 3_600_000
        let value = 20 + 5 * sin(hour * 2 * .pi / 24) + Double(Int64(device.random(2001)) - 1000) / 5000
        metrics.measured += 1
        let seconds = Double(now - DemoSimulation.start) / 1000
        sensors[device.id].hour(at: seconds, tally: &fieldTally)
        guard sensors[device.id].reportTemperature(value, at: seconds, tally: &fieldTally) else { return }
        let stamp: HybridTimestamp
        do {
            stamp = try device.clock.now()
        } catch {
            throw CommandFailure("device \(device.id): clock: \(error)")
        }
        device.measuredInRAM.append(DemoReading(index: device.nextIndex, timestamp: stamp.packed, value: value))
        device.nextIndex += 1
        metrics.reported += 1
    }

    /// Commits the RAM buffer to the outbox in one durable write; a power cut may strike.
    func commit(_ device: DemoDevice) throws {
        guard !device.measuredInRAM.isEmpty else { return }
        if faultsEnabled, let storage = device.faultyStorage, !device.cutArmed, device.random(100) < 15 {
            // The cut strikes within the next few storage operations: this commit, a later
            // peek or acknowledgement.
            storage.armPowerCut(afterOperations: Int(device.random(12)))
            device.cutArmed = true
        }
        let readings = device.measuredInRAM
        do {
            _ = try device.outbox.enqueue(contentsOf: readings.map(\.bytes))
            device.enqueued.append(contentsOf: readings.map(\.index))
            device.measuredInRAM.removeAll()
            metrics.enqueued += readings.count
        } catch let error where error.code == .powerLost {
            try device.powerCut()
        } catch {
            throw CommandFailure("device \(device.id): enqueue: \(error)")
        }
    }

    func disarm(_ storage: FaultInjectingStorage) {
        storage.armPowerCut(afterOperations: Int.max / 2)
    }

    func connect(_ device: DemoDevice) throws {
        let (host, port) = settings.broker ?? ("127.0.0.1", broker!.port)
        device.socket = try DemoSocket.connect(host: host, port: port)
        device.session.connect(now: .milliseconds(Int64(now)))
        perform(device.session.takeActions(), for: device)
    }

    func perform(_ actions: [ClientAction], for device: DemoDevice) {
        for action in actions {
            switch action {
            case .send(let bytes): device.socket?.send(bytes)
            case .close:
                device.dropConnection()
            case .event(let event):
                switch event {
                case .delivered(let id):
                    guard let entry = device.unacknowledged.removeValue(forKey: id) else { break }
                    for index in entry.indices { device.acknowledged.insert(index) }
                    metrics.publishesAcknowledged += 1
                    do {
                        try device.outbox.acknowledge(entry.keys)
                    } catch let error where error.code == .powerLost {
                        metrics.acknowledgementsLostToPowerCut += 1
                        do { try device.powerCut() } catch { device.outboxErrors.append("\(error)") }
                        return
                    } catch {
                        device.outboxErrors.append("acknowledge: \(error)")
                    }
                case .rejected(let id, let code):
                    if let entry = device.unacknowledged.removeValue(forKey: id) {
                        device.outbox.negativeAcknowledge(entry.keys, now: Int64(now))
                    }
                    metrics.rejected += 1
                    device.outboxErrors.append("publish rejected: 0x\(String(code.rawValue, radix: 16))")
                default: break
                }
            }
        }
    }

    /// Each connected device with nothing in flight publishes one batch; then the network settles.
    func publishRound() throws -> Bool {
        var published = false
        for device in devices where device.isConnected && !device.announced {
            // A retained QoS 0 status message on every connection: who is online, which firmware.
            let status = Array("online fw=\(ota.firmware(of: device.id)) t=\(now)".utf8)
            do {
                try device.session.publish(
                    topic: "fleet/\(device.id)/status", payload: status, qos: .atMostOnce, retain: true,
                    now: .milliseconds(Int64(now))
                )
                device.announced = true
                statusDevices.insert(device.id)
                metrics.statusPublished += 1
            } catch {
                device.outboxErrors.append("status: \(error)")
            }
            perform(device.session.takeActions(), for: device)
        }
        for device in devices where device.isConnected && device.unacknowledged.isEmpty {
            let batch: OutboxBatch
            do {
                batch = try device.outbox.peekBatch(maximumCount: 64, now: Int64(now))
            } catch let error where error.code == .powerLost {
                try device.powerCut()
                continue
            } catch {
                throw CommandFailure("device \(device.id): peek: \(error)")
            }
            guard !batch.messages.isEmpty else { continue }
            var keys: [MessageKey] = []
            var readings: [DemoReading] = []
            for message in batch.messages {
                guard let reading = DemoReading(bytes: message.payload) else {
                    throw CommandFailure("device \(device.id): outbox record \(message.key) is not a reading")
                }
                keys.append(message.key)
                readings.append(reading)
            }
            let payload = try DemoBatch(producer: device.producer, floor: batch.floor, keys: keys, readings: readings)
                .encoded()
            do {
                let id = try device.session.publish(
                    topic: "fleet/\(device.id)/readings", payload: payload, qos: .atLeastOnce,
                    now: .milliseconds(Int64(now)))
                device.unacknowledged[id] = (keys, readings.map(\.index))
                device.lastPayload = payload
                metrics.publishes += 1
                metrics.recordsPublished += keys.count
                metrics.bytesReportedRaw += keys.count * DemoMetrics.rawReadingSize
                metrics.bytesSent += payload.count
                published = true
            } catch {
                device.outbox.negativeAcknowledge(keys, now: Int64(now))
                device.outboxErrors.append("publish: \(error)")
            }
            perform(device.session.takeActions(), for: device)
        }
        return published
    }

    /// Publishes rounds until no device has anything more to send this tick.
    func exchange() throws {
        var rounds = 0
        while rounds < 16 {
            rounds += 1
            let published = try publishRound()
            try settle()
            if !published { break }
        }
    }

    /// Re-publishes a device's last batch as if its acknowledgement had been lost.
    func replayOne() throws {
        let candidates = devices.filter { $0.isConnected && $0.lastPayload != nil }
        guard !candidates.isEmpty else { return }
        let device = candidates[Int(rng.next() % UInt64(candidates.count))]
        guard let payload = device.lastPayload else { return }
        do {
            _ = try device.session.publish(
                topic: "fleet/\(device.id)/readings", payload: payload, qos: .atLeastOnce,
                now: .milliseconds(Int64(now)))
            metrics.replays += 1
        } catch {
            device.outboxErrors.append("replay: \(error)")
        }
        perform(device.session.takeActions(), for: device)
        try settle()
    }

    /// Pumps the broker, the devices' and the server's sockets until nothing is waiting.
    func settle() throws {
        let deadline = DispatchTime.now().uptimeNanoseconds + 20_000_000_000
        var idleRounds = 0
        while true {
            var progress = broker?.step() ?? false
            for device in devices {
                guard let socket = device.socket else { continue }
                if socket.flush() { progress = true }
                guard let bytes = socket.receive() else {
                    device.dropConnection()
                    progress = true
                    continue
                }
                if !bytes.isEmpty {
                    progress = true
                    device.session.receive(bytes, now: .milliseconds(Int64(now)))
                    perform(device.session.takeActions(), for: device)
                }
            }
            if server.step(now: Int64(now)) { progress = true }
            for worker in workers where worker.step(now: Int64(now)) { progress = true }
            if server.socket == nil { try server.connect(now: Int64(now)) }
            let waiting =
                !server.isReady || workers.contains { !$0.isReady }
                || devices.contains {
                    $0.socket != nil && (!$0.isConnected || !$0.unacknowledged.isEmpty || $0.session.inFlightCount > 0)
                }
                || !(broker?.isIdle ?? true)
            if progress {
                idleRounds = 0
                continue
            }
            if !waiting {
                // With an external broker, its forwarding to the server is not visible here:
                // wait for a few quiet polls before calling the network settled.
                idleRounds += 1
                if idleRounds >= (broker != nil ? 2 : 8) { return }
                if broker != nil { continue }
            }
            guard DispatchTime.now().uptimeNanoseconds < deadline else {
                throw CommandFailure("the network did not settle within 20 s at tick \(tick)")
            }
            var fds = devices.compactMap { $0.socket?.fd }
            if let s = server.socket { fds.append(s.fd) }
            fds.append(contentsOf: workers.compactMap { $0.socket?.fd })
            if let broker { fds.append(contentsOf: broker.descriptors) }
            demoPoll(fds, milliseconds: 2)
        }
    }

    /// After the run: every device comes online, without power cuts, until every outbox is empty.
    func drain() throws {
        faultsEnabled = false
        for device in devices {
            device.offlineUntil = 0
            if let storage = device.faultyStorage { disarm(storage) }
            device.cutArmed = false
            if !device.measuredInRAM.isEmpty { try commit(device) }
            if device.socket == nil { try connect(device) }
        }
        try settle()
        var rounds = 0
        while rounds < 200 {
            rounds += 1
            now += 60_000
            for device in devices where device.socket == nil { try connect(device) }
            let published = try publishRound()
            try settle()
            if !published {
                let pending = try devices.reduce(0) { sum, d in
                    do { return sum + (try d.outbox.pendingCount()) } catch { throw CommandFailure("\(error)") }
                }
                if pending == 0 { break }
                now += 120_000  // let retry backoffs elapse
            }
        }
        for device in devices {
            let pending = (try? device.outbox.pendingCount()) ?? -1
            if pending != 0 {
                printError(
                    "device \(device.id): \(pending) records still pending after the drain (connected \(device.isConnected), awaiting \(device.unacknowledged.count), faulty \(device.faultyStorage != nil))"
                )
            }
        }
        // A viewer joining at the end sees each device's last status: retained messages.
        let viewer = try DemoSubscriber(name: "viewer", filter: "fleet/+/status")
        let (host, port) = settings.broker ?? ("127.0.0.1", broker!.port)
        try viewer.connect(host: host, port: port, now: Int64(now))
        workers.append(viewer)
        try settle()
        if settings.broker != nil {
            // An external broker sends retained messages after the SUBACK on its own schedule.
            let deadline = DispatchTime.now().uptimeNanoseconds + 2_000_000_000
            while viewer.topics.count < statusDevices.count && DispatchTime.now().uptimeNanoseconds < deadline {
                if !viewer.step(now: Int64(now)), let fd = viewer.socket?.fd { demoPoll([fd], milliseconds: 10) }
                if viewer.socket == nil { break }
            }
        }
        metrics.retainedSeenByViewer = viewer.retainedReceived
        metrics.viewerMessages = viewer.received
        workers.removeLast()
        metrics.statusReceivedByWorkers = workers.map(\.received)
        server.advance(toPhysical: now + 10 * 86_400_000)
        server.drainOrdering()
    }

    func finish() throws -> DemoMetrics {
        server.store.close()
        let audit = DemoStore.audit(path: server.directory + "/readings.db")
        var m = metrics
        m.devices = settings.devices
        m.days = settings.days
        m.seed = settings.seed
        m.delivered = audit.distinct
        m.duplicatesStored = audit.rows - audit.distinct
        m.duplicatesReceived = server.duplicatesReceived
        m.duplicatesRefusedByStore = server.duplicatesRefusedByStore
        m.acknowledged = devices.reduce(0) { $0 + $1.acknowledged.count }
        var lost = 0
        for device in devices {
            for index in device.enqueued where !audit.keys.contains(DemoStore.key(device.producer, index)) { lost += 1 }
        }
        m.lost = lost
        m.late = server.late
        m.otaBricked = ota.totalBricked
        m.ota = ota
        m.field = fieldTally
        m.anomalyPrecision = vibration.precision
        m.anomalyRecall = vibration.recall
        m.anomalyWindows = vibration.windows
        m.faultyWindows = vibration.truePositives + vibration.falseNegatives
        m.inOrder = server.inOrder
        m.reordered = server.reordered
        m.serverRestarts = server.restarts
        m.beyondWindow = server.beyondWindow
        m.malformed = server.malformed.count + server.problems.count
        m.powerCuts = devices.reduce(0) { $0 + $1.powerCuts }
        m.clockJumps = devices.reduce(0) { $0 + $1.clockJumps }
        m.messagesReceivedByServer = server.messages
        m.brokerErrors = broker?.protocolErrors.count ?? 0
        m.deviceErrors = devices.reduce(0) { $0 + $1.outboxErrors.count }
        return m
    }
}
