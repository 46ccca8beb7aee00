public import FieldCore

extension HybridTimestamp {
    /// The largest size of the binary form: 8 bytes of packed time and up to 10 bytes of node id.
    public static let maxBinaryLength = 18

    /// The compact binary form: the ``packed`` value as 8 big-endian bytes, then the node id as an
    /// unsigned LEB128 integer (1 byte for ids below 128).
    ///
    /// Binary forms of timestamps from the same node compare byte-wise in timestamp order.
    ///
    /// ```swift
    /// let bytes = t.binary                       // 9 bytes for a small node id
    /// let back = try HybridTimestamp(binary: bytes)
    /// ```
    public var binary: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + VarInt.lebByteCount(node))
        appendBinary(to: &bytes)
        return bytes
    }

    /// Appends the compact binary form to a byte array.
    ///
    /// ```swift
    /// var frame: [UInt8] = [0x01]
    /// t.appendBinary(to: &frame)
    /// ```
    ///
    /// - Parameter bytes: The array to append to.
    public func appendBinary(to bytes: inout [UInt8]) {
        var value = packed
        for _ in 0..<8 {
            bytes.append(UInt8(truncatingIfNeeded: value >> 56))
            value <<= 8
        }
        VarInt.appendLEB128(node, to: &bytes)
    }

    /// Decodes a timestamp from exactly its compact binary form.
    ///
    /// ```swift
    /// let t = try HybridTimestamp(binary: [0x01, 0x8B, 0xCF, 0xE5, 0x68, 0x00, 0x00, 0x03, 0x07])
    /// ```
    ///
    /// - Parameter binary: The bytes, with nothing after the node id.
    /// - Throws: ``FieldClockError/truncated(offset:needed:)`` when the input ends early,
    ///   ``FieldClockError/malformedNodeID(offset:)`` for an invalid or non-minimal LEB128 node id,
    ///   ``FieldClockError/trailingBytes(offset:)`` when bytes follow the timestamp.
    public init(binary: [UInt8]) throws(FieldClockError) {
        let decoded: Result<HybridTimestamp, FieldClockError> = binary.withUnsafeBytes { raw in
            var reader = ByteReader(raw)
            do throws(FieldClockError) {
                let value = try reader.readHybridTimestamp()
                guard reader.isAtEnd else { throw .trailingBytes(offset: reader.offset) }
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        self = try decoded.get()
    }
}

extension ByteReader {
    /// Reads a timestamp in ``FieldClock/HybridTimestamp``'s compact binary form.
    ///
    /// ```swift
    /// let t = try reader.readHybridTimestamp()
    /// ```
    ///
    /// - Returns: The timestamp.
    /// - Throws: ``FieldClock/FieldClockError/truncated(offset:needed:)`` or
    ///   ``FieldClock/FieldClockError/malformedNodeID(offset:)``, with offsets from the reader's base.
    public mutating func readHybridTimestamp() throws(FieldClockError) -> HybridTimestamp {
        let packed: UInt64
        do throws(FieldCoreError) {
            packed = try readInteger(UInt64.self, endianness: .big)
        } catch {
            throw FieldClockError(error)
        }
        let nodeStart = offset
        let node: UInt64
        do throws(FieldCoreError) {
            node = try readLEB128()
        } catch {
            if error.code == .truncated { throw FieldClockError(error) }
            throw .malformedNodeID(offset: nodeStart)
        }
        return HybridTimestamp(packed: packed, node: node)
    }
}

extension FieldClockError {
    /// Maps a byte-reader error onto the clock's error type, keeping its offset, count and rule.
    init(_ error: FieldCoreError) {
        self.init(
            error.code == .truncated ? .truncated : .malformedNodeID, at: error.offset,
            needed: error.code == .truncated ? error.needed : nil, rule: error.rule)
    }
}
