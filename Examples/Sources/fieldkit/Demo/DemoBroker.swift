import FieldKit

/// A small MQTT 5.0 broker for the demo, written on the FieldMQTT codec: `StreamDecoder` reads
/// packets, `Packet.encode` writes them, `TopicMatcher` routes them.
///
/// It keeps persistent sessions (clean start false): subscriptions, messages queued while the
/// subscriber is away and QoS 1 messages sent but not yet acknowledged, which are resent with DUP
/// on reconnect. It answers QoS 1 with PUBACK and QoS 2 with PUBREC/PUBCOMP, keeps retained
/// messages, supports shared subscriptions (`$share/group/filter`, round robin among the
/// group's connected members), and delivers to subscribers at most at QoS 1. It is stepped from the caller's thread.
final class DemoBroker {
    struct Session {
        var filters: [String] = []
        var queue: [Publish] = []
        var inFlight: [UInt16: Publish] = [:]
        var inFlightOrder: [UInt16] = []
        var nextPacketIdentifier: UInt16 = 1
        var connection: Int?
        var qos2Received: Set<UInt16> = []
    }

    final class Connection {
        let socket: DemoSocket
        var decoder: StreamDecoder
        var clientIdentifier: String?
        init(socket: DemoSocket) {
            self.socket = socket
            var options = DecodingOptions(version: .v5)
            options.sender = .client
            decoder = StreamDecoder(options: options)
        }
    }

    let listener: DemoListener
    var port: UInt16 { listener.port }
    private var connections: [Int: Connection] = [:]
    private var nextConnection = 0
    private var sessions: [String: Session] = [:]
    /// A subscriber: a client, and the share group for `$share/group/filter` subscriptions.
    struct Target: Equatable {
        var client: String
        var group: String?
    }
    private var matcher = TopicMatcher<Target>()
    /// Round-robin position per share group.
    private var shareCursor: [String: Int] = [:]
    private var retained: [String: Publish] = [:]
    /// Counters for the report.
    private(set) var publishesReceived = 0
    private(set) var publishesDelivered = 0
    private(set) var protocolErrors: [String] = []

    init() throws { listener = try DemoListener() }

    /// File descriptors to poll.
    var descriptors: [Int32] { [listener.fd] + connections.values.map { $0.socket.fd } }

    /// Accepts, reads, handles and writes whatever is ready; returns whether anything happened.
    func step() -> Bool {
        var progress = false
        while let socket = listener.accept() {
            connections[nextConnection] = Connection(socket: socket)
            nextConnection += 1
            progress = true
        }
        for id in connections.keys.sorted() {
            guard let connection = connections[id] else { continue }
            if connection.socket.flush() { progress = true }
            guard let bytes = connection.socket.receive() else {
                drop(id)
                progress = true
                continue
            }
            if bytes.isEmpty { continue }
            progress = true
            handle(bytes, on: id)
        }
        return progress
    }

    private func drop(_ id: Int) {
        guard let connection = connections.removeValue(forKey: id) else { return }
        connection.socket.close()
        if let client = connection.clientIdentifier, sessions[client]?.connection == id {
            sessions[client]?.connection = nil
        }
    }

    private func send(_ packet: Packet, to id: Int) {
        guard let connection = connections[id] else { return }
        do {
            connection.socket.send(try packet.encoded(version: .v5))
        } catch {
            protocolErrors.append("cannot encode \(packet.type): \(error)")
        }
    }

    private func handle(_ bytes: [UInt8], on id: Int) {
        guard let connection = connections[id] else { return }
        var packets: [Packet] = []
        var failure: FieldMQTTError?
        bytes.withUnsafeBytes { raw in
            var input = raw
            while true {
                do throws(FieldMQTTError) {
                    let event = try connection.decoder.next(from: &input)
                    guard case .packet(let packet) = event else { return }
                    packets.append(packet.owned())
                } catch {
                    failure = error
                    return
                }
            }
        }
        for packet in packets { handle(packet, on: id) }
        if let failure {
            protocolErrors.append("malformed packet from connection \(id): \(failure)")
            drop(id)
        }
    }

