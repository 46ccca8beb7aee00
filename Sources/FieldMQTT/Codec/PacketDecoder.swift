/// Decodes whole MQTT packets from borrowed bytes, validating them against the specification.
///
/// The returned packet borrows the input: its topic, payload, strings, binary data and property
/// blocks are views of `bytes`, so decoding allocates nothing. Every rejection is a
/// ``FieldMQTTError`` naming the rule, the offset and the reason code to send.
///
/// ```swift
/// let decoder = PacketDecoder(options: DecodingOptions(version: .v5, sender: .client))
/// try bytes.withUnsafeBytes { raw throws(FieldMQTTError) in
///     if case .publish(let publish) = try decoder.decode(raw) { print(publish.topic.string) }
/// }
/// ```
public struct PacketDecoder: Sendable {
    /// The options.
    public var options: DecodingOptions

    /// Creates a decoder.
    ///
    /// - Parameter options: Version, direction, strictness and size limit.
    public init(options: DecodingOptions) { self.options = options }

    /// Creates a decoder for a protocol version, accepting packets from either side.
    ///
    /// - Parameter version: The protocol version.
    public init(version: ProtocolVersion) { self.options = DecodingOptions(version: version) }

    /// Decodes exactly one whole packet.
    ///
    /// - Parameter bytes: One packet, no more, no less.
    /// - Returns: The packet, borrowing `bytes`.
    /// - Throws: ``FieldMQTTError``: `truncated` when `bytes` is shorter than the packet,
    ///   `trailingBytes` when longer, or the rule the packet breaks.
    /// - Complexity: O(n).
    public func decode(_ bytes: UnsafeRawBufferPointer) throws(FieldMQTTError) -> Packet {
        if let publish = try decodePublishFastPath(bytes) { return .publish(publish) }
        switch try FixedHeader.parse(bytes, options: options) {
        case .incomplete(let needed):
            throw FieldMQTTError(.truncated, rule: "§2.1.4", at: bytes.count, needed: needed)
        case .complete(let header):
            if bytes.count < header.packetLength {
                throw FieldMQTTError(
                    .truncated, rule: "§2.1.4",
                    at: bytes.count, needed: header.packetLength - bytes.count)
            }
            if bytes.count > header.packetLength {
                throw FieldMQTTError(
                    .trailingBytes, rule: "§2.1.4",
                    at: header.packetLength, count: bytes.count - header.packetLength)
            }
            return try decodeBody(header, UnsafeRawBufferPointer(rebasing: bytes[header.headerLength...]))
        }
    }

    /// Decodes the packet at the start of `bytes`, if it is complete, and reports its length.
    ///
    /// - Parameter bytes: Input starting at a packet boundary, possibly holding more packets.
    /// - Returns: The packet and its length, or `nil` when `bytes` does not yet hold all of it.
    /// - Throws: ``FieldMQTTError`` when the packet is invalid.
    /// - Complexity: O(n) in the packet's length.
    public func decodePrefix(_ bytes: UnsafeRawBufferPointer) throws(FieldMQTTError) -> (packet: Packet, length: Int)? {
        guard case .complete(let header) = try FixedHeader.parse(bytes, options: options),
            bytes.count >= header.packetLength
        else { return nil }
        let body = UnsafeRawBufferPointer(rebasing: bytes[header.headerLength..<header.packetLength])
        return (try decodeBody(header, body), header.packetLength)
    }

