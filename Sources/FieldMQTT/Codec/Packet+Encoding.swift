public import FieldCore

extension Packet {
    /// The number of bytes ``encode(into:version:)`` writes for this packet.
    ///
    /// - Parameter version: The connection's protocol version (CONNECT uses its own).
    /// - Returns: The size of the whole packet, fixed header included.
    /// - Throws: ``FieldMQTTError`` when the packet cannot be encoded (a string over 65,535 bytes,
    ///   a body over 268,435,455 bytes, a missing packet identifier).
    /// - Complexity: O(number of fields).
    public func encodedCount(version: ProtocolVersion) throws(FieldMQTTError) -> Int {
        let body = try bodyCount(version: version)
        guard let lengthSize = VarInt.variableByteIntegerByteCount(UInt32(clamping: body)),
            body <= Int(VarInt.maxVariableByteInteger)
        else {
            throw FieldMQTTError(.valueTooLarge, rule: "§2.1.4", at: 1, reasonCode: .packetTooLarge)
        }
        return 1 + lengthSize + body
    }

    /// Encodes the packet into a caller-provided buffer, without allocating.
    ///
    /// Nothing is written when the buffer is too small.
    ///
    /// ```swift
    /// var storage = [UInt8](repeating: 0, count: 256)
    /// let count = try storage.withUnsafeMutableBytes { buffer throws(FieldMQTTError) -> Int in
    ///     var writer = ByteWriter(buffer)
    ///     try Packet.pingreq.encode(into: &writer, version: .v5)
    ///     return writer.count
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - writer: The destination; advanced past the packet.
    ///   - version: The connection's protocol version (CONNECT uses its own).
    /// - Throws: ``FieldMQTTError`` with `bufferFull` when the writer has no room, or when the
    ///   packet cannot be encoded.
    /// - Complexity: O(n) in the packet size.
    public func encode(into writer: inout ByteWriter, version: ProtocolVersion) throws(FieldMQTTError) {
        if case .publish(let publish) = self {
            try publish.encodePacket(into: &writer, version: version)
            return
        }
        let body = try bodyCount(version: version)
        guard body <= Int(VarInt.maxVariableByteInteger),
            let lengthSize = VarInt.variableByteIntegerByteCount(UInt32(body))
        else {
            throw FieldMQTTError(.valueTooLarge, rule: "§2.1.4", at: 1, reasonCode: .packetTooLarge)
        }
        let total = 1 + lengthSize + body
        if writer.available < total {
            throw FieldMQTTError(
                .bufferFull, rule: "§2.1.4", at: writer.count,
                reasonCode: .unspecifiedError, needed: total - writer.available)
        }
        var sink = EncodeSink(writer: writer)
        try sink.byte(firstByte)
        try sink.variableByteInteger(UInt32(body))
        try writeBody(&sink, version: version)
        writer = sink.writer
    }

