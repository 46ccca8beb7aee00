import FieldCore

/// FieldCore reader calls that report failures as ``FieldUpdateError``.
extension ByteReader {
    /// Maps a FieldCore error to FieldUpdate's.
    internal static func updateError(_ error: FieldCoreError, field: String) -> FieldUpdateError {
        let offset = error.offset ?? 0
        switch error.code {
        case .truncated: return FieldUpdateError(.truncated, at: offset)
        default: return FieldUpdateError(.malformedField(field), at: offset)
        }
    }

    /// Reads one byte.
    internal mutating func updateByte(_ field: String) throws(FieldUpdateError) -> UInt8 {
        do throws(FieldCoreError) {
            return try readUInt8()
        } catch {
            throw ByteReader.updateError(error, field: field)
        }
    }

    /// Reads an unsigned LEB128 value no larger than `limit`.
    internal mutating func updateLEB(_ field: String, limit: UInt64 = .max) throws(FieldUpdateError) -> UInt64 {
        let start = offset
        let value: UInt64
        do throws(FieldCoreError) {
            value = try readLEB128()
        } catch {
            throw ByteReader.updateError(error, field: field)
        }
        guard value <= limit else { throw FieldUpdateError(.valueOutOfRange(field), at: start) }
        return value
    }

    /// Reads `count` bytes into an array, after checking they are present.
    internal mutating func updateArray(_ count: Int, _ field: String) throws(FieldUpdateError) -> [UInt8] {
        guard count >= 0, count <= remaining else { throw FieldUpdateError(.truncated, at: offset) }
        do throws(FieldCoreError) {
            return try readArray(count: count)
        } catch {
            throw ByteReader.updateError(error, field: field)
        }
    }

    /// Reads a 32-byte SHA-256 digest.
    internal mutating func updateDigest(_ field: String) throws(FieldUpdateError) -> SHA256Digest {
        let bytes = try updateArray(SHA256.digestByteCount, field)
        guard let digest = SHA256Digest(bytes) else { throw FieldUpdateError(.malformedField(field), at: offset) }
        return digest
    }
}
