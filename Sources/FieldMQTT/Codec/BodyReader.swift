/// A cursor over a packet body that turns every short read into a typed MQTT error naming the
/// offset in the packet.
internal struct BodyReader {
    internal let bytes: UnsafeRawBufferPointer
    internal var position = 0
    /// The offset of `bytes` in the packet.
    internal let baseOffset: Int
    internal let strict: Bool

    internal init(_ bytes: UnsafeRawBufferPointer, baseOffset: Int, strict: Bool) {
        self.bytes = bytes
        self.baseOffset = baseOffset
        self.strict = strict
    }

    @inline(__always) internal var offset: Int { baseOffset + position }
    @inline(__always) internal var remaining: Int { bytes.count - position }
    @inline(__always) internal var isAtEnd: Bool { position >= bytes.count }

    internal func truncated(_ needed: Int) -> FieldMQTTError {
        FieldMQTTError(.truncated, rule: "§2.1.4", at: offset, needed: needed)
    }

    @inline(__always)
    internal mutating func byte() throws(FieldMQTTError) -> UInt8 {
        guard position < bytes.count else { throw truncated(1) }
        let value = bytes.load(fromByteOffset: position, as: UInt8.self)
        position += 1
        return value
    }

    @inline(__always)
    internal mutating func uint16() throws(FieldMQTTError) -> UInt16 {
        guard remaining >= 2 else { throw truncated(2 - remaining) }
        let value = UInt16(bigEndian: bytes.loadUnaligned(fromByteOffset: position, as: UInt16.self))
        position += 2
        return value
    }

    @inline(__always)
    internal mutating func uint32() throws(FieldMQTTError) -> UInt32 {
        guard remaining >= 4 else { throw truncated(4 - remaining) }
        let value = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: position, as: UInt32.self))
        position += 4
        return value
    }

    @inline(__always)
    internal mutating func bytes(_ count: Int) throws(FieldMQTTError) -> UnsafeRawBufferPointer {
        guard remaining >= count else { throw truncated(count - remaining) }
        let view = UnsafeRawBufferPointer(start: bytes.baseAddress.map { $0 + position }, count: count)
        position += count
        return view
    }

    /// The unread bytes, without consuming them.
    internal var restView: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: bytes.baseAddress.map { $0 + position }, count: remaining)
    }

    /// Consumes and returns the unread bytes.
    internal mutating func rest() -> UnsafeRawBufferPointer {
        let view = restView
        position = bytes.count
        return view
    }

    /// A variable byte integer: at most 4 bytes, minimally encoded.
    internal mutating func variableByteInteger() throws(FieldMQTTError) -> UInt32 {
        let start = offset
        let first = try byte()
        if first & 0x80 == 0 { return UInt32(first) }
        var value = UInt32(first & 0x7F)
        for index in 1..<4 {
            let b = try byte()
            value |= UInt32(b & 0x7F) << (7 * UInt32(index))
            if b & 0x80 == 0 {
                if b == 0 {
                    throw FieldMQTTError(.variableByteIntegerNotMinimal, rule: "MQTT-1.5.5-1", at: start)
                }
                return value
            }
        }
        throw FieldMQTTError(.remainingLengthTooLong, rule: "§1.5.5", at: start)
    }

    /// A variable byte integer, with the one-byte case inline (the general reader for the rest).
    @inline(__always)
    internal mutating func smallVariableByteInteger() throws(FieldMQTTError) -> UInt32 {
        if position < bytes.count {
            let first = bytes.load(fromByteOffset: position, as: UInt8.self)
            if first < 0x80 {
                position += 1
                return UInt32(first)
            }
        }
        return try variableByteInteger()
    }

    /// Two-byte length followed by that many bytes.
    @inline(__always)
    internal mutating func binary() throws(FieldMQTTError) -> UnsafeRawBufferPointer {
        let length = Int(try uint16())
        return try bytes(length)
    }

    /// A UTF-8 encoded string, validated.
    @inline(__always)
    internal mutating func string() throws(FieldMQTTError) -> UnsafeRawBufferPointer {
        let length = Int(try uint16())
        let start = offset
        let view = try bytes(length)
        try UTF8Validation.validate(view, strict: strict, offset: start)
        return view
    }

    /// A UTF-8 encoded string: plain printable ASCII is accepted by a word-at-a-time screen,
    /// anything else goes through ``UTF8Validation`` (same result, same errors).
    @inline(__always)
    internal mutating func plainOrValidatedString() throws(FieldMQTTError) -> UnsafeRawBufferPointer {
        let length = Int(try uint16())
        let start = offset
        let view = try bytes(length)
        if !PlainTopicCheck.isPlainText(view, strict: strict) {
            try UTF8Validation.validate(view, strict: strict, offset: start)
        }
        return view
    }

    internal func expectEnd() throws(FieldMQTTError) {
        if !isAtEnd { throw FieldMQTTError(.trailingBytes, rule: "§2.1.4", at: offset, count: remaining) }
    }
}
