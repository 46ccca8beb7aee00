import FieldKit

/// A plain MQTT subscriber (FieldMQTT `ClientSession` over TCP) that counts what it receives:
/// the dashboard workers of a shared subscription and the late-joining viewer of retained status.
final class DemoSubscriber {
    let name: String
    let filter: String
    var session: ClientSession<InMemorySessionStore>
    var socket: DemoSocket?
    var subscribed = false
    var received = 0
    var retainedReceived = 0
    var topics = Set<String>()

    init(name: String, filter: String) throws {
        self.name = name
        self.filter = filter
        var configuration = ClientConfiguration(clientIdentifier: name)
        configuration.keepAliveSeconds = 0
        do {
            session = try ClientSession(configuration: configuration, store: InMemorySessionStore())
        } catch {
            throw CommandFailure("\(name): \(error)")
        }
    }

    func connect(host: String, port: UInt16, now: Int64) throws {
        socket = try DemoSocket.connect(host: host, port: port)
        session.connect(now: now)
        perform(session.takeActions(), now: now)
    }

    var isReady: Bool { socket != nil && session.state == .connected && subscribed }

    func step(now: Int64) -> Bool {
        guard let socket else { return false }
        var progress = socket.flush()
        guard let bytes = socket.receive() else {
            self.socket = nil
            session.connectionLost(now: now)
            _ = session.takeActions()
            return true
        }
        if !bytes.isEmpty {
            progress = true
            session.receive(bytes, now: now)
            perform(session.takeActions(), now: now)
        }
        return progress
    }

    func perform(_ actions: [ClientAction], now: Int64) {
        for action in actions {
            switch action {
            case .send(let bytes): socket?.send(bytes)
            case .close:
                socket?.close()
                socket = nil
            case .event(.connected):
                _ = try? session.subscribe(
                    [Subscription(filter: MQTTBytes(filter), options: SubscriptionOptions(rawValue: 0))], now: now)
            case .event(.subscribed):
                subscribed = true
            case .event(.message(let message)):
                received += 1
                if message.retain { retainedReceived += 1 }
                topics.insert(message.topic)
            default: break
            }
        }
        let more = session.takeActions()
        if !more.isEmpty { perform(more, now: now) }
    }
}
