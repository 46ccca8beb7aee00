extension PacketDecoder {
    /// Decodes exactly one whole packet from an array, returning a packet that owns its bytes.
    ///
    /// The safe default for code that keeps packets: the result does not point into `bytes`, so it
    /// stays valid whatever happens to the array. It costs one copy of the variable parts (topic,
    /// payload, properties); use ``decode(_:)-(UnsafeRawBufferPointer)`` or
    /// ``withDecoded(_:_:)`` where zero-copy matters.
    ///
    /// ```swift
    /// let packet = try PacketDecoder(version: .v5).decode(bytes)
    /// if case .publish(let publish) = packet { keep(publish) }  // safe: publish owns its bytes
    /// ```
    ///
    /// - Parameter bytes: One packet, no more, no less.
    /// - Returns: The packet, owning its bytes.
    /// - Throws: ``FieldMQTTError`` as ``decode(_:)-(UnsafeRawBufferPointer)`` does.
    /// - Complexity: O(n).
    public func decode(_ bytes: [UInt8]) throws(FieldMQTTError) -> Packet {
        let result: Result<Packet, FieldMQTTError> = bytes.withUnsafeBytes { raw in
            do throws(FieldMQTTError) {
                return .success(try decode(raw).owned())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Decodes exactly one whole packet from a span of bytes, returning a packet that owns its bytes.
    ///
    /// A `RawSpan` cannot outlive the memory it views, and neither can anything decoded from it
    /// here: the result is copied out before the span's access ends.
    ///
    /// - Parameter bytes: One packet, no more, no less.
    /// - Returns: The packet, owning its bytes.
    /// - Throws: ``FieldMQTTError`` as ``decode(_:)-(UnsafeRawBufferPointer)`` does.
    /// - Complexity: O(n).
    public func decode(_ bytes: RawSpan) throws(FieldMQTTError) -> Packet {
        try withDecoded(bytes) { packet in packet.owned() }
    }

    /// Decodes exactly one whole packet from a span of bytes, returning a packet that owns its bytes.
    ///
    /// - Parameter bytes: One packet, no more, no less.
    /// - Returns: The packet, owning its bytes.
    /// - Throws: ``FieldMQTTError`` as ``decode(_:)-(UnsafeRawBufferPointer)`` does.
    /// - Complexity: O(n).
    public func decode(_ bytes: Span<UInt8>) throws(FieldMQTTError) -> Packet {
        try decode(bytes.bytes)
    }

    /// Decodes one whole packet without copying and hands it to `body`, which must not let it (or
    /// any ``MQTTBytes`` inside it) escape: the packet borrows `bytes`, and the span's access ends
    /// when `body` returns. Return what you need (a count, a parsed reading, an owned copy).
    ///
    /// ```swift
    /// let size = try decoder.withDecoded(buffer.span.bytes) { packet in
    ///     if case .publish(let publish) = packet { publish.payload.count } else { 0 }
    /// }
    /// ```
    ///
    /// - Parameters:
    ///   - bytes: One packet, no more, no less.
    ///   - body: Reads the borrowed packet and returns a value that does not borrow it.
    /// - Returns: What `body` returns.
    /// - Throws: ``FieldMQTTError`` when the bytes are not a valid packet.
    /// - Complexity: O(n) plus `body`.
    public func withDecoded<Value>(
        _ bytes: RawSpan, _ body: (Packet) -> Value
    ) throws(FieldMQTTError) -> Value {
        let result: Result<Value, FieldMQTTError> = bytes.withUnsafeBytes { raw in
            do throws(FieldMQTTError) {
                return .success(body(try decode(raw)))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}
