extension BodyReader {
    /// Reads a property length and the property block after it, validating every property for
    /// `context`: known identifier, allowed here, not repeated (except User Property, and
    /// Subscription Identifier in PUBLISH), value in range, strings well-formed.
    internal mutating func properties(_ context: PropertyContext, sender: Sender?) throws(FieldMQTTError) -> Properties
    {
        let lengthOffset = offset
        let length = Int(try smallVariableByteInteger())
        guard length <= remaining else {
            throw FieldMQTTError(.truncated, rule: "§2.2.2.1", at: lengthOffset, needed: length - remaining)
        }
        if length == 0 { return Properties() }
        let start = offset
        let raw = try bytes(length)
        var block = BodyReader(raw, baseOffset: start, strict: strict)
        let allowed = context.allowedMask
        // User Property may repeat anywhere, Subscription Identifier in PUBLISH.
        let repeatable: UInt64 = 1 << 0x26 | (context == .publish ? 1 << 0x0B : 0)
        var seen: UInt64 = 0
        while !block.isAtEnd {
            // Offsets are only needed for errors: keep positions, add the base when throwing.
            let idPosition = block.position
            let (rawID, bit) = try block.propertyIdentifier(allowed: allowed, repeatable: repeatable, seen: &seen)
            if (PropertyKinds.byte | PropertyKinds.twoByteInteger | PropertyKinds.fourByteInteger) & bit != 0 {
                try block.integerProperty(rawID, bit: bit, idPosition: idPosition, context: context, sender: sender)
            } else {
                try block.variableProperty(rawID, bit: bit)
            }
        }
        return Properties(validated: MQTTBytes(borrowing: raw))
    }

    /// Reads one property identifier and checks it is defined, allowed in this packet and not a
    /// repeat; returns it with its bit in the masks.
    @inline(__always)
    private mutating func propertyIdentifier(
        allowed: UInt64, repeatable: UInt64, seen: inout UInt64
    ) throws(FieldMQTTError) -> (rawID: UInt32, bit: UInt64) {
        let idPosition = position
        // Every defined identifier fits one byte; longer encodings go through the general reader.
        var rawID = UInt32(try byte())
        if rawID >= 0x80 {
            position -= 1
            rawID = try variableByteInteger()
        }
        let bit: UInt64 = rawID < 0x40 ? 1 &<< UInt64(rawID) : 0
        guard PropertyKinds.defined & bit != 0 else {
            throw FieldMQTTError(.unknownProperty, rule: "§2.2.2.2", at: baseOffset + idPosition, value: UInt32(rawID))
        }
        guard allowed & bit != 0 else {
            throw FieldMQTTError(
                .propertyNotAllowed, rule: "§2.2.2.2",
                at: baseOffset + idPosition, property: PropertyKinds.identifier(rawID))
        }
        if seen & bit & ~repeatable != 0 {
            throw FieldMQTTError(
                .duplicateProperty, rule: "§2.2.2.2",
                at: baseOffset + idPosition,
                reasonCode: .protocolError, property: PropertyKinds.identifier(rawID))
        }
        seen |= bit
        return (rawID, bit)
    }

    /// Reads a one-, two- or four-byte integer property and checks its range.
    @inline(__always)
    private mutating func integerProperty(
        _ rawID: UInt32, bit: UInt64, idPosition: Int, context: PropertyContext, sender: Sender?
    ) throws(FieldMQTTError) {
        let valuePosition = position
        if PropertyKinds.byte & bit != 0 {
            if try byte() > 1 {
                throw FieldMQTTError(
                    .invalidPropertyValue, rule: "§3.1.2.11", at: baseOffset + valuePosition,
                    reasonCode: .protocolError, property: PropertyKinds.identifier(rawID))
            }
        } else if PropertyKinds.twoByteInteger & bit != 0 {
            let value = try uint16()
            if value == 0 && (rawID == 0x21 || rawID == 0x23) {
                let alias = rawID == 0x23
                throw FieldMQTTError(
                    .invalidPropertyValue,
                    rule: alias ? "MQTT-3.3.2-8" : "§3.1.2.11.3", at: baseOffset + valuePosition,
                    reasonCode: alias ? .topicAliasInvalid : .protocolError,
                    property: PropertyKinds.identifier(rawID))
            }
        } else {
            let value = try uint32()
            if value == 0 && rawID == 0x27 {
                throw FieldMQTTError(
                    .invalidPropertyValue, rule: "§3.1.2.11.4", at: baseOffset + valuePosition,
                    reasonCode: .protocolError, property: .maximumPacketSize)
            }
            if rawID == 0x11 && context == .disconnect && sender == .server {
                throw FieldMQTTError(
                    .propertyNotAllowed, rule: "MQTT-3.14.2-2", at: baseOffset + idPosition,
                    reasonCode: .protocolError, property: .sessionExpiryInterval)
            }
        }
    }