    private func handle(_ packet: Packet, on id: Int) {
        guard let connection = connections[id] else { return }
        switch packet {
        case .connect(let connect):
            let client = connect.clientIdentifier.string
            connection.clientIdentifier = client
            if let old = sessions[client]?.connection, old != id { drop(old) }
            let present = !connect.cleanStart && sessions[client] != nil
            if !present {
                if let old = sessions[client] { for filter in old.filters { removeSubscription(client, filter) } }
                sessions[client] = Session()
            }
            sessions[client]?.connection = id
            send(.connack(Connack(sessionPresent: present)), to: id)
            resend(client)
        case .publish(let publish):
            publishesReceived += 1
            switch publish.qos {
            case .atMostOnce:
                route(publish)
            case .atLeastOnce:
                route(publish)
                send(.puback(PublishAcknowledgement(packetIdentifier: publish.packetIdentifier ?? 0)), to: id)
            case .exactlyOnce:
                let pid = publish.packetIdentifier ?? 0
                if let client = connection.clientIdentifier, sessions[client]?.qos2Received.insert(pid).inserted == true
                {
                    route(publish)
                }
                send(.pubrec(PublishAcknowledgement(packetIdentifier: pid)), to: id)
            }
        case .pubrel(let ack):
            if let client = connection.clientIdentifier { sessions[client]?.qos2Received.remove(ack.packetIdentifier) }
            send(.pubcomp(PublishAcknowledgement(packetIdentifier: ack.packetIdentifier)), to: id)
        case .puback(let ack):
            if let client = connection.clientIdentifier {
                sessions[client]?.inFlight[ack.packetIdentifier] = nil
                deliverQueued(client)
            }
        case .subscribe(let subscribe):
            guard let client = connection.clientIdentifier else { return }
            handleSubscribe(subscribe, from: client, on: id)
        case .unsubscribe(let unsubscribe):
            guard let client = connection.clientIdentifier else { return }
            var codes: [ReasonCode] = []
            for filter in unsubscribe.filters {
                removeSubscription(client, filter.string)
                codes.append(.success)
            }
            send(
                .unsuback(Unsuback(packetIdentifier: unsubscribe.packetIdentifier, reasonCodes: ReasonCodeList(codes))),
                to: id)
        case .pingreq:
            send(.pingresp, to: id)
        case .disconnect:
            drop(id)
        case .pubrec, .pubcomp:
            break
        default:
            protocolErrors.append("unexpected \(packet.type) from connection \(id)")
            drop(id)
        }
    }

    private func handleSubscribe(_ subscribe: Subscribe, from client: String, on id: Int) {
        var codes: [ReasonCode] = []
        var newFilters: [String] = []
        for subscription in subscribe.subscriptions {
            let filter = subscription.filter.string
            do throws(FieldMQTTError) {
                let parsed = try TopicFilter(filter)
                if !(sessions[client]?.filters.contains(filter) ?? true) {
                    _ = matcher.insert(parsed, value: Target(client: client, group: parsed.shareName?.string))
                    sessions[client]?.filters.append(filter)
                }
                newFilters.append(filter)
                codes.append(ReasonCode(rawValue: min(subscription.options.qos.rawValue, 1)))
            } catch {
                codes.append(.unspecifiedError)
            }
        }
        send(
            .suback(Suback(packetIdentifier: subscribe.packetIdentifier, reasonCodes: ReasonCodeList(codes))),
            to: id)
        for filter in newFilters { sendRetained(matching: filter, to: client) }
    }

    private func removeSubscription(_ client: String, _ filter: String) {
        do throws(FieldMQTTError) {
            let parsed = try TopicFilter(filter)
            _ = matcher.remove(parsed, value: Target(client: client, group: parsed.shareName?.string))
        } catch {}
        sessions[client]?.filters.removeAll { $0 == filter }
    }

