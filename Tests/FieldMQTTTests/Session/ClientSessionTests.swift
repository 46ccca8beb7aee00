import FieldCore
import FieldMQTT
import Testing

@Suite("ClientSession: protocol flows against a scripted broker")
struct ClientSessionTests {
    typealias Session = ClientSession<InMemorySessionStore>

    func connected(
        _ version: ProtocolVersion = .v5, broker: inout FakeBroker,
        configure: (inout ClientConfiguration) -> Void = { _ in }
    )
        throws -> (Session, [ClientEvent])
    {
        var configuration = ClientConfiguration(clientIdentifier: "device-1", version: version)
        configure(&configuration)
        var session = try Session(configuration: configuration, store: InMemorySessionStore())
        var events: [ClientEvent] = []
        session.connect(now: .milliseconds(0))
        _ = session.exchange(with: &broker, now: .milliseconds(0), events: &events)
        return (session, events)
    }

    @Test("CONNECT/CONNACK for 3.1.1 and 5.0", arguments: [ProtocolVersion.v3_1_1, .v5])
    func connects(version: ProtocolVersion) throws {
        var broker = FakeBroker(version: version)
        let (session, events) = try connected(version, broker: &broker)
        #expect(session.state == .connected)
        guard case .connected(let info) = events.first else {
            Issue.record("no connected event: \(events)")
            return
        }
        #expect(info.sessionPresent == false)
        #expect(broker.connected)
    }

    @Test("QoS 1 and 2 publishes are stored until acknowledged, then reported delivered")
    func qosFlows() throws {
        var broker = FakeBroker(version: .v5)
        var (session, events) = try connected(broker: &broker)
        let one = try session.publish(
            topic: "a/b", payload: Array("one".utf8), qos: .atLeastOnce, now: .milliseconds(1))
        let two = try session.publish(
            topic: "a/b", payload: Array("two".utf8), qos: .exactlyOnce, now: .milliseconds(1))
        let zero = try session.publish(
            topic: "a/b", payload: Array("zero".utf8), qos: .atMostOnce, now: .milliseconds(1))
        _ = session.exchange(with: &broker, now: .milliseconds(1), events: &events)
        #expect(events.contains(.delivered(one)))
        #expect(events.contains(.delivered(two)))
        #expect(events.contains(.delivered(zero)))
        #expect(broker.received == ["one", "two", "zero"])
        #expect(session.storedMessageCount == 0)
        #expect(session.store.outbound.isEmpty)
        #expect(broker.violations.isEmpty)
    }

    @Test("the in-flight window never exceeds the server's Receive Maximum")
    func receiveMaximum() throws {
        var broker = FakeBroker(version: .v5)
        broker.receiveMaximum = 3
        broker.acknowledge = false
        var (session, events) = try connected(broker: &broker)
        for i in 0..<10 {
            try session.publish(topic: "t", payload: Array("m\(i)".utf8), qos: .atLeastOnce, now: .milliseconds(1))
        }
        _ = session.exchange(with: &broker, now: .milliseconds(1), events: &events)
        #expect(session.inFlightCount == 3)
        #expect(broker.inFlight.count == 3)
        #expect(session.storedMessageCount == 10)
        // Acknowledge from now on: each PUBACK opens a slot for the next message.
        broker.acknowledge = true
        var replies: [UInt8] = []
        for (pid, _) in broker.inFlight.sorted(by: { $0.key < $1.key }) {
            try Packet.puback(PublishAcknowledgement(packetIdentifier: pid)).encode(appendingTo: &replies, version: .v5)
            broker.received.append(broker.inFlight[pid]!)
        }
        broker.inFlight.removeAll()
        session.receive(replies, now: .milliseconds(2))
        _ = session.exchange(with: &broker, now: .milliseconds(2), events: &events)
        #expect(session.storedMessageCount == 0)
        #expect(Set(broker.received) == Set((0..<10).map { "m\($0)" }))
        #expect(broker.maxInFlightSeen <= 3)
        #expect(broker.violations.isEmpty)
    }

