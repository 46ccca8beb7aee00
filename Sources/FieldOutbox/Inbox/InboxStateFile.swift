import FieldCore

/// The inbox state file: a 64-byte header, then two alternating slots per producer.
///
/// Header layout (little-endian, see ``HeaderLayout``): magic `FKOI` (4), version (2), kind 3 (1),
/// zero (1), window bits (4), producer capacity (4), zeros, CRC-32C of bytes 0..<60 at 60. Slot
/// layout (``SlotLayout``), `40 + window / 8` bytes: producer (8), generation (8), epoch (4), zero
/// (4), next unseen sequence (8), bitmap (window / 8), zero (4), CRC-32C of the rest (4).
enum InboxStateFile {
    /// Where each field of the header sits.
    enum HeaderLayout {
        /// `UInt32`: ``InboxStateFile/magic``.
        static let magic = 0
        /// `UInt16`: the version.
        static let version = 4
        /// `UInt8`: the file kind, ``InboxStateFile/kind``.
        static let kind = 6
        /// `UInt32`: the window, in sequences.
        static let window = 8
        /// `UInt32`: the number of producers the file has slots for.
        static let producerCapacity = 12
        /// `UInt32`: CRC-32C of every byte before it.
        static let checksum = 60
        /// The header's size; the slots follow.
        static let size = 64
    }

    /// Where each field of a producer's slot sits.
    enum SlotLayout {
        /// `UInt64`: the producer.
        static let producer = 0
        /// `UInt64`: the generation (the copy is `generation % 2`).
        static let generation = 8
        /// `UInt32`: the newest epoch seen.
        static let epoch = 16
        /// `UInt64`: the lowest sequence of that epoch not yet seen.
        static let next = 24
        /// The seen bitmap, `window / 8` bytes of `UInt64` words.
        static let bitmap = 32
        /// The bytes after the bitmap: zero (4), then the checksum (4).
        static let trailerSize = 8
        /// The slot's size for a window of `window` sequences.
        static func size(window: Int) -> Int { bitmap + window / 8 + trailerSize }
        /// Where the `UInt32` CRC-32C of every byte before it sits in a slot of `size` bytes.
        static func checksum(size: Int) -> Int { size - 4 }
    }

    static let magic: UInt32 = 0x494F_4B46  // "FKOI"
    static let kind: UInt8 = 3
    static let version: UInt16 = 1

    /// One producer's slot copy.
    struct Slot {
        var producer: UInt64
        var generation: UInt64
        var window: ProducerWindow
    }

