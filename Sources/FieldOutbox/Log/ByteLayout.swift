import FieldCore

// Every FieldOutbox file layout is little-endian and goes through FieldCore's `ByteReader` and
// `ByteWriter`; these helpers only name the byte order and run a reader or writer over a region
// of a byte array.

extension ByteReader {
    /// Reads a little-endian integer.
    @inline(__always)
    mutating func readLittleEndian<T: FixedWidthInteger>(_: T.Type = T.self) throws(FieldCoreError) -> T {
        try readInteger(T.self, endianness: .little)
    }

    /// Skips forward to `position` (relative to the start of the reader's bytes).
    mutating func skip(to position: Int) throws(FieldCoreError) {
        try skip(position - self.position)
    }
}

extension ByteWriter {
    /// Writes a little-endian integer.
    @inline(__always)
    mutating func writeLittleEndian<T: FixedWidthInteger>(_ value: T) throws(FieldCoreError) {
        try writeInteger(value, endianness: .little)
    }

    /// Writes zeros up to `offset` (relative to the start of the writer's buffer).
    mutating func pad(to offset: Int) throws(FieldCoreError) {
        while count < offset { try writeUInt8(0) }
    }
}

extension Array where Element == UInt8 {
    /// Runs `body` with a reader over `count` bytes from `offset`; error offsets count from the
    /// start of the array.
    ///
    /// - Throws: ``FieldCore/FieldCoreError/Code/truncated`` when the region does not fit, or
    ///   what `body` throws.
    func reading<Result>(
        at offset: Int, count: Int, _ body: (inout ByteReader) throws(FieldCoreError) -> Result
    ) throws(FieldCoreError) -> Result {
        guard offset >= 0, count >= 0 else { throw FieldCoreError(.negativeLength, at: offset, needed: count) }
        guard offset <= self.count, count <= self.count - offset else {
            throw FieldCoreError(.truncated, at: Swift.min(offset, self.count), needed: offset + count - self.count)
        }
        let outcome: Swift.Result<Result, FieldCoreError> = withUnsafeBytes { raw in
            var reader = ByteReader(
                UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + count)]), baseOffset: offset)
            do throws(FieldCoreError) {
                return .success(try body(&reader))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }

    /// Runs `body` with a writer over `count` bytes from `offset` (the array does not grow).
    ///
    /// - Throws: ``FieldCore/FieldCoreError/Code/bufferFull`` when the region does not fit, or
    ///   what `body` throws.
    mutating func writing<Result>(
        at offset: Int, count: Int, _ body: (inout ByteWriter) throws(FieldCoreError) -> Result
    ) throws(FieldCoreError) -> Result {
        guard offset >= 0, count >= 0, offset <= self.count, count <= self.count - offset else {
            throw FieldCoreError(.bufferFull, at: offset, needed: offset + count - self.count)
        }
        let outcome: Swift.Result<Result, FieldCoreError> = withUnsafeMutableBytes { raw in
            var writer = ByteWriter(UnsafeMutableRawBufferPointer(rebasing: raw[offset..<(offset + count)]))
            do throws(FieldCoreError) {
                return .success(try body(&writer))
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }
}

extension OutboxError {
    /// Maps a byte-layer error in file `file` onto a corrupt-file error at the same offset (the
    /// callers have checked the lengths, so this reports data that changed under them).
    init(_ error: FieldCoreError, file: UInt32) {
        self.init(.corruptHeader, at: error.offset, file: file)
        corruption = error.code == .truncated ? .truncated : .badField
    }
}