    private func route(_ publish: Publish) {
        let topic = publish.topic.string
        if publish.retain {
            if publish.payload.isEmpty { retained[topic] = nil } else { retained[topic] = publish }
        }
        let name: TopicName
        do throws(FieldMQTTError) { name = try TopicName(topic) } catch {
            protocolErrors.append("invalid topic \(topic)")
            return
        }
        var clients = Set<String>()
        var groups: [String: [String]] = [:]
        matcher.forEachMatch(name) { target in
            if let group = target.group {
                groups[group, default: []].append(target.client)
            } else {
                clients.insert(target.client)
            }
        }
        // A shared subscription delivers each message to one member of the group: round robin,
        // preferring connected members.
        for group in groups.keys.sorted() {
            let members = Array(Set(groups[group] ?? [])).sorted()
            guard !members.isEmpty else { continue }
            let connected = members.filter { sessions[$0]?.connection != nil }
            let pool = connected.isEmpty ? members : connected
            let cursor = shareCursor[group, default: 0]
            shareCursor[group] = cursor &+ 1
            clients.insert(pool[cursor % pool.count])
        }
        for client in clients.sorted() {
            var copy = publish
            copy.retain = false
            copy.duplicate = false
            copy.qos = publish.qos == .atMostOnce ? .atMostOnce : .atLeastOnce
            sessions[client]?.queue.append(copy)
            deliverQueued(client)
        }
    }

    private func sendRetained(matching filter: String, to client: String) {
        var single = TopicMatcher<Int>()
        do throws(FieldMQTTError) { _ = single.insert(try TopicFilter(filter), value: 0) } catch { return }
        for topic in retained.keys.sorted() {
            guard let publish = retained[topic] else { continue }
            do throws(FieldMQTTError) {
                if !single.matches(try TopicName(topic)).isEmpty {
                    var copy = publish
                    copy.retain = true
                    copy.qos = publish.qos == .atMostOnce ? .atMostOnce : .atLeastOnce
                    sessions[client]?.queue.append(copy)
                }
            } catch {}
        }
        deliverQueued(client)
    }

    /// Sends queued messages to a connected subscriber, at most 64 QoS 1 unacknowledged at once.
    private func deliverQueued(_ client: String) {
        guard var session = sessions[client], let id = session.connection else { return }
        var index = 0
        while index < session.queue.count, session.inFlight.count < 64 {
            var publish = session.queue[index]
            index += 1
            if publish.qos != .atMostOnce {
                var pid = session.nextPacketIdentifier
                while session.inFlight[pid] != nil || pid == 0 { pid = pid &+ 1 }
                session.nextPacketIdentifier = pid &+ 1
                publish.packetIdentifier = pid
                session.inFlight[pid] = publish
                session.inFlightOrder.append(pid)
            }
            publishesDelivered += 1
            sessions[client] = session
            send(.publish(publish), to: id)
        }
        session.queue.removeFirst(index)
        session.inFlightOrder.removeAll { session.inFlight[$0] == nil }
        sessions[client] = session
    }

    /// Resends unacknowledged QoS 1 messages (with DUP) after a reconnect, then the queue.
    private func resend(_ client: String) {
        guard var session = sessions[client], let id = session.connection else { return }
        session.inFlightOrder.removeAll { session.inFlight[$0] == nil }
        for pid in session.inFlightOrder {
            guard var publish = session.inFlight[pid] else { continue }
            publish.duplicate = true
            send(.publish(publish), to: id)
            publishesDelivered += 1
        }
        sessions[client] = session
        deliverQueued(client)
    }

    /// Whether every subscriber has acknowledged everything and nothing is queued or unsent.
    var isIdle: Bool {
        sessions.values.allSatisfy { $0.connection == nil || ($0.queue.isEmpty && $0.inFlight.isEmpty) }
            && connections.values.allSatisfy { !$0.socket.hasPendingWrite }
    }
}
