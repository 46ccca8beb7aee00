import FieldKitTestSupport
import FieldMQTT
import Foundation
import Testing

/// FieldMQTT's client against a real mosquitto: both directions, QoS 1 and 2, 3.1.1 and 5.0, retained
/// messages, a will on abrupt disconnect, a 5 MB payload, and a broker restart mid-stream.
@Suite("FieldMQTT client against a real mosquitto", .serialized, .requiresProgram("mosquitto"))
struct BrokerIntegrationTests {
    func client(
        _ broker: Mosquitto, id: String, version: ProtocolVersion,
        configure: (inout ClientConfiguration) -> Void = { _ in }
    )
        throws -> MQTTClient<InMemorySessionStore>
    {
        var configuration = ClientConfiguration(clientIdentifier: id, version: version)
        configure(&configuration)
        return try MQTTClient(
            configuration: configuration, store: InMemorySessionStore(), host: "127.0.0.1", port: broker.port,
            reconnectPolicy: ReconnectPolicy(base: .milliseconds(50), cap: .milliseconds(500)))
    }

    func waitDelivered(
        _ client: MQTTClient<InMemorySessionStore>, _ ids: Set<MessageID>, timeout: Duration = .seconds(20)
    ) throws {
        var outstanding = ids
        if outstanding.isEmpty { return }
        try client.run(timeout: timeout) { event in
            if case .delivered(let id) = event { outstanding.remove(id) }
            return outstanding.isEmpty
        }
    }

    @Test(
        "our publisher to mosquitto_sub",
        arguments: [
            (ProtocolVersion.v3_1_1, QoS.atLeastOnce), (.v3_1_1, .exactlyOnce), (.v5, .atLeastOnce),
            (.v5, .exactlyOnce),
        ])
    func publishToMosquittoSub(version: ProtocolVersion, qos: QoS) throws {
        let broker = try #require(try Mosquitto())
        let (sub, output) = try Mosquitto.start(
            "mosquitto_sub",
            ["-p", "\(broker.port)", "-t", "it/#", "-q", "\(qos.rawValue)", "-C", "20", "-F", "%t %p", "-W", "20"])
        usleep(300_000)
        let client = try client(broker, id: "pub-\(version)-\(qos)", version: version)
        try client.connect()
        var ids = Set<MessageID>()
        for i in 0..<20 { ids.insert(try client.publish(topic: "it/\(i % 3)", payload: Array("m\(i)".utf8), qos: qos)) }
        try waitDelivered(client, ids)
        client.disconnect()
        Mosquitto.waitForExit(sub)
        let lines = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .split(separator: "\n").map(String.init)
        #expect(lines.sorted() == (0..<20).map { "it/\($0 % 3) m\($0)" }.sorted())
    }

    @Test("mosquitto_pub to our subscriber, QoS 2 exactly once", arguments: [ProtocolVersion.v3_1_1, .v5])
    func mosquittoPubToSubscriber(version: ProtocolVersion) throws {
        let broker = try #require(try Mosquitto())
        let client = try client(broker, id: "sub-\(version)", version: version)
        try client.connect()
        try client.subscribe("in/+", qos: .exactlyOnce)
        try Mosquitto.run(
            "mosquitto_pub", ["-p", "\(broker.port)", "-t", "in/x", "-q", "2", "-l"],
            input: (0..<25).map { "line \($0)" }.joined(separator: "\n") + "\n")
        var received: [String] = []
        try client.run(timeout: .seconds(20)) { event in
            if case .message(let message) = event { received.append(String(decoding: message.payload, as: UTF8.self)) }
            return received.count == 25
        }
        client.disconnect()
        #expect(received == (0..<25).map { "line \($0)" })
    }

    @Test("retained messages reach a later subscriber")
    func retained() throws {
        let broker = try #require(try Mosquitto())
        let publisher = try client(broker, id: "retainer", version: .v5)
        try publisher.connect()
        let id = try publisher.publish(
            topic: "status/device-7", payload: Array("online".utf8), qos: .atLeastOnce, retain: true)
        try waitDelivered(publisher, [id])
        publisher.disconnect()
        let output = try Mosquitto.run(
            "mosquitto_sub", ["-p", "\(broker.port)", "-t", "status/#", "-C", "1", "-F", "%r %t %p", "-W", "5"])
        #expect(output == "1 status/device-7 online\n")
    }

    @Test("the will is published when the client vanishes without DISCONNECT")
    func will() throws {
        let broker = try #require(try Mosquitto())
        let (sub, output) = try Mosquitto.start(
            "mosquitto_sub", ["-p", "\(broker.port)", "-t", "wills/#", "-C", "1", "-W", "15", "-F", "%t %p"])
        usleep(300_000)
        let client = try client(broker, id: "mortal", version: .v5) {
            $0.will = Will(topic: "wills/mortal", payload: "gone", qos: .atLeastOnce)
            $0.keepAlive = .seconds(1)
        }
        try client.connect()
        // Abrupt end: the socket is dropped with no DISCONNECT. Closing the descriptor of the
        // transport is what a crash or a dead link does.
        client.abortConnection()
        Mosquitto.waitForExit(sub)
        #expect(
            String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) == "wills/mortal gone\n")
    }

    @Test("a 5 MB payload round-trips through the broker")
    func largePayload() throws {
        let broker = try #require(try Mosquitto())
        var configure: (inout ClientConfiguration) -> Void = { $0.maximumPacketSize = 8 << 20 }
        let subscriber = try client(broker, id: "big-sub", version: .v5, configure: configure)
        try subscriber.connect()
        try subscriber.subscribe("big", qos: .atLeastOnce)
        configure = { _ in }
        let publisher = try client(broker, id: "big-pub", version: .v5, configure: configure)
        try publisher.connect()
        let payload = (0..<(5 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 13) }
        let id = try publisher.publish(topic: "big", payload: payload, qos: .atLeastOnce)
        try waitDelivered(publisher, [id], timeout: .seconds(60))
        var got: [UInt8]?
        try subscriber.run(timeout: .seconds(60)) { event in
            if case .message(let message) = event { got = message.payload }
            return got != nil
        }
        #expect(got == payload)
        publisher.disconnect()
        subscriber.disconnect()
    }

    @Test("a broker restart in the middle of a QoS 1 stream loses nothing")
    func brokerRestart() throws {
        let broker = try #require(try Mosquitto(persistent: true))
        // A persistent subscriber session on the broker, so messages published while it is away are queued.
        let subscriber = try client(broker, id: "durable-sub", version: .v5) {
            $0.cleanStart = false
            $0.sessionExpiryInterval = 3_600
        }
        try subscriber.connect()
        try subscriber.subscribe("stream", qos: .exactlyOnce)
        let publisher = try client(broker, id: "durable-pub", version: .v5) {
            $0.cleanStart = false
            $0.sessionExpiryInterval = 3_600
        }
        try publisher.connect()
        var ids = Set<MessageID>()
        var received: [String] = []
        for i in 0..<200 {
            ids.insert(try publisher.publish(topic: "stream", payload: Array("n\(i)".utf8), qos: .atLeastOnce))
            if i == 100 {
                broker.stop()
                try broker.start()
            }
        }
        try waitDelivered(publisher, ids, timeout: .seconds(60))
        try subscriber.run(timeout: .seconds(60)) { event in
            if case .message(let message) = event { received.append(String(decoding: message.payload, as: UTF8.self)) }
            return Set(received).count == 200
        }
        #expect(Set(received) == Set((0..<200).map { "n\($0)" }))
        publisher.disconnect()
        subscriber.disconnect()
    }
}
