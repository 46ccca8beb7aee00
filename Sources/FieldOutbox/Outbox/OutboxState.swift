import FieldCore

/// The outbox state file: epoch, producer, per-class acknowledgement floors, eviction counters and
/// a bounded list of single acknowledgements, in two alternating 1 KiB checksummed slots.
///
/// Slot layout (little-endian, see ``Layout``): magic `FKOT` (4), version (2), kind 2 (1), class
/// count (1), generation (8), producer (8), epoch (4), single count (2), reserved (2); floors at
/// 32, 8 x (epoch 4, sequence 8); eviction counters at 128, 8 x (records 8, bytes 8); singles at
/// 256, up to ``singleCapacity`` x (epoch 4, sequence 8); CRC-32C of bytes 0..<1020 at 1020. A
/// write goes to the slot not holding the newest state, so a torn write leaves the previous state
/// intact.
struct OutboxState: Equatable, Sendable {
    /// Where each field of a slot sits.
    enum Layout {
        /// `UInt32`: ``OutboxState/magic``.
        static let magic = 0
        /// `UInt16`: the version.
        static let version = 4
        /// `UInt8`: the file kind, ``OutboxState/kind``.
        static let kind = 6
        /// `UInt8`: the number of priority classes.
        static let classCount = 7
        /// `UInt64`: the generation (the slot is `generation % 2`).
        static let generation = 8
        /// `UInt64`: the producer.
        static let producer = 16
        /// `UInt32`: the epoch.
        static let epoch = 24
        /// `UInt16`: the number of single acknowledgements kept.
        static let singleCount = 28
        /// `UInt16`: reserved, zero.
        static let reserved = 30
        /// Per class, a ``positionSize``-byte floor: epoch (`UInt32`), sequence (`UInt64`).
        static let floors = 32
        /// Per class, ``evictionSize`` bytes: evicted records (`UInt64`), evicted bytes (`UInt64`).
        static let evictions = 128
        /// Up to ``OutboxState/singleCapacity`` positions of ``positionSize`` bytes.
        static let singles = 256
        /// `UInt32`: CRC-32C of every byte before it.
        static let checksum = 1020
        /// The slot's size.
        static let slotSize = 1024
        /// The size of an (epoch, sequence) position.
        static let positionSize = 12
        /// The size of one class's eviction counters.
        static let evictionSize = 16
    }

    static let slotSize = Layout.slotSize
    static let magic: UInt32 = 0x544F_4B46  // "FKOT"
    static let version: UInt16 = 1
    static let kind: UInt8 = 2
    static let singleCapacity = 60

    var generation: UInt64 = 0
    var producer: UInt64
    var epoch: UInt32 = 0
    var classCount: Int
    /// Per class: the smallest (epoch, sequence) that may still be pending.
    var floors: [Floor]
    var evictedRecords: [UInt64]
    var evictedBytes: [UInt64]
    /// Keys acknowledged individually above their class floor (at most ``singleCapacity`` kept).
    var singles: [Floor] = []

    /// An (epoch, sequence) position.
    struct Floor: Equatable, Comparable, Hashable, Sendable {
        var epoch: UInt32
        var sequence: UInt64
        static func < (a: Floor, b: Floor) -> Bool {
            a.epoch != b.epoch ? a.epoch < b.epoch : a.sequence < b.sequence
        }
    }

    init(producer: UInt64, classCount: Int) {
        self.producer = producer
        self.classCount = classCount
        floors = Array(repeating: Floor(epoch: 0, sequence: 0), count: classCount)
        evictedRecords = Array(repeating: 0, count: classCount)
        evictedBytes = Array(repeating: 0, count: classCount)
    }

