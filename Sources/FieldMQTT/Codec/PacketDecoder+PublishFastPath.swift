extension PacketDecoder {
    /// Decodes a whole, valid PUBLISH in one straight pass, or returns `nil` to hand the packet to
    /// the general path.
    ///
    /// It accepts only what the general path accepts: PUBLISH with valid flags, a minimal one- or
    /// two-byte remaining length that matches `bytes` exactly, within the maximum packet size, a
    /// non-empty topic of plain ASCII without wildcards, a non-zero packet identifier where one is
    /// needed, and (5.0) a property block checked by the same code as the general path. Anything
    /// else, valid or not, returns `nil` and the general path decides, with the same error it always
    /// gives. PUBLISH travels both ways, so the direction check always passes.
    ///
    /// - Parameter bytes: One whole packet.
    /// - Returns: The PUBLISH, borrowing `bytes`, or `nil`.
    /// - Throws: ``FieldMQTTError`` only from the 5.0 property block, exactly as the general path.
    @inline(__always)
    internal func decodePublishFastPath(_ bytes: UnsafeRawBufferPointer) throws(FieldMQTTError) -> Publish? {
        let count = bytes.count
        guard count >= 4, let base = bytes.baseAddress else { return nil }
        let first = base.load(as: UInt8.self)
        let qosBits = (first >> 1) & 0x03
        // PUBLISH, QoS 0...2, no DUP on QoS 0.
        guard first & 0xF0 == 0x30, qosBits != 3, first & 0x0E != 0x08 else { return nil }
        var remaining = Int(base.load(fromByteOffset: 1, as: UInt8.self))
        var headerLength = 2
        if remaining & 0x80 != 0 {
            let second = Int(base.load(fromByteOffset: 2, as: UInt8.self))
            guard second != 0, second & 0x80 == 0 else { return nil }
            remaining = remaining & 0x7F | second << 7
            headerLength = 3
        }
        guard headerLength + remaining == count, count <= options.maximumPacketSize else { return nil }
        var position = headerLength
        guard count - position >= 2 else { return nil }
        let topicLength = Int(UInt16(bigEndian: base.loadUnaligned(fromByteOffset: position, as: UInt16.self)))
        position += 2
        guard count - position >= topicLength else { return nil }
        let topic = UnsafeRawBufferPointer(start: base + position, count: topicLength)
        guard PlainTopicCheck.isPlainName(topic, strict: options.strictUTF8) else { return nil }
        position += topicLength
        var identifier: UInt16? = nil
        if qosBits != 0 {
            guard count - position >= 2 else { return nil }
            let value = UInt16(bigEndian: base.loadUnaligned(fromByteOffset: position, as: UInt16.self))
            guard value != 0 else { return nil }
            identifier = value
            position += 2
        }
        var properties = Properties()
        if options.version == .v5 {
            var reader = BodyReader(
                UnsafeRawBufferPointer(start: base + headerLength, count: remaining), baseOffset: headerLength,
                strict: options.strictUTF8)
            reader.position = position - headerLength
            properties = try reader.properties(.publish, sender: options.sender)
            position = headerLength + reader.position
        }
        return Publish(
            topic: MQTTBytes(borrowing: topic),
            payload: MQTTBytes(borrowing: UnsafeRawBufferPointer(start: base + position, count: count - position)),
            qos: QoS(rawValue: qosBits) ?? .atMostOnce, retain: first & 0x01 != 0, duplicate: first & 0x08 != 0,
            packetIdentifier: identifier, properties: properties)
    }
}
