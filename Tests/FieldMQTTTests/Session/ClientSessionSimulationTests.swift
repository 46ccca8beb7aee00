import FieldCore
import FieldMQTT
import Testing

@Suite("ClientSession: deterministic simulation with disconnects and restarts at every step")
struct ClientSessionSimulationTests {
    /// Publishes `count` messages of mixed QoS while the connection drops at random moments (before,
    /// during and after every handshake) and the process restarts from its store; checks that every
    /// QoS 1 message arrives at least once, every QoS 2 message exactly once, and that the broker saw
    /// no protocol violation (identifier reuse, window overrun, missing DUP).
    @Test("no in-flight message lost, none duplicated at QoS 2, no identifier reused", arguments: 0..<40)
    func chaos(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let version: ProtocolVersion = seed % 2 == 0 ? .v5 : .v3_1_1
        var broker = FakeBroker(version: version)
        broker.receiveMaximum = version == .v5 ? UInt16.random(in: 1...5, using: &rng) : 65_535
        broker.topicAliasMaximum = version == .v5 ? UInt16.random(in: 0...3, using: &rng) : 0
        var configuration = ClientConfiguration(clientIdentifier: "sim-\(seed)", version: version)
        configuration.cleanStart = false
        var session = try ClientSession(configuration: configuration, store: InMemorySessionStore())
        var expected: [String: QoS] = [:]
        var events: [ClientEvent] = []
        var now = Instant.milliseconds(0)
        var published = 0
        let total = 60

        func dropConnection() {
            session.connectionLost(now: now)
            broker.connectionClosed()
            _ = session.takeActions()
        }

        session.connect(now: now)
        var steps = 0
        while steps < 2_000 {
            steps += 1
            now += .milliseconds(Int64.random(in: 1...500, using: &rng))
            switch Int.random(in: 0..<10, using: &rng) {
            case 0 where session.state != .disconnected:
                dropConnection()
            case 1:
                // Power cut: the process restarts from what its store holds.
                dropConnection()
                let store = session.store
                session = try ClientSession(configuration: configuration, store: store)
            case 2 where session.state == .disconnected:
                session.connect(now: now)
            case 3...9 where published < total:
                let qos = QoS(rawValue: UInt8.random(in: 1...2, using: &rng))!
                let payload = "msg-\(published)"
                let topic = "fleet/\(Int.random(in: 0..<4, using: &rng))"
                do {
                    try session.publish(topic: topic, payload: Array(payload.utf8), qos: qos, now: now)
                    expected[payload] = qos
                    published += 1
                } catch {
                    Issue.record("publish refused: \(error)")
                }
            default:
                if session.state == .disconnected { session.connect(now: now) }
            }
            // Deliver part of the traffic, then maybe cut mid-exchange.
            let cut = Self.deliver(
                session.takeActions(), to: &broker, session: &session, events: &events, rng: &rng, now: now)
            if cut { dropConnection() }
            if published == total && session.storedMessageCount == 0 && session.state == .connected { break }
        }
        // Finish on a calm connection.
        if session.state == .disconnected || session.storedMessageCount > 0 {
            dropConnection()
            session.connect(now: now)
            _ = session.exchange(with: &broker, now: now, events: &events)
        }
        #expect(published == total)
        Self.verify(broker: broker, session: session, expected: expected)
    }

    /// Sends the session's bytes to the broker and its replies back, cutting the connection at
    /// random (one send in 25 is lost, one reply in 25 never arrives); returns whether it cut.
    static func deliver(
        _ actions: [ClientAction], to broker: inout FakeBroker, session: inout ClientSession<InMemorySessionStore>,
        events: inout [ClientEvent], rng: inout SplitMix64, now: Instant
    ) -> Bool {
        for action in actions {
            switch action {
            case .send(let bytes):
                if Int.random(in: 0..<25, using: &rng) == 0 { return true }
                let replies = broker.receive(bytes)
                if !replies.isEmpty && Int.random(in: 0..<25, using: &rng) != 0 {
                    session.receive(replies, now: now)
                } else if !replies.isEmpty {
                    return true
                }
            case .event(let event):
                events.append(event)
            case .close:
                broker.connectionClosed()
            }
        }
        return false
    }

    /// No protocol violation, nothing left stored, QoS 2 exactly once and QoS 1 at least once.
    static func verify(
        broker: FakeBroker, session: ClientSession<InMemorySessionStore>, expected: [String: QoS]
    ) {
        #expect(broker.violations.isEmpty, "\(broker.violations)")
        #expect(session.storedMessageCount == 0)
        for (payload, qos) in expected {
            let copies = broker.received.filter { $0 == payload }.count
            if qos == .exactlyOnce {
                #expect(copies == 1, "QoS 2 \(payload) arrived \(copies) times")
            } else {
                #expect(copies >= 1, "QoS 1 \(payload) lost")
            }
        }
    }
}
