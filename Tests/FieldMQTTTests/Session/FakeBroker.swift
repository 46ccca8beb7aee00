import FieldCore
import FieldMQTT

/// A minimal in-memory MQTT server used to drive ClientSession in deterministic tests. It keeps a
/// persistent session (like a broker with persistence), records every application message it
/// receives, and checks the client's protocol obligations as it goes.
struct FakeBroker {
    var version: ProtocolVersion
    var receiveMaximum: UInt16 = 65_535
    var topicAliasMaximum: UInt16 = 0
    var maximumPacketSize: UInt32? = nil
    var keepSession = true
    var connected = false
    var decoder: StreamDecoder
    /// Payloads received, in order, with duplicates (QoS 1 may repeat).
    var received: [String] = []
    /// QoS 2 packet identifiers received but not yet released.
    var qos2Pending: [UInt16: String] = [:]
    /// Packet identifiers of QoS 1/2 PUBLISH currently unacknowledged by us, with their payload.
    var inFlight: [UInt16: String] = [:]
    var aliases: [UInt16: [UInt8]] = [:]
    var violations: [String] = []
    var maxInFlightSeen = 0
    var pings = 0
    var subscriptions: [String] = []
    /// When false, the broker does not answer PUBLISH (to fill the client's window).
    var acknowledge = true

    init(version: ProtocolVersion) {
        self.version = version
        var options = DecodingOptions(version: version)
        options.sender = .client
        decoder = StreamDecoder(options: options)
    }

    mutating func connectionClosed() {
        connected = false
        aliases.removeAll()
        decoder.reset()
        if !keepSession {
            qos2Pending.removeAll()
            inFlight.removeAll()
        }
    }

    /// Feeds the client's bytes; returns the server's replies.
    mutating func receive(_ bytes: [UInt8]) -> [UInt8] {
        var replies: [UInt8] = []
        bytes.withUnsafeBytes { raw in
            var input = raw
            while true {
                let event: StreamDecoder.Event
                do {
                    event = try decoder.next(from: &input)
                } catch {
                    violations.append("client sent an invalid packet: \(error)")
                    return
                }
                guard case .packet(let packet) = event else { return }
                handle(packet, &replies)
            }
        }
        return replies
    }

    mutating func handle(_ packet: Packet, _ replies: inout [UInt8]) {
        func reply(_ p: Packet) { try! p.encode(appendingTo: &replies, version: version) }
        switch packet {
        case .connect(let connect):
            let present = keepSession && !connect.cleanStart
            if !present {
                qos2Pending.removeAll()
                inFlight.removeAll()
            }
            connected = true
            var properties = Properties()
            if version == .v5 {
                if receiveMaximum != 65_535 { properties.append(.receiveMaximum(receiveMaximum)) }
                if topicAliasMaximum > 0 { properties.append(.topicAliasMaximum(topicAliasMaximum)) }
                if let maximumPacketSize { properties.append(.maximumPacketSize(maximumPacketSize)) }
            }
            reply(.connack(Connack(sessionPresent: present, properties: properties)))
        case .publish(let publish):
            handlePublish(publish, &replies)
        case .pubrel(let ack):
            qos2Pending[ack.packetIdentifier] = nil
            inFlight[ack.packetIdentifier] = nil
            reply(.pubcomp(PublishAcknowledgement(packetIdentifier: ack.packetIdentifier)))
        case .subscribe(let subscribe):
            var codes: [ReasonCode] = []
            for subscription in subscribe.subscriptions {
                subscriptions.append(subscription.filter.string)
                codes.append(ReasonCode(rawValue: subscription.options.qos.rawValue))
            }
            reply(.suback(Suback(packetIdentifier: subscribe.packetIdentifier, reasonCodes: ReasonCodeList(codes))))
        case .unsubscribe(let unsubscribe):
            reply(
                .unsuback(
                    Unsuback(
                        packetIdentifier: unsubscribe.packetIdentifier,
                        reasonCodes: ReasonCodeList(unsubscribe.filters.map { _ in ReasonCode.success }))))
        case .pingreq:
            pings += 1
            reply(.pingresp)
        case .disconnect:
            connected = false
        case .puback, .pubcomp, .pubrec:
            break
        default:
            violations.append("unexpected \(packet.type) from client")
        }
    }

    mutating func handlePublish(_ publish: Publish, _ replies: inout [UInt8]) {
        func reply(_ p: Packet) { try! p.encode(appendingTo: &replies, version: version) }
        var topic = publish.topic.array
        if let alias = publish.properties.topicAlias {
            if alias > topicAliasMaximum { violations.append("alias \(alias) above maximum") }
            if topic.isEmpty {
                guard let known = aliases[alias] else {
                    violations.append("alias \(alias) used before set")
                    return
                }
                topic = known
            } else {
                aliases[alias] = topic
            }
        }
        if topic.isEmpty { violations.append("empty topic without alias") }
        let payload = publish.payload.string
        switch publish.qos {
        case .atMostOnce:
            received.append(payload)
        case .atLeastOnce, .exactlyOnce:
            let pid = publish.packetIdentifier!
            if let existing = inFlight[pid], existing != payload {
                violations.append("packet identifier \(pid) reused while \(existing) in flight")
            }
            if inFlight[pid] != nil && !publish.duplicate && publish.qos == .atLeastOnce {
                violations.append("retransmission of \(pid) without DUP")
            }
            inFlight[pid] = payload
            maxInFlightSeen = max(maxInFlightSeen, inFlight.count)
            if inFlight.count > Int(receiveMaximum) {
                violations.append("client exceeded receive maximum: \(inFlight.count)")
            }
            guard acknowledge else { return }
            if publish.qos == .atLeastOnce {
                received.append(payload)
                inFlight[pid] = nil
                reply(.puback(PublishAcknowledgement(packetIdentifier: pid)))
            } else {
                if qos2Pending[pid] == nil {
                    received.append(payload)
                    qos2Pending[pid] = payload
                }
                reply(.pubrec(PublishAcknowledgement(packetIdentifier: pid)))
            }
        }
    }
}

/// Runs a session's actions: bytes to the broker, events collected; returns whether a close came.
extension ClientSession {
    mutating func exchange(with broker: inout FakeBroker, now: Instant, events: inout [ClientEvent]) -> Bool {
        var closed = false
        var rounds = 0
        while rounds < 1000 {
            rounds += 1
            let actions = takeActions()
            if actions.isEmpty { break }
            for action in actions {
                switch action {
                case .send(let bytes):
                    if closed { continue }
                    let replies = broker.receive(bytes)
                    if !replies.isEmpty { receive(replies, now: now) }
                case .event(let event):
                    events.append(event)
                case .close:
                    closed = true
                    broker.connectionClosed()
                }
            }
        }
        return closed
    }
}
