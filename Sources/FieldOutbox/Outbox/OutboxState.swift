import FieldCore

/// The outbox state file: epoch, producer, per-class acknowledgement floors, eviction counters and
/// a bounded list of single acknowledgements, in two alternating 1 KiB checksummed slots.
///
/// Slot layout (little-endian): magic `FKOT` (4), version (2), kind 2 (1), class count (1),
/// generation (8), producer (8), epoch (4), single count (2), reserved (2); floors at 32, 8 x
/// (epoch 4, sequence 8); eviction counters at 128, 8 x (records 8, bytes 8); singles at 256,
/// up to ``singleCapacity`` x (epoch 4, sequence 8); CRC-32C of bytes 0..<1020 at 1020. A write
/// goes to the slot not holding the newest state, so a torn write leaves the previous state intact.
struct OutboxState: Equatable, Sendable {
    static let slotSize = 1024
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

    func encoded() -> [UInt8] {
        var b = [UInt8](repeating: 0, count: Self.slotSize)
        b.storeLE(Self.magic, at: 0)
        b.storeLE(Self.version, at: 4)
        b[6] = Self.kind
        b[7] = UInt8(classCount)
        b.storeLE(generation, at: 8)
        b.storeLE(producer, at: 16)
        b.storeLE(epoch, at: 24)
        let kept = min(singles.count, Self.singleCapacity)
        b.storeLE(UInt16(kept), at: 28)
        for c in 0..<classCount {
            b.storeLE(floors[c].epoch, at: 32 + 12 * c)
            b.storeLE(floors[c].sequence, at: 36 + 12 * c)
            b.storeLE(evictedRecords[c], at: 128 + 16 * c)
            b.storeLE(evictedBytes[c], at: 136 + 16 * c)
        }
        for i in 0..<kept {
            b.storeLE(singles[i].epoch, at: 256 + 12 * i)
            b.storeLE(singles[i].sequence, at: 260 + 12 * i)
        }
        b.storeLE(CRC32C.checksum(b[0..<1020]), at: 1020)
        return b
    }

    /// Decodes a slot; `nil` when it is not a valid slot (torn, zero or foreign).
    static func decode(_ b: [UInt8], at base: Int) -> OutboxState? {
        guard b.count >= base + slotSize else { return nil }
        let slot = Array(b[base..<(base + slotSize)])
        guard slot.loadLE(UInt32.self, at: 0) == magic, slot[6] == kind,
            slot.loadLE(UInt32.self, at: 1020) == CRC32C.checksum(slot[0..<1020])
        else { return nil }
        let classCount = Int(slot[7])
        let singleCount = Int(slot.loadLE(UInt16.self, at: 28))
        guard slot.loadLE(UInt16.self, at: 4) == version, classCount >= 1, classCount <= 8,
            singleCount <= singleCapacity
        else { return nil }
        var state = OutboxState(producer: slot.loadLE(UInt64.self, at: 16), classCount: classCount)
        state.generation = slot.loadLE(UInt64.self, at: 8)
        state.epoch = slot.loadLE(UInt32.self, at: 24)
        for c in 0..<classCount {
            state.floors[c] = Floor(
                epoch: slot.loadLE(UInt32.self, at: 32 + 12 * c), sequence: slot.loadLE(UInt64.self, at: 36 + 12 * c))
            state.evictedRecords[c] = slot.loadLE(UInt64.self, at: 128 + 16 * c)
            state.evictedBytes[c] = slot.loadLE(UInt64.self, at: 136 + 16 * c)
        }
        for i in 0..<singleCount {
            state.singles.append(
                Floor(
                    epoch: slot.loadLE(UInt32.self, at: 256 + 12 * i),
                    sequence: slot.loadLE(UInt64.self, at: 260 + 12 * i)))
        }
        return state
    }

    /// Whether the slot at `base` is all zeros (never written).
    static func isBlank(_ b: [UInt8], at base: Int) -> Bool {
        guard b.count >= base + slotSize else { return true }
        for i in base..<(base + slotSize) where b[i] != 0 { return false }
        return true
    }
}
