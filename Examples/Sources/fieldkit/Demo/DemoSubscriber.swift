import FieldKit

/// A plain MQTT subscriber (FieldMQTT `ClientSession` over TCP) that counts what it receives:
/// the dashboard workers of a shared subscription and the late-joining viewer of retained status.
final class DemoSubscriber: DemoClient {
    let name: String
    var received = 0
    var retainedReceived = 0
    var topics = Set<String>()

    init(name: String, filter: String) throws {
        self.name = name
        var configuration = ClientConfiguration(clientIdentifier: name)
        configuration.keepAlive = .zero
        do {
            super.init(
                filter: filter, qos: .atMostOnce,
                session: try ClientSession(configuration: configuration, store: InMemorySessionStore()))
        } catch {
            throw CommandFailure("\(name): \(error)")
        }
    }

    override func received(_ message: InboundMessage, now: Int64) {
        received += 1
        if message.retain { retainedReceived += 1 }
        topics.insert(message.topic)
    }
}
