import FieldKit

/// An MQTT client of the demo (FieldMQTT `ClientSession` over a non-blocking TCP socket) that
/// subscribes to one filter once connected: the base of the ingest server and of the dashboard
/// subscribers. Subclasses receive the session's messages in ``received(_:now:)``.
class DemoClient {
    let filter: String
    let qos: QoS
    var session: ClientSession<InMemorySessionStore>
    var socket: DemoSocket?
    var subscribed = false
    /// Problems worth reporting (a refused subscription).
    var problems: [String] = []

    init(filter: String, qos: QoS, session: ClientSession<InMemorySessionStore>) {
        self.filter = filter
        self.qos = qos
        self.session = session
    }

    /// Opens the TCP connection and starts the MQTT session.
    func connect(host: String, port: UInt16, now: Int64) throws {
        socket = try DemoSocket.connect(host: host, port: port)
        subscribed = false
        session.connect(now: .milliseconds(now))
        perform(session.takeActions(), now: now)
    }

    var isReady: Bool { socket != nil && session.state == .connected && subscribed }

    /// Reads from the socket and handles what arrived; returns whether anything happened.
    func step(now: Int64) -> Bool {
        guard let socket else { return false }
        var progress = socket.flush()
        guard let bytes = socket.receive() else {
            self.socket = nil
            session.connectionLost(now: .milliseconds(now))
            _ = session.takeActions()
            return true
        }
        if !bytes.isEmpty {
            progress = true
            session.receive(bytes, now: .milliseconds(now))
            perform(session.takeActions(), now: now)
        }
        return progress
    }

    /// Carries out the session's actions in order (so an acknowledgement queued after a message
    /// leaves only once ``received(_:now:)`` has returned).
    func perform(_ actions: [ClientAction], now: Int64) {
        for action in actions {
            switch action {
            case .send(let bytes): socket?.send(bytes)
            case .close:
                socket?.close()
                socket = nil
            case .event(.connected):
                do {
                    let options = SubscriptionOptions(rawValue: qos.rawValue)
                    _ = try session.subscribe(
                        [Subscription(filter: MQTTBytes(filter), options: options)], now: .milliseconds(now))
                } catch {
                    problems.append("subscribe failed: \(error)")
                }
            case .event(.subscribed):
                subscribed = true
            case .event(.message(let message)):
                received(message, now: now)
            default:
                break
            }
        }
        let more = session.takeActions()
        if !more.isEmpty { perform(more, now: now) }
    }

    /// Handles one inbound message; subclasses override.
    func received(_ message: InboundMessage, now: Int64) {}
}
