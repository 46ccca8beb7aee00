import FieldCore

/// Writes a packet body into a writer, mapping buffer errors to ``FieldMQTTError``.
internal struct EncodeSink {
    internal var writer: ByteWriter

    internal init(writer: ByteWriter) {
        self.writer = writer
    }

    internal var count: Int { writer.count }

    private func full(_ error: FieldCoreError) -> FieldMQTTError {
        let offset = error.offset
        if error.code == .bufferFull {
            return FieldMQTTError(
                .bufferFull, rule: "§2.1.4", at: offset, reasonCode: .unspecifiedError, needed: error.needed ?? 1)
        }
        return FieldMQTTError(.valueTooLarge, rule: "§1.5.5", at: offset, reasonCode: .unspecifiedError)
    }

    internal mutating func byte(_ value: UInt8) throws(FieldMQTTError) {
        do { try writer.writeUInt8(value) } catch { throw full(error) }
    }

    internal mutating func uint16(_ value: UInt16) throws(FieldMQTTError) {
        do { try writer.writeInteger(value) } catch { throw full(error) }
    }

    internal mutating func variableByteInteger(_ value: UInt32) throws(FieldMQTTError) {
        guard VarInt.variableByteIntegerByteCount(value) != nil else {
            throw FieldMQTTError(.valueTooLarge, rule: "§1.5.5", at: count, reasonCode: .unspecifiedError)
        }
        do { try writer.writeVariableByteInteger(value) } catch { throw full(error) }
    }

    internal mutating func raw(_ bytes: MQTTBytes) throws(FieldMQTTError) {
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