    @Test("topic aliases are used up to the server's maximum, and reset per connection")
    func topicAliases() throws {
        var broker = FakeBroker(version: .v5)
        broker.topicAliasMaximum = 2
        var (session, events) = try connected(broker: &broker)
        let topics = ["x/1", "x/2", "x/3", "x/1", "x/2", "x/3", "x/1"]
        for (i, topic) in topics.enumerated() {
            try session.publish(
                topic: topic, payload: Array("\(topic)#\(i)".utf8), qos: .atLeastOnce, now: .milliseconds(1))
        }
        _ = session.exchange(with: &broker, now: .milliseconds(1), events: &events)
        #expect(broker.received == topics.enumerated().map { "\($1)#\($0)" })
        #expect(broker.aliases.count == 2)
        #expect(broker.violations.isEmpty)
    }

    @Test("inbound QoS 2 is delivered exactly once, even when the server redelivers it")
    func inboundExactlyOnce() throws {
        var broker = FakeBroker(version: .v5)
        var (session, events) = try connected(broker: &broker)
        events.removeAll()
        let publish = Packet.publish(Publish(topic: "cmd/reboot", payload: [1], qos: .exactlyOnce, packetIdentifier: 9))
        let duplicate = Packet.publish(
            Publish(topic: "cmd/reboot", payload: [1], qos: .exactlyOnce, duplicate: true, packetIdentifier: 9))
        session.receive(try publish.encoded(version: .v5), now: .milliseconds(1))
        session.receive(try duplicate.encoded(version: .v5), now: .milliseconds(1))
        var sent: [[UInt8]] = []
        for action in session.takeActions() {
            switch action {
            case .send(let bytes): sent.append(bytes)
            case .event(let event): events.append(event)
            case .close: Issue.record("unexpected close")
            }
        }
        #expect(events.count == 1)
        #expect(
            sent
                == Array(
                    repeating: try Packet.pubrec(PublishAcknowledgement(packetIdentifier: 9)).encoded(version: .v5),
                    count: 2))
        #expect(session.store.inbound == [9])
        session.receive(
            try Packet.pubrel(PublishAcknowledgement(packetIdentifier: 9)).encoded(version: .v5), now: .milliseconds(2))
        #expect(
            session.takeActions() == [
                .send(try Packet.pubcomp(PublishAcknowledgement(packetIdentifier: 9)).encoded(version: .v5))
            ])
        #expect(session.store.inbound.isEmpty)
    }

    @Test("keep-alive: PINGREQ after the interval, timeout when no PINGRESP comes")
    func keepAlive() throws {
        var broker = FakeBroker(version: .v3_1_1)
        var (session, events) = try connected(.v3_1_1, broker: &broker) {
            $0.keepAlive = .seconds(10); $0.pingTimeout = .seconds(3)
        }
        #expect(session.nextDeadline == .milliseconds(10_000))
        session.tick(now: .milliseconds(9_999))
        #expect(session.takeActions().isEmpty)
        session.tick(now: .milliseconds(10_000))
        _ = session.exchange(with: &broker, now: .milliseconds(10_000), events: &events)
        #expect(broker.pings == 1)
        #expect(session.nextDeadline == .milliseconds(20_000))
        session.tick(now: .milliseconds(20_000))
        let ping = session.takeActions()
        #expect(ping == [.send([0xC0, 0x00])])
        #expect(session.nextDeadline == .milliseconds(23_000))
        session.tick(now: .milliseconds(23_000))
        #expect(session.takeActions() == [.close, .event(.disconnected(.keepAliveTimeout(.seconds(3))))])
        #expect(session.state == .disconnected)
    }

    @Test("connect timeout when CONNACK never comes")
    func connectTimeout() throws {
        var configuration = ClientConfiguration(clientIdentifier: "d")
        configuration.connectTimeout = .seconds(5)
        var session = try Session(configuration: configuration, store: InMemorySessionStore())
        session.connect(now: .milliseconds(100))
        _ = session.takeActions()
        #expect(session.nextDeadline == .milliseconds(5_100))
        session.tick(now: .milliseconds(5_100))
        #expect(session.takeActions() == [.close, .event(.disconnected(.connectTimeout(.seconds(5))))])
    }

    @Test("server redirection and DISCONNECT reasons are surfaced")
    func redirect() throws {
        var broker = FakeBroker(version: .v5)
        var (session, _) = try connected(broker: &broker)
        let disconnect = Disconnect(
            reasonCode: .serverMoved,
            properties: Properties([.serverReference("mqtt2.example.net:8883"), .reasonString("maintenance")]))
        session.receive(try Packet.disconnect(disconnect).encoded(version: .v5), now: .milliseconds(5))
        let actions = session.takeActions()
        #expect(actions.contains(.event(.redirect(serverReference: "mqtt2.example.net:8883", permanent: true))))
        #expect(actions.contains(.event(.disconnected(.serverDisconnected(.serverMoved, reasonString: "maintenance")))))
        #expect(session.state == .disconnected)
    }

    @Test("a refusal in CONNACK names its reason; bad credentials are not retryable")
    func refused() throws {
        var session = try Session(
            configuration: ClientConfiguration(clientIdentifier: "d", version: .v3_1_1), store: InMemorySessionStore())
        session.connect(now: .milliseconds(0))
        _ = session.takeActions()
        session.receive([0x20, 0x02, 0x00, 0x04], now: .milliseconds(1))
        let actions = session.takeActions()
        #expect(actions == [.close, .event(.disconnected(.refused(ReasonCode(rawValue: 4))))])
        #expect(DisconnectReason.refused(ReasonCode(rawValue: 4)).isRetryable == false)
        #expect("\(DisconnectReason.refused(ReasonCode(rawValue: 4)))".contains("bad user name or password"))
    }

    @Test("packets over the server's maximum packet size are refused, not sent")
    func maximumPacketSize() throws {
        var broker = FakeBroker(version: .v5)
        broker.maximumPacketSize = 64
        var (session, events) = try connected(broker: &broker)
        let big = try session.publish(
            topic: "t", payload: [UInt8](repeating: 7, count: 200), qos: .atLeastOnce, now: .milliseconds(1))
        let small = try session.publish(topic: "t", payload: Array("ok".utf8), qos: .atLeastOnce, now: .milliseconds(1))
        _ = session.exchange(with: &broker, now: .milliseconds(1), events: &events)
        #expect(events.contains(.rejected(big, .packetTooLarge)))
        #expect(events.contains(.delivered(small)))
        #expect(broker.received == ["ok"])
        #expect(session.storedMessageCount == 0)
    }

    @Test("a malformed packet from the server ends the connection with DISCONNECT 0x81")
    func malformedServerPacket() throws {
        var broker = FakeBroker(version: .v5)
        var (session, _) = try connected(broker: &broker)
        // PUBLISH whose topic length runs past the packet.
        session.receive([0x30, 0x03, 0x00, 0x09, 0x61], now: .milliseconds(1))
        let actions = session.takeActions()
        #expect(actions.first == .send([0xE0, 0x01, 0x81]))
        #expect(actions.contains(.close))
        #expect(session.state == .disconnected)
    }

    @Test("enhanced authentication: a server challenge reaches the application, which answers")
    func enhancedAuthentication() throws {
        var configuration = ClientConfiguration(clientIdentifier: "d")
        configuration.authenticationMethod = Array("SCRAM-SHA-256".utf8)
        configuration.authenticationData = Array("client-first".utf8)
        var session = try Session(configuration: configuration, store: InMemorySessionStore())
        session.connect(now: .milliseconds(0))
        _ = session.takeActions()
        let challenge = Auth(
            reasonCode: .continueAuthentication,
            properties: Properties([.authenticationMethod("SCRAM-SHA-256"), .authenticationData("server-first")]))
        session.receive(try Packet.auth(challenge).encoded(version: .v5), now: .milliseconds(1))
        #expect(
            session.takeActions() == [
                .event(.authenticationChallenge(method: Array("SCRAM-SHA-256".utf8), data: Array("server-first".utf8)))
            ])
        try session.continueAuthentication(data: Array("client-final".utf8), now: .milliseconds(2))
        let answer = Auth(
            reasonCode: .continueAuthentication,
            properties: Properties([.authenticationMethod("SCRAM-SHA-256"), .authenticationData("client-final")]))
        #expect(session.takeActions() == [.send(try Packet.auth(answer).encoded(version: .v5))])
        session.receive(try Packet.connack(Connack()).encoded(version: .v5), now: .milliseconds(3))
        #expect(session.state == .connected)
    }
}