    /// Encodes the packet at the end of a byte array.
    ///
    /// ```swift
    /// var bytes: [UInt8] = []
    /// try Packet.publish(Publish(topic: "a/b", payload: "hi")).encode(appendingTo: &bytes, version: .v5)
    /// ```
    ///
    /// - Parameters:
    ///   - bytes: The array to append to.
    ///   - version: The connection's protocol version (CONNECT uses its own).
    /// - Throws: ``FieldMQTTError`` when the packet cannot be encoded; `bytes` is then unchanged.
    /// - Complexity: O(n) in the packet size.
    public func encode(appendingTo bytes: inout [UInt8], version: ProtocolVersion) throws(FieldMQTTError) {
        let total = try encodedCount(version: version)
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: total))
        let failure: FieldMQTTError? = bytes.withUnsafeMutableBytes { buffer in
            var writer = ByteWriter(UnsafeMutableRawBufferPointer(rebasing: buffer[start...]))
            do throws(FieldMQTTError) {
                try encode(into: &writer, version: version)
                return nil
            } catch {
                return error
            }
        }
        if let failure {
            bytes.removeLast(total)
            throw failure
        }
    }

    /// The packet's encoding in a new array.
    ///
    /// - Parameter version: The connection's protocol version (CONNECT uses its own).
    /// - Returns: The bytes.
    /// - Throws: ``FieldMQTTError`` when the packet cannot be encoded.
    /// - Complexity: O(n) in the packet size.
    public func encoded(version: ProtocolVersion) throws(FieldMQTTError) -> [UInt8] {
        var bytes: [UInt8] = []
        try encode(appendingTo: &bytes, version: version)
        return bytes
    }

    /// The size of the body, computed from the fields (and checking every length-prefixed field fits
    /// its two-byte length, so that encoding never fails half-way).
    internal func bodyCount(version: ProtocolVersion) throws(FieldMQTTError) -> Int {
        let v5 = version == .v5
        func data(_ bytes: MQTTBytes) throws(FieldMQTTError) -> Int {
            guard bytes.count <= 0xFFFF else {
                throw FieldMQTTError(.valueTooLarge, rule: "§1.5.6", at: 0, reasonCode: .unspecifiedError)
            }
            return 2 + bytes.count
        }
        func properties(_ properties: Properties) -> Int {
            let count = properties.encodedCount
            return (VarInt.variableByteIntegerByteCount(UInt32(truncatingIfNeeded: count)) ?? 5) + count
        }
        switch self {
        case .publish(let publish):
            var count = try data(publish.topic) + publish.payload.count
            if publish.qos != .atMostOnce { count += 2 }
            if v5 { count += properties(publish.properties) }
            return count
        case .puback(let ack), .pubrec(let ack), .pubrel(let ack), .pubcomp(let ack):
            guard v5 && (ack.reasonCode != .success || !ack.properties.isEmpty) else { return 2 }
            return ack.properties.isEmpty ? 3 : 3 + properties(ack.properties)
        case .connect(let connect):
            let version = connect.protocolVersion
            var count = (version == .v3_1 ? 8 : 6) + 1 + 1 + 2 + (try data(connect.clientIdentifier))
            if version == .v5 { count += properties(connect.properties) }
            if let will = connect.will {
                count += try data(will.topic) + (try data(will.payload))
                if version == .v5 { count += properties(will.properties) }
            }
            if let userName = connect.userName { count += try data(userName) }
            if let password = connect.password { count += try data(password) }
            return count
        case .connack(let connack):
            return 2 + (v5 ? properties(connack.properties) : 0)
        case .subscribe(let subscribe):
            return 2 + (v5 ? properties(subscribe.properties) : 0) + subscribe.subscriptions.bytes.count
        case .suback(let suback):
            return 2 + (v5 ? properties(suback.properties) : 0) + suback.reasonCodes.bytes.count
        case .unsubscribe(let unsubscribe):
            return 2 + (v5 ? properties(unsubscribe.properties) : 0) + unsubscribe.filters.bytes.count
        case .unsuback(let unsuback):
            return 2 + (v5 ? properties(unsuback.properties) + unsuback.reasonCodes.bytes.count : 0)
        case .pingreq, .pingresp:
            return 0
        case .disconnect(let disconnect):
            guard v5 && (disconnect.reasonCode != .success || !disconnect.properties.isEmpty) else { return 0 }
            return disconnect.properties.isEmpty ? 1 : 1 + properties(disconnect.properties)
        case .auth(let auth):
            guard auth.reasonCode != .success || !auth.properties.isEmpty else { return 0 }
            return 1 + properties(auth.properties)
        }
    }

    /// The first byte: type and flags.
    internal var firstByte: UInt8 {
        let type = self.type
        if case .publish(let publish) = self {
            return type.rawValue << 4 | (publish.duplicate ? 0x08 : 0) | publish.qos.rawValue << 1
                | (publish.retain ? 0x01 : 0)
        }
        return type.rawValue << 4 | type.fixedFlags
    }

    internal func writeBody(_ sink: inout EncodeSink, version: ProtocolVersion) throws(FieldMQTTError) {
        let v5 = version == .v5
        switch self {
        case .publish(let publish):
            try sink.data(publish.topic)
            if publish.qos != .atMostOnce {
                guard let id = publish.packetIdentifier, id != 0 else {
                    throw FieldMQTTError(
                        .packetIdentifierZero, rule: "MQTT-2.2.1-3", at: sink.count, reasonCode: .unspecifiedError)
                }
                try sink.uint16(id)
            }
            if v5 { try sink.properties(publish.properties) }
            try sink.raw(publish.payload)
        case .puback(let ack), .pubrec(let ack), .pubrel(let ack), .pubcomp(let ack):
            try writeAcknowledgement(ack, &sink, v5: v5)
        case .connect(let connect):
            try Packet.writeConnect(connect, &sink)
        case .connack(let connack):
            try sink.byte(connack.sessionPresent ? 1 : 0)
            try sink.byte(connack.reasonCode.rawValue)
            if v5 { try sink.properties(connack.properties) }
        case .subscribe(let subscribe):
            try nonZero(subscribe.packetIdentifier, &sink)
            if v5 { try sink.properties(subscribe.properties) }
            try sink.raw(subscribe.subscriptions.bytes)
        case .suback(let suback):
            try nonZero(suback.packetIdentifier, &sink)
            if v5 { try sink.properties(suback.properties) }
            try sink.raw(suback.reasonCodes.bytes)
        case .unsubscribe(let unsubscribe):
            try nonZero(unsubscribe.packetIdentifier, &sink)
            if v5 { try sink.properties(unsubscribe.properties) }
            try sink.raw(unsubscribe.filters.bytes)
        case .unsuback(let unsuback):
            try nonZero(unsuback.packetIdentifier, &sink)
            if v5 {
                try sink.properties(unsuback.properties)
                try sink.raw(unsuback.reasonCodes.bytes)
            }
        case .pingreq, .pingresp:
            break
        case .disconnect(let disconnect):
            if v5 && (disconnect.reasonCode != .success || !disconnect.properties.isEmpty) {
                try sink.byte(disconnect.reasonCode.rawValue)
                if !disconnect.properties.isEmpty { try sink.properties(disconnect.properties) }
            }
        case .auth(let auth):
            if auth.reasonCode != .success || !auth.properties.isEmpty {
                try sink.byte(auth.reasonCode.rawValue)
                try sink.properties(auth.properties)
            }
        }
    }

    private func nonZero(_ id: UInt16, _ sink: inout EncodeSink) throws(FieldMQTTError) {
        if id == 0 {
            throw FieldMQTTError(
                .packetIdentifierZero, rule: "MQTT-2.2.1-3", at: sink.count, reasonCode: .unspecifiedError)
        }
        try sink.uint16(id)
    }

    private func writeAcknowledgement(
        _ ack: PublishAcknowledgement, _ sink: inout EncodeSink, v5: Bool
    )
        throws(FieldMQTTError)
    {
        try nonZero(ack.packetIdentifier, &sink)
        if v5 && (ack.reasonCode != .success || !ack.properties.isEmpty) {
            try sink.byte(ack.reasonCode.rawValue)
            if !ack.properties.isEmpty { try sink.properties(ack.properties) }
        }
    }

    private static func writeConnect(_ connect: Connect, _ sink: inout EncodeSink) throws(FieldMQTTError) {
        let version = connect.protocolVersion
        try sink.data(
            version == .v3_1 ? MQTTBytes([0x4D, 0x51, 0x49, 0x73, 0x64, 0x70]) : MQTTBytes([0x4D, 0x51, 0x54, 0x54]))
        try sink.byte(version.rawValue)
        var flags: UInt8 = connect.cleanStart ? 0x02 : 0
        if let will = connect.will {
            flags |= 0x04 | will.qos.rawValue << 3 | (will.retain ? 0x20 : 0)
        }
        if connect.password != nil { flags |= 0x40 }
        if connect.userName != nil { flags |= 0x80 }
        try sink.byte(flags)
        try sink.uint16(connect.keepAlive)
        if version == .v5 { try sink.properties(connect.properties) }
        try sink.data(connect.clientIdentifier)
        if let will = connect.will {
            if version == .v5 { try sink.properties(will.properties) }
            try sink.data(will.topic)
            try sink.data(will.payload)
        }
        if let userName = connect.userName { try sink.data(userName) }
        if let password = connect.password { try sink.data(password) }
    }
}
