import FieldCore

/// Writes a packet body, or only counts its bytes (the first of the encoder's two passes).
internal struct EncodeSink {
    internal var writer: ByteWriter
    internal let counting: Bool
    internal var counted = 0

    internal init(counting: Void) {
        writer = ByteWriter(UnsafeMutableRawBufferPointer(start: nil, count: 0))
        self.counting = true
    }

    internal init(writer: ByteWriter) {
        self.writer = writer
        counting = false
    }

    internal var count: Int { counting ? counted : writer.count }

    private func full(_ error: FieldCoreError) -> FieldMQTTError {
        if case .bufferFull(let needed) = error.kind {
            return FieldMQTTError(.bufferFull(needed: needed), rule: "§2.1.4", at: error.offset, reasonCode: .unspecifiedError)
        }
        return FieldMQTTError(.valueTooLarge, rule: "§1.5.5", at: error.offset, reasonCode: .unspecifiedError)
    }

    internal mutating func byte(_ value: UInt8) throws(FieldMQTTError) {
        if counting { counted += 1; return }
        do { try writer.writeUInt8(value) } catch { throw full(error) }
    }

    internal mutating func uint16(_ value: UInt16) throws(FieldMQTTError) {
        if counting { counted += 2; return }
        do { try writer.writeInteger(value) } catch { throw full(error) }
    }

    internal mutating func variableByteInteger(_ value: UInt32) throws(FieldMQTTError) {
        guard let size = VarInt.variableByteIntegerByteCount(value) else {
            throw FieldMQTTError(.valueTooLarge, rule: "§1.5.5", at: count, reasonCode: .unspecifiedError)
        }
        if counting { counted += size; return }
        do { try writer.writeVariableByteInteger(value) } catch { throw full(error) }
    }

    internal mutating func raw(_ bytes: MQTTBytes) throws(FieldMQTTError) {
        if counting { counted += bytes.count; return }
        let result: FieldCoreError? = bytes.withUnsafeBytes { view in
            do throws(FieldCoreError) {
                try writer.writeBytes(view)
                return nil
            } catch {
                return error
            }
        }
        if let result { throw full(result) }
    }

    /// Two-byte length, then the bytes.
    internal mutating func data(_ bytes: MQTTBytes) throws(FieldMQTTError) {
        guard bytes.count <= 0xFFFF else {
            throw FieldMQTTError(.valueTooLarge, rule: "§1.5.6", at: count, reasonCode: .unspecifiedError)
        }
        try uint16(UInt16(bytes.count))
        try raw(bytes)
    }

    /// Property length, then the properties.
    internal mutating func properties(_ properties: Properties) throws(FieldMQTTError) {
        try variableByteInteger(UInt32(truncatingIfNeeded: properties.encodedCount))
        try raw(properties.bytes)
    }
}
