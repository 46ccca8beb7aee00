extension PacketDecoder {
    internal func decodeConnect(_ reader: inout BodyReader) throws(FieldMQTTError) -> Connect {
        let nameOffset = reader.offset
        let name = try reader.binary()
        let levelOffset = reader.offset
        let level = try reader.byte()
        let isMQTT = name.count == 4 && name[0] == 0x4D && name[1] == 0x51 && name[2] == 0x54 && name[3] == 0x54
        let isMQIsdp =
            name.count == 6 && name[0] == 0x4D && name[1] == 0x51 && name[2] == 0x49 && name[3] == 0x73
            && name[4] == 0x64 && name[5] == 0x70
        guard isMQTT || isMQIsdp else {
            throw FieldMQTTError(
                .invalidProtocolName, rule: "MQTT-3.1.2-1", at: nameOffset,
                reasonCode: .unsupportedProtocolVersion)
        }
        let version: ProtocolVersion
        switch (level, isMQTT) {
        case (3, false): version = .v3_1
        case (4, true): version = .v3_1_1
        case (5, true): version = .v5
        default:
            throw FieldMQTTError(
                .unsupportedProtocolVersion, rule: "MQTT-3.1.2-2", at: levelOffset,
                reasonCode: .unsupportedProtocolVersion, value: UInt32(level))
        }
        let flagsOffset = reader.offset
        let flags = try reader.byte()
        if flags & 0x01 != 0 { throw FieldMQTTError(.reservedConnectFlag, rule: "MQTT-3.1.2-3", at: flagsOffset) }
        let hasWill = flags & 0x04 != 0
        let willQoSBits = (flags >> 3) & 0x03
        let willRetain = flags & 0x20 != 0
        let hasPassword = flags & 0x40 != 0
        let hasUserName = flags & 0x80 != 0
        if willQoSBits == 3 { throw FieldMQTTError(.invalidQoS, rule: "MQTT-3.1.2-12", at: flagsOffset) }
        if !hasWill && (willQoSBits != 0 || willRetain) {
            throw FieldMQTTError(.inconsistentWillFlags, rule: "MQTT-3.1.2-11", at: flagsOffset)
        }
        if version != .v5 && hasPassword && !hasUserName {
            throw FieldMQTTError(.passwordWithoutUserName, rule: "MQTT-3.1.2-22", at: flagsOffset)
        }
        let keepAlive = try reader.uint16()
        var properties = Properties()
        if version == .v5 { properties = try reader.properties(.connect, sender: options.sender) }
        let clientIDOffset = reader.offset
        let clientID = try reader.string()
        if clientID.isEmpty && (version == .v3_1 || (version == .v3_1_1 && flags & 0x02 == 0)) {
            throw FieldMQTTError(
                .invalidClientIdentifier, rule: "MQTT-3.1.3-8", at: clientIDOffset,
                reasonCode: .clientIdentifierNotValid)
        }
        var will: Will? = nil
        if hasWill {
            var willProperties = Properties()
            if version == .v5 { willProperties = try reader.properties(.will, sender: options.sender) }
            let topicOffset = reader.offset + 2
            let topic = try reader.string()
            try TopicRules.validateName(topic, offset: topicOffset)
            let payload = try reader.binary()
            will = Will(
                topic: MQTTBytes(borrowing: topic), payload: MQTTBytes(borrowing: payload),
                qos: QoS(rawValue: willQoSBits) ?? .atMostOnce, retain: willRetain, properties: willProperties)
        }
        var userName: MQTTBytes? = nil
        if hasUserName { userName = MQTTBytes(borrowing: try reader.string()) }
        var password: MQTTBytes? = nil
        if hasPassword { password = MQTTBytes(borrowing: try reader.binary()) }
        if !reader.isAtEnd {
            // Bytes left over: a user name or password present without its flag.
            let rule = !hasUserName ? "MQTT-3.1.2-16" : "MQTT-3.1.2-18"
            throw FieldMQTTError(.trailingBytes, rule: rule, at: reader.offset, count: reader.remaining)
        }
        return Connect(
            protocolVersion: version, clientIdentifier: MQTTBytes(borrowing: clientID), cleanStart: flags & 0x02 != 0,
            keepAlive: keepAlive, will: will, userName: userName, password: password, properties: properties)
    }

    internal func decodeConnack(_ reader: inout BodyReader) throws(FieldMQTTError) -> Connack {
        let flagsOffset = reader.offset
        let flags = try reader.byte()
        if flags & 0xFE != 0 { throw FieldMQTTError(.reservedAcknowledgeFlags, rule: "MQTT-3.2.2-1", at: flagsOffset) }
        let codeOffset = reader.offset
        let code = ReasonCode(rawValue: try reader.byte())
        let valid = options.version == .v5 ? code.isValid(in: .connack, sentBy: options.sender) : code.rawValue <= 5
        if !valid {
            throw FieldMQTTError(
                .invalidReasonCode, rule: "§3.2.2.2", at: codeOffset,
                reasonCode: .protocolError, value: UInt32(code.rawValue))
        }
        if flags & 0x01 != 0 && code != .success {
            throw FieldMQTTError(
                .reservedAcknowledgeFlags, rule: "MQTT-3.2.2-6", at: flagsOffset,
                reasonCode: .protocolError)
        }
        var properties = Properties()
        if options.version == .v5 { properties = try reader.properties(.connack, sender: options.sender) }
        try reader.expectEnd()
        return Connack(sessionPresent: flags & 0x01 != 0, reasonCode: code, properties: properties)
    }

    internal func decodeDisconnect(_ reader: inout BodyReader) throws(FieldMQTTError) -> Disconnect {
        var disconnect = Disconnect()
        if options.version == .v5 && !reader.isAtEnd {
            let codeOffset = reader.offset
            disconnect.reasonCode = ReasonCode(rawValue: try reader.byte())
            if !disconnect.reasonCode.isValid(in: .disconnect, sentBy: options.sender) {
                throw FieldMQTTError(
                    .invalidReasonCode, rule: "§3.14.2.1",
                    at: codeOffset, reasonCode: .protocolError, value: UInt32(disconnect.reasonCode.rawValue))
            }
            if !reader.isAtEnd { disconnect.properties = try reader.properties(.disconnect, sender: options.sender) }
        }
        try reader.expectEnd()
        return disconnect
    }

    internal func decodeAuth(_ reader: inout BodyReader) throws(FieldMQTTError) -> Auth {
        var auth = Auth()
        if !reader.isAtEnd {
            let codeOffset = reader.offset
            auth.reasonCode = ReasonCode(rawValue: try reader.byte())
            if !auth.reasonCode.isValid(in: .auth, sentBy: options.sender) {
                throw FieldMQTTError(
                    .invalidReasonCode, rule: "§3.15.2.1", at: codeOffset,
                    reasonCode: .protocolError, value: UInt32(auth.reasonCode.rawValue))
            }
            auth.properties = try reader.properties(.auth, sender: options.sender)
        }
        try reader.expectEnd()
        return auth
    }
}
