import FieldCore

extension Publish {
    /// Encodes this PUBLISH as a whole packet: the size in closed form, one capacity check, then
    /// straight writes (no counting pass).
    ///
    /// The same bytes and the same errors, in the same order, as the general path: a topic over
    /// 65,535 bytes, a body over 268,435,455 bytes, a full buffer, a missing packet identifier. The
    /// writer is untouched when it throws.
    ///
    /// - Parameters:
    ///   - writer: The destination; advanced past the packet.
    ///   - version: The connection's protocol version.
    /// - Throws: ``FieldMQTTError``.
    /// - Complexity: O(n) in the packet size.
    @inline(__always)
    internal func encodePacket(into writer: inout ByteWriter, version: ProtocolVersion) throws(FieldMQTTError) {
        let v5 = version == .v5
        let topicCount = topic.count
        guard topicCount <= 0xFFFF else {
            throw FieldMQTTError(.valueTooLarge, rule: "§1.5.6", at: 0, reasonCode: .unspecifiedError)
        }
        var body = 2 + topicCount + payload.count
        if qos != .atMostOnce { body += 2 }
        let propertyCount = v5 ? properties.encodedCount : 0
        if v5 {
            body +=
                (VarInt.variableByteIntegerByteCount(UInt32(truncatingIfNeeded: propertyCount)) ?? 5) + propertyCount
        }
        guard body <= Int(VarInt.maxVariableByteInteger) else {
            throw FieldMQTTError(.valueTooLarge, rule: "§2.1.4", at: 1, reasonCode: .packetTooLarge)
        }
        let lengthSize = body < 0x80 ? 1 : body < 0x4000 ? 2 : body < 0x20_0000 ? 3 : 4
        let total = 1 + lengthSize + body
        if writer.available < total {
            throw FieldMQTTError(
                .bufferFull, rule: "§2.1.4", at: writer.count,
                reasonCode: .unspecifiedError, needed: total - writer.available)
        }
        var identifier: UInt16 = 0
        if qos != .atMostOnce {
            guard let id = packetIdentifier, id != 0 else {
                throw FieldMQTTError(
                    .packetIdentifierZero, rule: "MQTT-2.2.1-3", at: writer.count + 1 + lengthSize + 2 + topicCount,
                    reasonCode: .unspecifiedError)
            }
            identifier = id
        }
        let first = 0x30 | (duplicate ? 0x08 : 0) | qos.rawValue << 1 | (retain ? 0x01 : 0)
        // Room for `total` bytes was checked above: none of these writes can fail.
        do throws(FieldCoreError) {
            let headCount = total - payload.count
            if headCount <= Publish.scratchSize {
                // Everything before the payload is assembled on the stack and written in one call.
                try writeHead(
                    first: first, body: body, identifier: identifier, propertyCount: propertyCount, v5: v5,
                    headCount: headCount, into: &writer)
            } else {
                try writer.writeUInt8(first)
                try Publish.writeVariableByteInteger(body, &writer)
                try writer.writeInteger(UInt16(truncatingIfNeeded: topicCount))
                try topic.write(to: &writer)
                if identifier != 0 { try writer.writeInteger(identifier) }
                if v5 {
                    try Publish.writeVariableByteInteger(propertyCount, &writer)
                    try properties.bytes.write(to: &writer)
                }
            }
            try payload.write(to: &writer)
        } catch {
            let needed = error.code == .bufferFull ? (error.needed ?? 1) : 1
            throw FieldMQTTError(
                .bufferFull, rule: "§2.1.4", at: error.offset, reasonCode: .unspecifiedError, needed: needed)
        }
    }

    /// The largest head (fixed header to the last property) assembled on the stack.
    private static let scratchSize = 96

    /// Assembles the head (fixed header, topic, packet identifier, 5.0 properties) in a stack
    /// buffer, then writes it with one call.
    @inline(__always)
    private func writeHead(
        first: UInt8, body: Int, identifier: UInt16, propertyCount: Int, v5: Bool, headCount: Int,
        into writer: inout ByteWriter
    ) throws(FieldCoreError) {
        var scratch: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        let failure: FieldCoreError? = withUnsafeMutableBytes(of: &scratch) { head in
            var n = 0
            head[n] = first
            n += 1
            n += Publish.storeVariableByteInteger(body, head, at: n)
            head.storeBytes(of: UInt16(truncatingIfNeeded: topic.count).bigEndian, toByteOffset: n, as: UInt16.self)
            n += 2
            n += topic.copy(to: head, at: n)
            if identifier != 0 {
                head.storeBytes(of: identifier.bigEndian, toByteOffset: n, as: UInt16.self)
                n += 2
            }
            if v5 {
                n += Publish.storeVariableByteInteger(propertyCount, head, at: n)
                n += properties.bytes.copy(to: head, at: n)
            }
            do throws(FieldCoreError) {
                try writer.writeBytes(UnsafeRawBufferPointer(rebasing: head[0..<headCount]))
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
    }

    /// Stores a variable byte integer at `offset`; returns its size.
    @inline(__always)
    private static func storeVariableByteInteger(
        _ value: Int, _ buffer: UnsafeMutableRawBufferPointer, at offset: Int
    ) -> Int {
        var rest = value
        var n = offset
        repeat {
            let byte = UInt8(truncatingIfNeeded: rest & 0x7F)
            rest >>= 7
            buffer[n] = rest > 0 ? byte | 0x80 : byte
            n += 1
        } while rest > 0
        return n - offset
    }

    @inline(__always)
    private static func writeVariableByteInteger(_ value: Int, _ writer: inout ByteWriter) throws(FieldCoreError) {
        var rest = value
        repeat {
            let byte = UInt8(truncatingIfNeeded: rest & 0x7F)
            rest >>= 7
            try writer.writeUInt8(rest > 0 ? byte | 0x80 : byte)
        } while rest > 0
    }
}

extension MQTTBytes {
    /// Copies the bytes into `buffer` at `offset` (which must have room); returns the count.
    @inline(__always)
    internal func copy(to buffer: UnsafeMutableRawBufferPointer, at offset: Int) -> Int {
        withUnsafeBytes { view in
            if let source = view.baseAddress, !view.isEmpty {
                precondition(offset >= 0 && buffer.count - offset >= view.count)
                (buffer.baseAddress! + offset).copyMemory(from: source, byteCount: view.count)
            }
            return view.count
        }
    }

    /// Copies the bytes into `writer`.
    @inline(__always)
    internal func write(to writer: inout ByteWriter) throws(FieldCoreError) {
        switch storage {
        case .borrowed(let view):
            try writer.writeBytes(view)
        case .owned(let array):
            let failure: FieldCoreError? = array.withUnsafeBytes { view in
                do throws(FieldCoreError) {
                    try writer.writeBytes(view)
                    return nil
                } catch {
                    return error
                }
            }
            if let failure { throw failure }
        }
    }
}