    /// The slot's ``Layout/slotSize`` bytes.
    func encoded() -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: Self.slotSize)
        do throws(FieldCoreError) {
            try bytes.writing(at: 0, count: Layout.checksum) { writer throws(FieldCoreError) in
                try encodeBody(into: &writer)
            }
            let crc = CRC32C.checksum(bytes[0..<Layout.checksum])
            try bytes.writing(at: Layout.checksum, count: 4) { writer throws(FieldCoreError) in
                try writer.writeLittleEndian(crc)
            }
        } catch {
            preconditionFailure("outbox state layout overflows its slot")
        }
        return bytes
    }

    /// Writes everything before the checksum.
    private func encodeBody(into writer: inout ByteWriter) throws(FieldCoreError) {
        let kept = min(singles.count, Self.singleCapacity)
        try writer.writeLittleEndian(Self.magic)
        try writer.writeLittleEndian(Self.version)
        try writer.writeUInt8(Self.kind)
        try writer.writeUInt8(UInt8(classCount))
        try writer.writeLittleEndian(generation)
        try writer.writeLittleEndian(producer)
        try writer.writeLittleEndian(epoch)
        try writer.writeLittleEndian(UInt16(kept))
        try writer.pad(to: Layout.floors)
        for c in 0..<classCount { try Self.write(floors[c], into: &writer) }
        try writer.pad(to: Layout.evictions)
        for c in 0..<classCount {
            try writer.writeLittleEndian(evictedRecords[c])
            try writer.writeLittleEndian(evictedBytes[c])
        }
        try writer.pad(to: Layout.singles)
        for i in 0..<kept { try Self.write(singles[i], into: &writer) }
        try writer.pad(to: Layout.checksum)
    }

    private static func write(_ position: Floor, into writer: inout ByteWriter) throws(FieldCoreError) {
        try writer.writeLittleEndian(position.epoch)
        try writer.writeLittleEndian(position.sequence)
    }

    private static func readPosition(_ reader: inout ByteReader) throws(FieldCoreError) -> Floor {
        Floor(epoch: try reader.readLittleEndian(), sequence: try reader.readLittleEndian())
    }

    /// Decodes a slot; `nil` when it is not a valid slot (torn, zero or foreign).
    static func decode(_ bytes: [UInt8], at base: Int) -> OutboxState? {
        guard bytes.count >= base + slotSize else { return nil }
        return try? bytes.reading(at: base, count: slotSize) { reader throws(FieldCoreError) in
            try decode(&reader)
        }
    }

    /// Decodes the slot `reader` spans.
    private static func decode(_ reader: inout ByteReader) throws(FieldCoreError) -> OutboxState? {
        let crc = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: reader.bytes[0..<Layout.checksum]))
        var checksumReader = ByteReader(
            UnsafeRawBufferPointer(rebasing: reader.bytes[Layout.checksum..<Layout.slotSize]),
            baseOffset: reader.baseOffset + Layout.checksum)
        let magicValue: UInt32 = try reader.readLittleEndian()
        let versionValue: UInt16 = try reader.readLittleEndian()
        guard magicValue == magic, try reader.readUInt8() == kind, try checksumReader.readLittleEndian() == crc else {
            return nil
        }
        let classCount = Int(try reader.readUInt8())
        let generation: UInt64 = try reader.readLittleEndian()
        let producer: UInt64 = try reader.readLittleEndian()
        let epoch: UInt32 = try reader.readLittleEndian()
        let singleCount = Int(try reader.readLittleEndian(UInt16.self))
        guard versionValue == version, classCount >= 1, classCount <= 8, singleCount <= singleCapacity else {
            return nil
        }
        var state = OutboxState(producer: producer, classCount: classCount)
        state.generation = generation
        state.epoch = epoch
        try reader.skip(to: Layout.floors)
        for c in 0..<classCount { state.floors[c] = try readPosition(&reader) }
        try reader.skip(to: Layout.evictions)
        for c in 0..<classCount {
            state.evictedRecords[c] = try reader.readLittleEndian()
            state.evictedBytes[c] = try reader.readLittleEndian()
        }
        try reader.skip(to: Layout.singles)
        for _ in 0..<singleCount { state.singles.append(try readPosition(&reader)) }
        return state
    }

    /// Whether the slot at `base` is all zeros (never written).
    static func isBlank(_ b: [UInt8], at base: Int) -> Bool {
        guard b.count >= base + slotSize else { return true }
        for i in base..<(base + slotSize) where b[i] != 0 { return false }
        return true
    }
}
