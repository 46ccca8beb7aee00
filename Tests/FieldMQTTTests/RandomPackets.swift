import FieldCore
import FieldMQTT

/// Builds random valid packets from a seeded generator, for property tests.
struct RandomPackets {
    var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func bool() -> Bool { Bool.random(using: &rng) }

    mutating func bytes(_ count: Int) -> MQTTBytes {
        MQTTBytes((0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) })
    }

    /// A UTF-8 string mixing ASCII and multi-byte characters, never `+`, `#`, `/` or U+0000.
    mutating func text(_ maxScalars: Int) -> String {
        let alphabet: [Character] = ["a", "b", "z", "0", "9", "-", "_", ".", "é", "ß", "€", "中", "😀", " ", "$"]
        return String((0..<int(0...maxScalars)).map { _ in alphabet[int(0...(alphabet.count - 1))] })
    }

    mutating func topic() -> MQTTBytes {
        let levels = (0..<int(1...5)).map { _ in text(6) }
        var name = levels.joined(separator: "/")
        if name.isEmpty { name = "t" }
        return MQTTBytes(name)
    }

    mutating func filter() -> MQTTBytes {
        var levels: [String] = (0..<int(1...4)).map { _ in int(0...3) == 0 ? "+" : text(5) }
        if bool() { levels.append("#") }
        let filter = levels.joined(separator: "/")
        return MQTTBytes(filter.isEmpty ? "f" : filter)
    }

    mutating func qos() -> QoS { QoS(rawValue: UInt8(int(0...2)))! }

    mutating func properties(_ context: PropertyContext, _ version: ProtocolVersion) -> Properties {
        guard version == .v5 else { return Properties() }
        var list: [Property] = []
        let candidates: [Property] = [
            .payloadFormatIndicator(UInt8(int(0...1))), .messageExpiryInterval(UInt32(int(0...100_000))),
            .contentType(MQTTBytes(text(8))), .responseTopic(topic()), .correlationData(bytes(int(0...9))),
            .subscriptionIdentifier(UInt32(int(1...268_435_455))), .sessionExpiryInterval(UInt32(int(0...9999))),
            .assignedClientIdentifier(MQTTBytes(text(8))), .serverKeepAlive(UInt16(int(0...600))),
            .authenticationMethod(MQTTBytes(text(8))), .authenticationData(bytes(int(0...9))),
            .requestProblemInformation(UInt8(int(0...1))), .willDelayInterval(UInt32(int(0...60))),
            .requestResponseInformation(UInt8(int(0...1))), .responseInformation(MQTTBytes(text(8))),
            .serverReference(MQTTBytes(text(8))), .reasonString(MQTTBytes(text(8))),
            .receiveMaximum(UInt16(int(1...65535))), .topicAliasMaximum(UInt16(int(0...65535))),
            .topicAlias(UInt16(int(1...65535))), .maximumQoS(UInt8(int(0...1))), .retainAvailable(UInt8(int(0...1))),
            .maximumPacketSize(UInt32(int(1...1_000_000))), .wildcardSubscriptionAvailable(UInt8(int(0...1))),
            .subscriptionIdentifierAvailable(UInt8(int(0...1))), .sharedSubscriptionAvailable(UInt8(int(0...1))),
        ]
        for candidate in candidates where context.allows(candidate.identifier) && int(0...2) == 0 {
            if context == .disconnect && candidate.identifier == .sessionExpiryInterval { continue }
            list.append(candidate)
        }
        for _ in 0..<int(0...2) { list.append(.userProperty(name: MQTTBytes(text(5)), value: MQTTBytes(text(5)))) }
        if context == .publish && bool() { list.append(.subscriptionIdentifier(UInt32(int(1...1000)))) }
        // Shuffle: order must survive the round trip.
        for i in stride(from: list.count - 1, to: 0, by: -1) { list.swapAt(i, int(0...i)) }
        return Properties(list)
    }

    mutating func code(_ codes: [UInt8]) -> ReasonCode { ReasonCode(rawValue: codes[int(0...(codes.count - 1))]) }

    /// A random valid packet for `version`, or `nil` for AUTH before 5.0.
    mutating func packet(_ version: ProtocolVersion) -> Packet {
        let v5 = version == .v5
        switch int(1...15) {
        case 1: return connectPacket(version)
        case 2:
            let code = v5 ? self.code([0x00, 0x80, 0x85, 0x87, 0x9F]) : ReasonCode(rawValue: UInt8(int(0...5)))
            return .connack(
                Connack(
                    sessionPresent: code == .success && bool(), reasonCode: code,
                    properties: properties(.connack, version)))
        case 3: return publishPacket(version)
        case 4, 5:
            let ack = PublishAcknowledgement(
                packetIdentifier: UInt16(int(1...65535)), reasonCode: v5 ? code([0x00, 0x10, 0x80, 0x97]) : .success,
                properties: properties(.acknowledgement, version))
            return int(0...1) == 0 ? .puback(ack) : .pubrec(ack)
        case 6, 7:
            let ack = PublishAcknowledgement(
                packetIdentifier: UInt16(int(1...65535)), reasonCode: v5 ? code([0x00, 0x92]) : .success,
                properties: properties(.acknowledgement, version))
            return int(0...1) == 0 ? .pubrel(ack) : .pubcomp(ack)
        case 8: return subscribePacket(version)
        case 9:
            let codes = (0..<int(1...4)).map { _ in
                v5 ? code([0x00, 0x01, 0x02, 0x80, 0x8F, 0xA2]) : code([0, 1, 2, 0x80])
            }
            return .suback(
                Suback(
                    packetIdentifier: UInt16(int(1...65535)), properties: properties(.suback, version),
                    reasonCodes: ReasonCodeList(codes)))
        case 10:
            return .unsubscribe(
                Unsubscribe(
                    packetIdentifier: UInt16(int(1...65535)), properties: properties(.unsubscribe, version),
                    filters: TopicFilterList((0..<int(1...4)).map { _ in filter() })))
        case 11:
            let codes = v5 ? (0..<int(1...4)).map { _ in code([0x00, 0x11, 0x80, 0x87]) } : []
            return .unsuback(
                Unsuback(
                    packetIdentifier: UInt16(int(1...65535)), properties: properties(.unsuback, version),
                    reasonCodes: ReasonCodeList(codes)))
        case 12: return .pingreq
        case 13: return .pingresp
        case 14:
            return .disconnect(
                Disconnect(
                    reasonCode: v5 ? code([0x00, 0x04, 0x80, 0x81, 0x8B, 0x9C]) : .success,
                    properties: properties(.disconnect, version)))
        default:
            guard v5 else { return .pingreq }
            return .auth(Auth(reasonCode: code([0x00, 0x18, 0x19]), properties: properties(.auth, version)))
        }
    }

    /// A random valid CONNECT.
    mutating func connectPacket(_ version: ProtocolVersion) -> Packet {
        let v5 = version == .v5
        var will: Will? = nil
        if bool() {
            will = Will(
                topic: topic(), payload: bytes(int(0...20)), qos: qos(), retain: bool(),
                properties: properties(.will, version))
        }
        let hasUser = bool()
        return .connect(
            Connect(
                protocolVersion: version, clientIdentifier: MQTTBytes(text(10) + "c"), cleanStart: bool(),
                keepAlive: UInt16(int(0...65535)), will: will, userName: hasUser ? MQTTBytes(text(6)) : nil,
                password: (hasUser || v5) && bool() ? bytes(int(0...12)) : nil,
                properties: properties(.connect, version)))
    }

    /// A random valid PUBLISH.
    mutating func publishPacket(_ version: ProtocolVersion) -> Packet {
        let v5 = version == .v5
        let level = qos()
        var properties = properties(.publish, version)
        let topic = v5 && properties.topicAlias != nil && bool() ? MQTTBytes([]) : topic()
        if !v5 { properties = Properties() }
        return .publish(
            Publish(
                topic: topic, payload: bytes(int(0...300)), qos: level, retain: bool(),
                duplicate: level != .atMostOnce && bool(),
                packetIdentifier: level == .atMostOnce ? nil : UInt16(int(1...65535)),
                properties: properties))
    }

    /// A random valid SUBSCRIBE.
    mutating func subscribePacket(_ version: ProtocolVersion) -> Packet {
        let v5 = version == .v5
        let subscriptions = (0..<int(1...4)).map { _ in
            Subscription(
                filter: filter(),
                options: v5
                    ? SubscriptionOptions(
                        qos: qos(), noLocal: bool(), retainAsPublished: bool(),
                        retainHandling: .init(rawValue: UInt8(int(0...2)))!)
                    : SubscriptionOptions(qos: qos()))
        }
        return .subscribe(
            Subscribe(
                packetIdentifier: UInt16(int(1...65535)), properties: properties(.subscribe, version),
                subscriptions: SubscriptionList(subscriptions)))
    }
}