    /// Reads a string, binary, user or subscription identifier property and checks its value.
    @inline(__always)
    private mutating func variableProperty(_ rawID: UInt32, bit: UInt64) throws(FieldMQTTError) {
        let valuePosition = position
        if rawID == 0x08 {
            // Response Topic: a plain name passes the UTF-8 and the topic name checks at once.
            let value = try bytes(Int(try uint16()))
            if !PlainTopicCheck.isPlainName(value, strict: strict) {
                try UTF8Validation.validate(value, strict: strict, offset: baseOffset + valuePosition + 2)
                try TopicRules.validateName(value, offset: baseOffset + valuePosition + 2)
            }
        } else if PropertyKinds.string & bit != 0 {
            _ = try plainOrValidatedString()
        } else if PropertyKinds.binary & bit != 0 {
            _ = try binary()
        } else if rawID == 0x26 {
            _ = try plainOrValidatedString()
            _ = try plainOrValidatedString()
        } else {
            // 0x0B, Subscription Identifier: a variable byte integer, at least 1.
            if try smallVariableByteInteger() == 0 {
                throw FieldMQTTError(
                    .invalidPropertyValue, rule: "§3.3.2.3.8", at: baseOffset + valuePosition,
                    reasonCode: .protocolError, property: .subscriptionIdentifier)
            }
        }
    }
}

/// The value kinds of the property identifiers as bit masks (bit n for identifier n), so the
/// property loop classifies a one-byte identifier with a few AND instructions instead of building
/// a ``PropertyIdentifier`` and switching on it.
internal enum PropertyKinds {
    /// One byte: 0x01 0x17 0x19 0x24 0x25 0x28 0x29 0x2A.
    @inline(__always) internal static var byte: UInt64 {
        1 << 0x01 | 1 << 0x17 | 1 << 0x19 | 1 << 0x24 | 1 << 0x25 | 1 << 0x28
            | 1 << 0x29 | 1 << 0x2A
    }
    /// Two byte integer: 0x13 0x21 0x22 0x23.
    @inline(__always) internal static var twoByteInteger: UInt64 { 1 << 0x13 | 1 << 0x21 | 1 << 0x22 | 1 << 0x23 }
    /// Four byte integer: 0x02 0x11 0x18 0x27.
    @inline(__always) internal static var fourByteInteger: UInt64 { 1 << 0x02 | 1 << 0x11 | 1 << 0x18 | 1 << 0x27 }
    /// Variable byte integer: 0x0B.
    @inline(__always) internal static var variableByteInteger: UInt64 { 1 << 0x0B }
    /// UTF-8 string: 0x03 0x08 0x12 0x15 0x1A 0x1C 0x1F.
    @inline(__always) internal static var string: UInt64 {
        1 << 0x03 | 1 << 0x08 | 1 << 0x12 | 1 << 0x15 | 1 << 0x1A | 1 << 0x1C
            | 1 << 0x1F
    }
    /// Binary data: 0x09 0x16.
    @inline(__always) internal static var binary: UInt64 { 1 << 0x09 | 1 << 0x16 }
    /// UTF-8 string pair: 0x26.
    @inline(__always) internal static var stringPair: UInt64 { 1 << 0x26 }
    /// Every identifier MQTT 5.0 defines.
    @inline(__always) internal static var defined: UInt64 {
        byte | twoByteInteger | fourByteInteger | variableByteInteger | string
            | binary | stringPair
    }

    /// The identifier for a raw value known to be in ``defined``.
    internal static func identifier(_ raw: UInt32) -> PropertyIdentifier {
        PropertyIdentifier(rawValue: UInt8(truncatingIfNeeded: raw)) ?? .userProperty
    }
}