    /// The header bytes for a window and producer capacity.
    static func header(window: Int, producerCapacity: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: HeaderLayout.size)
        do throws(FieldCoreError) {
            try bytes.writing(at: 0, count: HeaderLayout.checksum) { writer throws(FieldCoreError) in
                try writer.writeLittleEndian(magic)
                try writer.writeLittleEndian(version)
                try writer.writeUInt8(kind)
                try writer.pad(to: HeaderLayout.window)
                try writer.writeLittleEndian(UInt32(window))
                try writer.writeLittleEndian(UInt32(producerCapacity))
            }
            try sealChecksum(&bytes, at: HeaderLayout.checksum)
        } catch {
            preconditionFailure("inbox header layout overflows its size")
        }
        return bytes
    }

    /// Validates a header and returns its window and producer capacity.
    static func decodeHeader(_ bytes: [UInt8], file: UInt32) throws(OutboxError) -> (window: Int, producers: Int) {
        guard bytes.count >= HeaderLayout.size else { throw .corruptHeader(file: file, offset: 0, reason: .truncated) }
        let result: Result<(window: Int, producers: Int), OutboxError>
        do throws(FieldCoreError) {
            result = try bytes.reading(at: 0, count: HeaderLayout.size) { reader throws(FieldCoreError) in
                try decodeHeader(&reader, file: file)
            }
        } catch {
            throw OutboxError(error, file: file)
        }
        return try result.get()
    }

    private static func decodeHeader(
        _ reader: inout ByteReader, file: UInt32
    ) throws(FieldCoreError) -> Result<(window: Int, producers: Int), OutboxError> {
        guard try reader.readLittleEndian(UInt32.self) == magic else {
            return .failure(.corruptHeader(file: file, offset: HeaderLayout.magic, reason: .badMagic))
        }
        guard try storedChecksum(reader.bytes, at: HeaderLayout.checksum) == computedChecksum(reader.bytes) else {
            return .failure(.corruptHeader(file: file, offset: HeaderLayout.checksum, reason: .badChecksum))
        }
        let version: UInt16 = try reader.readLittleEndian()
        guard version == Self.version else { return .failure(.unsupportedVersion(file: file, version: version)) }
        guard try reader.readUInt8() == kind else {
            return .failure(.corruptHeader(file: file, offset: HeaderLayout.kind, reason: .wrongKind))
        }
        try reader.skip(to: HeaderLayout.window)
        let window = Int(try reader.readLittleEndian(UInt32.self))
        let producers = Int(try reader.readLittleEndian(UInt32.self))
        return .success((window, producers))
    }

    /// The bytes of a slot copy of `size` bytes.
    static func encode(_ slot: Slot, size: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: size)
        let checksum = SlotLayout.checksum(size: size)
        do throws(FieldCoreError) {
            try bytes.writing(at: 0, count: checksum) { writer throws(FieldCoreError) in
                try writer.writeLittleEndian(slot.producer)
                try writer.writeLittleEndian(slot.generation)
                try writer.writeLittleEndian(slot.window.epoch)
                try writer.pad(to: SlotLayout.next)
                try writer.writeLittleEndian(slot.window.next)
                for word in slot.window.bits { try writer.writeLittleEndian(word) }
            }
            try sealChecksum(&bytes, at: checksum)
        } catch {
            preconditionFailure("inbox slot layout overflows its size")
        }
        return bytes
    }

    /// Decodes the slot copy of `size` bytes at `base`, or `nil` when its checksum fails.
    static func decodeSlot(_ bytes: [UInt8], at base: Int, size: Int, window: Int) -> Slot? {
        try? bytes.reading(at: base, count: size) { reader throws(FieldCoreError) in
            guard
                try storedChecksum(reader.bytes, at: SlotLayout.checksum(size: size)) == computedChecksum(reader.bytes)
            else { return nil }
            let producer: UInt64 = try reader.readLittleEndian()
            let generation: UInt64 = try reader.readLittleEndian()
            let epoch: UInt32 = try reader.readLittleEndian()
            try reader.skip(to: SlotLayout.next)
            var producerWindow = ProducerWindow(epoch: epoch, next: try reader.readLittleEndian(), windowBits: window)
            for w in 0..<producerWindow.bits.count { producerWindow.bits[w] = try reader.readLittleEndian() }
            return Slot(producer: producer, generation: generation, window: producerWindow)
        }
    }

    /// The checksum stored in the last 4 bytes of `bytes`, which must end at `offset + 4`.
    private static func storedChecksum(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws(FieldCoreError) -> UInt32
    {
        var reader = ByteReader(UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + 4)]), baseOffset: offset)
        return try reader.readLittleEndian()
    }

    /// The CRC-32C of everything in `bytes` but its last 4 bytes (where the checksum goes).
    private static func computedChecksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        CRC32C.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<(bytes.count - 4)]))
    }

    /// Writes the CRC-32C of `bytes[0..<offset]` at `offset`.
    private static func sealChecksum(_ bytes: inout [UInt8], at offset: Int) throws(FieldCoreError) {
        let crc = CRC32C.checksum(bytes[0..<offset])
        try bytes.writing(at: offset, count: 4) { writer throws(FieldCoreError) in
            try writer.writeLittleEndian(crc)
        }
    }
}