    /// Decodes a packet body whose fixed header was already parsed and validated.
    ///
    /// - Parameters:
    ///   - header: The fixed header.
    ///   - body: Exactly `header.remainingLength` bytes.
    /// - Returns: The packet, borrowing `body`.
    /// - Throws: ``FieldMQTTError``; offsets count from the start of the packet.
    public func decodeBody(_ header: FixedHeader, _ body: UnsafeRawBufferPointer) throws(FieldMQTTError) -> Packet {
        var reader = BodyReader(body, baseOffset: header.headerLength, strict: options.strictUTF8)
        switch header.type {
        case .publish: return .publish(try decodePublish(header.flags, &reader))
        case .puback: return .puback(try decodeAcknowledgement(.puback, &reader))
        case .pubrec: return .pubrec(try decodeAcknowledgement(.pubrec, &reader))
        case .pubrel: return .pubrel(try decodeAcknowledgement(.pubrel, &reader))
        case .pubcomp: return .pubcomp(try decodeAcknowledgement(.pubcomp, &reader))
        case .connect: return .connect(try decodeConnect(&reader))
        case .connack: return .connack(try decodeConnack(&reader))
        case .subscribe: return .subscribe(try decodeSubscribe(&reader))
        case .suback: return .suback(try decodeSuback(&reader))
        case .unsubscribe: return .unsubscribe(try decodeUnsubscribe(&reader))
        case .unsuback: return .unsuback(try decodeUnsuback(&reader))
        case .pingreq:
            try reader.expectEnd()
            return .pingreq
        case .pingresp:
            try reader.expectEnd()
            return .pingresp
        case .disconnect: return .disconnect(try decodeDisconnect(&reader))
        case .auth: return .auth(try decodeAuth(&reader))
        }
    }

    internal func packetIdentifier(_ reader: inout BodyReader) throws(FieldMQTTError) -> UInt16 {
        let at = reader.offset
        let id = try reader.uint16()
        if id == 0 { throw FieldMQTTError(.packetIdentifierZero, rule: "MQTT-2.2.1-3", at: at) }
        return id
    }

    internal func decodePublish(_ flags: UInt8, _ reader: inout BodyReader) throws(FieldMQTTError) -> Publish {
        let qos = QoS(rawValue: (flags >> 1) & 0x03) ?? .atMostOnce
        let topicOffset = reader.offset + 2
        let topic = try reader.bytes(Int(try reader.uint16()))
        let v5 = options.version == .v5
        // A plain ASCII name without wildcards passes both checks; anything else gets them in full.
        if !PlainTopicCheck.isPlainName(topic, strict: reader.strict) {
            try UTF8Validation.validate(topic, strict: reader.strict, offset: topicOffset)
            try TopicRules.validateName(topic, allowEmpty: v5, offset: topicOffset)
        }
        var id: UInt16? = nil
        if qos != .atMostOnce { id = try packetIdentifier(&reader) }
        var properties = Properties()
        if v5 {
            properties = try reader.properties(.publish, sender: options.sender)
            if topic.isEmpty && properties.topicAlias == nil {
                throw FieldMQTTError(.emptyTopicName, rule: "MQTT-3.3.2-1", at: topicOffset, reasonCode: .protocolError)
            }
        }
        return Publish(
            topic: MQTTBytes(borrowing: topic), payload: MQTTBytes(borrowing: reader.rest()), qos: qos,
            retain: flags & 0x01 != 0, duplicate: flags & 0x08 != 0, packetIdentifier: id, properties: properties)
    }

    internal func decodeAcknowledgement(
        _ type: PacketType, _ reader: inout BodyReader
    ) throws(FieldMQTTError)
        -> PublishAcknowledgement
    {
        let id = try packetIdentifier(&reader)
        var ack = PublishAcknowledgement(packetIdentifier: id)
        if options.version == .v5 && !reader.isAtEnd {
            let codeOffset = reader.offset
            ack.reasonCode = ReasonCode(rawValue: try reader.byte())
            if !ack.reasonCode.isValid(in: type, sentBy: options.sender) {
                throw FieldMQTTError(
                    .invalidReasonCode, rule: "§2.4", at: codeOffset,
                    reasonCode: .protocolError, value: UInt32(ack.reasonCode.rawValue))
            }
            if !reader.isAtEnd { ack.properties = try reader.properties(.acknowledgement, sender: options.sender) }
        }
        try reader.expectEnd()
        return ack
    }
}
