import FieldKit

/// The ingest server: an MQTT subscriber (FieldMQTT `ClientSession` over TCP) that de-duplicates
/// with FieldOutbox's `Inbox`, puts readings in hybrid-timestamp order with FieldClock's
/// `ReorderBuffer`, and stores them under a unique key.
final class DemoServer: DemoClient {
    let directory: String
    let host: String
    let port: UInt16
    var inbox: Inbox<PosixStorage>
    var store: DemoStore
    var reorder = ReorderBuffer<DemoReading>(
        allowedLateness: .milliseconds(DemoServer.allowedLateness), capacity: 200_000)
    /// How far the ordering watermark trails the server's clock: devices commit every 6 hours, so
    /// readings of an online device arrive within 8 hours; older ones are late (offline devices).
    static let allowedLateness: UInt64 = 8 * 3_600_000

    var messages = 0
    var malformed: [String] = []
    var recordsReceived = 0
    var duplicatesReceived = 0
    var beyondWindow = 0
    var late = 0
    var inOrder = 0
    /// Readings that arrived behind a newer one and were put back in order by the buffer.
    var reordered = 0
    var newestSeen: HybridTimestamp?
    var duplicatesRefusedByStore = 0
    var restarts = 0

    init(directory: String, host: String, port: UInt16) throws {
        self.directory = directory
        self.host = host
        self.port = port
        let (session, inbox, store) = try Self.open(directory: directory)
        self.inbox = inbox
        self.store = store
        super.init(filter: "fleet/+/readings", qos: .atLeastOnce, session: session)
    }

    static func open(directory: String) throws -> (ClientSession<InMemorySessionStore>, Inbox<PosixStorage>, DemoStore)
    {
        var configuration = ClientConfiguration(clientIdentifier: "ingest")
        configuration.cleanStart = false
        configuration.sessionExpiryInterval = 7 * 24 * 3600
        configuration.keepAlive = .zero
        configuration.receiveMaximum = 1_000
        let session: ClientSession<InMemorySessionStore>
        let inbox: Inbox<PosixStorage>
        do {
            session = try ClientSession(configuration: configuration, store: InMemorySessionStore())
            var inboxConfiguration = InboxConfiguration()
            inboxConfiguration.maximumProducers = 100_000
            inbox = try Inbox(
                storage: try PosixStorage(directory: directory + "/inbox"), configuration: inboxConfiguration)
        } catch {
            throw CommandFailure("server: \(error)")
        }
        return (session, inbox, try DemoStore(path: directory + "/readings.db"))
    }

    func connect(now: Int64) throws {
        try connect(host: host, port: port, now: now)
    }

    override func received(_ message: InboundMessage, now: Int64) {
        handle(message)
    }

    func handle(_ message: InboundMessage) {
        messages += 1
        let batch: DemoBatch
        do {
            batch = try DemoBatch.decode(message.payload)
        } catch {
            malformed.append("\(message.topic): \(error)")
            return
        }
        guard batch.keys.count == batch.readings.count else { return }
        // Decide, stage the new readings durably, then record the keys: the Inbox never says "seen"
        // about a reading that is not on disk, and the PUBACK (the session's next action) leaves
        // only after this returns, so a crash at any point loses nothing acknowledged.
        var fresh: [DemoReading] = []
        var seen = Set<MessageKey>()
        for (key, reading) in zip(batch.keys, batch.readings) {
            recordsReceived += 1
            switch seen.insert(key).inserted ? inbox.decide(key) : .duplicate {
            case .new: fresh.append(reading)
            case .duplicate: duplicatesReceived += 1
            case .beyondWindow: beyondWindow += 1
            }
        }
        do {
            try store.stage(producer: batch.producer, readings: fresh)
            for key in batch.keys { try inbox.record(key, floor: batch.floor) }
        } catch {
            malformed.append("server: \(error)")
            return
        }
        for reading in fresh { order(reading, producer: batch.producer) }
    }

    /// Puts a new reading in the ordering buffer (or stores it at once when it is too late).
    func order(_ reading: DemoReading, producer: UInt64, counting: Bool = true) {
        let stamp = HybridTimestamp(packed: reading.timestamp, node: producer)
        let behind = newestSeen.map { stamp < $0 } ?? false
        if !behind { newestSeen = stamp }
        switch reorder.insert(reading, at: stamp) {
        case .buffered:
            if behind && counting { reordered += 1 }
        case .late(let r), .full(let r):
            late += 1
            store(r, producer: producer, late: true)
        }
    }

    func store(_ reading: DemoReading, producer: UInt64, late: Bool = false) {
        if !store.insertOrIgnore(producer: producer, reading: reading, late: late) { duplicatesRefusedByStore += 1 }
    }

    /// Moves the watermark to `physical` and stores what is now in order.
    func advance(toPhysical physical: UInt64) {
        reorder.advance(to: .milliseconds(Int64(physical)))
        while let ready = reorder.popReady() {
            inOrder += 1
            store(ready.event, producer: ready.timestamp.node)
        }
    }

    /// Stores everything still held for ordering (before a restart or at the end).
    func drainOrdering() {
        while let next = reorder.popEarliest() {
            inOrder += 1
            store(next.event, producer: next.timestamp.node)
        }
        store.flush()
    }

    /// Kills the server as a crash would and starts it again from disk: no DISCONNECT, unsent
    /// acknowledgements and unwritten rows dropped, the ordering buffer lost. What was staged is
    /// put back in order; the broker redelivers what was never acknowledged.
    func restart(now: Int64) throws {
        socket?.close()
        socket = nil
        let dropped = store.abandon()
        inOrder -= dropped.ordered
        late -= dropped.late
        restarts += 1
        (session, inbox, store) = try Self.open(directory: directory)
        reorder = ReorderBuffer<DemoReading>(
            allowedLateness: .milliseconds(DemoServer.allowedLateness), capacity: 200_000)
        do {
            // In timestamp order, so no reloaded reading pushes the watermark past another.
            let staged = try store.stagedReadings().map {
                (stamp: HybridTimestamp(packed: $0.reading.timestamp, node: $0.producer), reading: $0.reading)
            }
            for entry in staged.sorted(by: { $0.stamp < $1.stamp }) {
                order(entry.reading, producer: entry.stamp.node, counting: false)
            }
        } catch {
            throw CommandFailure("server: cannot reload staged readings: \(error)")
        }
        try connect(now: now)
    }
}
