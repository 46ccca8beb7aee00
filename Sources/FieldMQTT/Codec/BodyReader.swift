import FieldCore

/// A cursor over a packet body that turns every short read into a typed MQTT error naming the
/// offset in the packet.
internal struct BodyReader {
    internal var reader: ByteReader
    internal let strict: Bool

    internal init(_ bytes: UnsafeRawBufferPointer, baseOffset: Int, strict: Bool) {
        reader = ByteReader(bytes, baseOffset: baseOffset)
        self.strict = strict
    }

    internal var offset: Int { reader.offset }
    internal var remaining: Int { reader.remaining }
    internal var isAtEnd: Bool { reader.isAtEnd }

    internal func truncated(_ needed: Int) -> FieldMQTTError {
        FieldMQTTError(.truncated(needed: needed), rule: "§2.1.4", at: offset)
    }

    internal mutating func byte() throws(FieldMQTTError) -> UInt8 {
        guard remaining >= 1 else { throw truncated(1) }
        do { return try reader.readUInt8() } catch { throw truncated(1) }
    }

    internal mutating func uint16() throws(FieldMQTTError) -> UInt16 {
        guard remaining >= 2 else { throw truncated(2 - remaining) }
        do { return try reader.readUInt16() } catch { throw truncated(2) }
    }

    internal mutating func uint32() throws(FieldMQTTError) -> UInt32 {
        guard remaining >= 4 else { throw truncated(4 - remaining) }
        do { return try reader.readUInt32() } catch { throw truncated(4) }
    }

    internal mutating func bytes(_ count: Int) throws(FieldMQTTError) -> UnsafeRawBufferPointer {
        guard remaining >= count else { throw truncated(count - remaining) }
        do { return try reader.readBytes(count: count) } catch { throw truncated(count) }
    }

    internal var restView: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: reader.bytes[reader.position...])
    }

    internal mutating func rest() -> UnsafeRawBufferPointer {
        (try? reader.readBytes(count: reader.remaining)) ?? UnsafeRawBufferPointer(start: nil, count: 0)
    }

    /// A variable byte integer: at most 4 bytes, minimally encoded.
    internal mutating func variableByteInteger() throws(FieldMQTTError) -> UInt32 {
        let start = offset
        var value: UInt32 = 0
        for index in 0..<4 {
            let b = try byte()
            value |= UInt32(b & 0x7F) << (7 * UInt32(index))
            if b & 0x80 == 0 {
                if b == 0 && index > 0 {
                    throw FieldMQTTError(.variableByteIntegerNotMinimal, rule: "MQTT-1.5.5-1", at: start)
                }
                return value
            }
        }
        throw FieldMQTTError(.remainingLengthTooLong, rule: "§1.5.5", at: start)
    }

    /// Two-byte length followed by that many bytes.
    internal mutating func binary() throws(FieldMQTTError) -> UnsafeRawBufferPointer {
        let length = Int(try uint16())
        return try bytes(length)
    }

    /// A UTF-8 encoded string, validated.
    internal mutating func string() throws(FieldMQTTError) -> UnsafeRawBufferPointer {
        let length = Int(try uint16())
        let start = offset
        let view = try bytes(length)
        try UTF8Validation.validate(view, strict: strict, offset: start)
        return view
    }

    internal func expectEnd() throws(FieldMQTTError) {
        if !isAtEnd { throw FieldMQTTError(.trailingBytes(count: remaining), rule: "§2.1.4", at: offset) }
    }
}
