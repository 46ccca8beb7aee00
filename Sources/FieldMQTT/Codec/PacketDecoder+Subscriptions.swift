extension PacketDecoder {
    internal func decodeSubscribe(_ reader: inout BodyReader) throws(FieldMQTTError) -> Subscribe {
        let id = try packetIdentifier(&reader)
        let v5 = options.version == .v5
        var properties = Properties()
        if v5 { properties = try reader.properties(.subscribe, sender: options.sender) }
        let listOffset = reader.offset
        let list = reader.restView
        if reader.isAtEnd {
            throw FieldMQTTError(.emptyPayload, rule: "MQTT-3.8.3-3", at: listOffset, reasonCode: .protocolError)
        }
        while !reader.isAtEnd {
            let filterOffset = reader.offset + 2
            let filter = try reader.string()
            let shared = try TopicRules.validateFilter(filter, sharedSubscriptions: v5, offset: filterOffset)
            let optionsOffset = reader.offset
            let options = try reader.byte()
            if options & 0x03 == 0x03 {
                throw FieldMQTTError(.invalidQoS, rule: "MQTT-3.8.3-4", at: optionsOffset)
            }
            let reserved: UInt8 = v5 ? 0xC0 : 0xFC
            if options & reserved != 0 || (v5 && options & 0x30 == 0x30) {
                throw FieldMQTTError(.reservedSubscriptionOptions, rule: "MQTT-3.8.3-5", at: optionsOffset)
            }
            if shared && options & 0x04 != 0 {
                throw FieldMQTTError(
                    .noLocalOnSharedSubscription, rule: "MQTT-3.8.3-4", at: optionsOffset,
                    reasonCode: .protocolError)
            }
        }
        return Subscribe(
            packetIdentifier: id, properties: properties,
            subscriptions: SubscriptionList(validated: MQTTBytes(borrowing: list)))
    }

    internal func decodeSuback(_ reader: inout BodyReader) throws(FieldMQTTError) -> Suback {
        let id = try packetIdentifier(&reader)
        let v5 = options.version == .v5
        var properties = Properties()
        if v5 { properties = try reader.properties(.suback, sender: options.sender) }
        let codesOffset = reader.offset
        let codes = reader.rest()
        if codes.isEmpty {
            throw FieldMQTTError(.emptyPayload, rule: "§3.9.3", at: codesOffset, reasonCode: .protocolError)
        }
        for i in 0..<codes.count {
            let code = ReasonCode(rawValue: codes[i])
            let valid =
                v5 ? code.isValid(in: .suback, sentBy: options.sender) : (code.rawValue <= 2 || code.rawValue == 0x80)
            if !valid {
                throw FieldMQTTError(
                    .invalidReasonCode, rule: "§3.9.3", at: codesOffset + i,
                    reasonCode: .protocolError, value: UInt32(code.rawValue))
            }
        }
        return Suback(
            packetIdentifier: id, properties: properties,
            reasonCodes: ReasonCodeList(validated: MQTTBytes(borrowing: codes)))
    }

    internal func decodeUnsubscribe(_ reader: inout BodyReader) throws(FieldMQTTError) -> Unsubscribe {
        let id = try packetIdentifier(&reader)
        let v5 = options.version == .v5
        var properties = Properties()
        if v5 { properties = try reader.properties(.unsubscribe, sender: options.sender) }
        let listOffset = reader.offset
        let list = reader.restView
        if reader.isAtEnd {
            throw FieldMQTTError(.emptyPayload, rule: "MQTT-3.10.3-2", at: listOffset, reasonCode: .protocolError)
        }
        while !reader.isAtEnd {
            let filterOffset = reader.offset + 2
            let filter = try reader.string()
            try TopicRules.validateFilter(filter, sharedSubscriptions: v5, offset: filterOffset)
        }
        return Unsubscribe(
            packetIdentifier: id, properties: properties,
            filters: TopicFilterList(validated: MQTTBytes(borrowing: list)))
    }

    internal func decodeUnsuback(_ reader: inout BodyReader) throws(FieldMQTTError) -> Unsuback {
        let id = try packetIdentifier(&reader)
        guard options.version == .v5 else {
            try reader.expectEnd()
            return Unsuback(packetIdentifier: id)
        }
        let properties = try reader.properties(.unsuback, sender: options.sender)
        let codesOffset = reader.offset
        let codes = reader.rest()
        if codes.isEmpty {
            throw FieldMQTTError(.emptyPayload, rule: "§3.11.3", at: codesOffset, reasonCode: .protocolError)
        }
        for i in 0..<codes.count where !ReasonCode(rawValue: codes[i]).isValid(in: .unsuback, sentBy: options.sender) {
            throw FieldMQTTError(
                .invalidReasonCode, rule: "§3.11.3", at: codesOffset + i,
                reasonCode: .protocolError, value: UInt32(codes[i]))
        }
        return Unsuback(
            packetIdentifier: id, properties: properties,
            reasonCodes: ReasonCodeList(validated: MQTTBytes(borrowing: codes)))
    }
}
