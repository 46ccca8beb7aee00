public import FieldCore

/// Maps FieldCore's reader errors onto the series error vocabulary.
@usableFromInline
func seriesError(_ error: FieldCoreError) -> SeriesError {
    let offset = error.offset ?? 0
    switch error.code {
    case .truncated: return SeriesError(.truncated, at: offset)
    case .varIntTooLong, .varIntNotMinimal, .varIntOverflow: return SeriesError(.badVarInt, at: offset)
    default: return SeriesError(.corruptPayload, at: offset)
    }
}

extension ByteReader {
    /// Reads one byte, reporting a truncated block as a `SeriesError`.
    mutating func seriesByte() throws(SeriesError) -> UInt8 {
        do { return try readUInt8() } catch { throw seriesError(error) }
    }

    /// Reads an unsigned LEB128 integer.
    mutating func seriesVarUInt() throws(SeriesError) -> UInt64 {
        do { return try readLEB128() } catch { throw seriesError(error) }
    }

    /// Reads an unsigned LEB128 count and checks it against an inclusive upper limit.
    mutating func seriesCount(atMost limit: Int, kind: SeriesError.Kind) throws(SeriesError) -> Int {
        let start = offset
        let value = try seriesVarUInt()
        guard value <= UInt64(limit) else { throw SeriesError(kind, at: start) }
        return Int(value)
    }

    /// Reads a little-endian 64-bit word.
    mutating func seriesUInt64() throws(SeriesError) -> UInt64 {
        do { return try readInteger(UInt64.self, endianness: .little) } catch { throw seriesError(error) }
    }

    /// Reads a little-endian 32-bit word.
    mutating func seriesUInt32() throws(SeriesError) -> UInt32 {
        do { return try readInteger(UInt32.self, endianness: .little) } catch { throw seriesError(error) }
    }

    /// Returns a reader over the next `count` bytes and advances past them.
    mutating func seriesReader(count: Int) throws(SeriesError) -> ByteReader {
        do { return try readReader(count: count) } catch { throw seriesError(error) }
    }
}

extension Array where Element == UInt8 {
    /// Appends a 64-bit word in little-endian byte order.
    mutating func appendLittleEndian(_ value: UInt64) {
        var v = value
        for _ in 0..<8 {
            append(UInt8(truncatingIfNeeded: v))
            v >>= 8
        }
    }

    /// Appends a 32-bit word in little-endian byte order.
    mutating func appendLittleEndian(_ value: UInt32) {
        var v = value
        for _ in 0..<4 {
            append(UInt8(truncatingIfNeeded: v))
            v >>= 8
        }
    }

    /// Appends a sequence of 64-bit words in little-endian byte order.
    mutating func appendWords(_ words: [UInt64]) {
        let start = count
        append(contentsOf: repeatElement(0, count: words.count * 8))
        withUnsafeMutableBytes { raw in
            for (index, word) in words.enumerated() {
                raw.storeBytes(of: word.littleEndian, toByteOffset: start + index * 8, as: UInt64.self)
            }
        }
    }
}
