extension BodyReader {
    /// Reads a property length and the property block after it, validating every property for
    /// `context`: known identifier, allowed here, not repeated (except User Property, and
    /// Subscription Identifier in PUBLISH), value in range, strings well-formed.
    internal mutating func properties(_ context: PropertyContext, sender: Sender?) throws(FieldMQTTError) -> Properties
    {
        let lengthOffset = offset
        let length = Int(try variableByteInteger())
        guard length <= remaining else {
            throw FieldMQTTError(.truncated(needed: length - remaining), rule: "§2.2.2.1", at: lengthOffset)
        }
        if length == 0 { return Properties() }
        let start = offset
        let raw = try bytes(length)
        var block = BodyReader(raw, baseOffset: start, strict: strict)
        var seen: UInt64 = 0
        while !block.isAtEnd {
            let idOffset = block.offset
            let rawID = try block.variableByteInteger()
            guard rawID < 0x40, let id = PropertyIdentifier(rawValue: UInt8(rawID)) else {
                throw FieldMQTTError(.unknownProperty(rawID), rule: "§2.2.2.2", at: idOffset)
            }
            guard context.allows(id) else {
                throw FieldMQTTError(.propertyNotAllowed(id), rule: "§2.2.2.2", at: idOffset)
            }
            let bit: UInt64 = 1 << UInt64(id.rawValue)
            let repeatable = id == .userProperty || (id == .subscriptionIdentifier && context == .publish)
            if seen & bit != 0 && !repeatable {
                throw FieldMQTTError(.duplicateProperty(id), rule: "§2.2.2.2", at: idOffset, reasonCode: .protocolError)
            }
            seen |= bit
            let valueOffset = block.offset
            switch id.valueKind {
            case .byte:
                let value = try block.byte()
                if value > 1 {
                    throw FieldMQTTError(
                        .invalidPropertyValue(id), rule: "§3.1.2.11", at: valueOffset,
                        reasonCode: .protocolError)
                }
            case .twoByteInteger:
                let value = try block.uint16()
                if value == 0 && (id == .receiveMaximum || id == .topicAlias) {
                    let rule: StaticString = id == .topicAlias ? "MQTT-3.3.2-8" : "§3.1.2.11.3"
                    throw FieldMQTTError(
                        .invalidPropertyValue(id), rule: rule, at: valueOffset,
                        reasonCode: id == .topicAlias ? .topicAliasInvalid : .protocolError)
                }
            case .fourByteInteger:
                let value = try block.uint32()
                if value == 0 && id == .maximumPacketSize {
                    throw FieldMQTTError(
                        .invalidPropertyValue(id), rule: "§3.1.2.11.4", at: valueOffset,
                        reasonCode: .protocolError)
                }
                if id == .sessionExpiryInterval && context == .disconnect && sender == .server {
                    throw FieldMQTTError(
                        .propertyNotAllowed(id), rule: "MQTT-3.14.2-2", at: idOffset,
                        reasonCode: .protocolError)
                }
            case .variableByteInteger:
                let value = try block.variableByteInteger()
                if value == 0 {
                    throw FieldMQTTError(
                        .invalidPropertyValue(id), rule: "§3.3.2.3.8", at: valueOffset,
                        reasonCode: .protocolError)
                }
            case .string:
                let value = try block.string()
                if id == .responseTopic {
                    try TopicRules.validateName(value, offset: valueOffset + 2)
                }
            case .binary:
                _ = try block.binary()
            case .stringPair:
                _ = try block.string()
                _ = try block.string()
            }
        }
        return Properties(validated: MQTTBytes(borrowing: raw))
    }
}
