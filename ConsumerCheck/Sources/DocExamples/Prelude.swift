// What the README's and the DocC catalogs' examples use without declaring it: the reader's own
// program (its buffers, clocks, devices, callbacks). Each example runs as `run()` of its own
// namespace (Scripts/doc-examples.py copies the examples verbatim into Generated/), so these are
// members of that namespace; a few names every MQTT example shares are declared once.
import Crypto
import FieldKit

// MARK: - Shared by the FieldMQTT examples

var reading: [UInt8] { [0x01] }
var bytesFromSocket: [UInt8] { [] }
var clock: ManualClock { ManualClock() }
func perform(_ actions: [ClientAction]) {}
func handle(_ packet: Packet) {}
func log(_ value: Int) {}
func deliver(to subscriber: Int) {}

// MARK: - FieldCore

extension DocExample_FieldCore_FieldCore_1 {
    static var record: [UInt8] { Array("a record".utf8) }
    static var image: [UInt8] { [UInt8](repeating: 0xA5, count: 1_024) }
    static var packet: [UInt8] { [0x30, 0x05] }
}

// MARK: - FieldClock

extension DocExample_FieldClock_FieldClock_1 {
    struct Reading {
        var id: UInt64
        var stamp: HybridTimestamp
    }
    struct Message {
        var stamp: HybridTimestamp
    }
    static var deviceID: UInt64 { 42 }
    static var rtc: ManualTimeSource { ManualTimeSource(start: .milliseconds(1_700_000_000_000)) }
    static var flashMark: MemoryHighWaterMark { MemoryHighWaterMark() }
    static var incoming: Message { Message(stamp: HybridTimestamp(physical: 1_700_000_000_000, logical: 0, node: 7)) }
    static var reading: Reading {
        Reading(id: 1, stamp: HybridTimestamp(physical: 1_700_000_000_000, logical: 1, node: 42))
    }
    nonisolated(unsafe) static var lateStore: [Reading] = []
    static func emit(_ stamp: HybridTimestamp, _ reading: Reading) {}
}

// MARK: - FieldOutbox

extension DocExample_FieldOutbox_FieldOutbox_1 {
    static var reading: [UInt8] { [0x01, 0x02] }
    static var received: OutboxBatch {
        OutboxBatch(messages: [], floor: MessageKey(producer: 42, epoch: 0, sequence: 0))
    }
    static func send(_ batch: OutboxBatch) {}
    static func process(_ message: OutboxMessage) {}
}

// MARK: - FieldUpdate

extension DocExample_FieldUpdate_FieldUpdate_1 {
    struct ProductVerifier: ManifestVerifier {
        func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool { false }
    }
    static var received: [UInt8] { [] }
    static var productVerifier: ProductVerifier { ProductVerifier() }
    static var store: DualBankRecordStore<MemoryRecordMedium> {
        DualBankRecordStore(medium: MemoryRecordMedium(bankCapacity: 256))
    }
    static var flash: MemoryFlash { MemoryFlash(slotCapacity: 1 << 16, stagingCapacity: 1 << 16) }
    static var config: UpdateConfiguration { UpdateConfiguration(hardwareTarget: "meter-rev-c") }
    static func fetch(_ request: ChunkRequest) -> [UInt8] { [] }
    static var fleet: [String] { ["meter-1", "meter-2"] }
    static var id: String { "meter-1" }
    static var now: Instant { .milliseconds(0) }
    static var signedManifest: [UInt8] { [] }
    static func send(_ manifest: [UInt8]) {}
}

extension DocExample_FieldUpdate_ShippingFirmwareWithoutBrickingDevices_1 {
    static var body: [UInt8] { [] }
    static var productKey: Curve25519.Signing.PublicKey { Curve25519.Signing.PrivateKey().publicKey }
}

// MARK: - FieldDelta

// The firmware's C flash driver, as the example's `Slot` calls it.
func flash_read(_ address: Int, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int32 { 0 }
func flash_program(_ address: Int, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int32 { 0 }

extension DocExample_FieldDelta_ApplyingPatchesOnDevices_1 {
    struct Settings {
        func load(_ key: String) -> [UInt8] { [] }
        func store(_ key: String, _ value: [UInt8]) {}
    }
    struct Bootloader {
        func mark(_ slot: ByteArrayImage, bootable: Bool) {}
    }
    static var settings: Settings { Settings() }
    static var bootloader: Bootloader { Bootloader() }
    static var slotA: ByteArrayImage { ByteArrayImage([1, 2, 3]) }
    static var download: ByteArrayImage { ByteArrayImage(PatchDiffer.makePatch(from: [1, 2, 3], to: [1, 2, 4])) }
    nonisolated(unsafe) static var slotB = ByteArrayImage()
}

extension DocExample_FieldDelta_SeriesCompression_1 {
    struct Reading {
        var rain: Double
        var pm25: Double
        var pm10: Double
        var epochSeconds: Int64
    }
    struct Uplink {
        func send(_ block: [UInt8]) {}
    }
    static var readings: [Reading] { [Reading(rain: 0, pm25: 4.5, pm10: 9, epochSeconds: 1_700_000_000)] }
    static var uplink: Uplink { Uplink() }
    static var received: [UInt8] { [] }
}

// MARK: - FieldML

extension DocExample_FieldML_FieldML_1 {
    static var modelBytes: [UInt8] { [] }
    static var features: [Int8] { [] }
}

extension DocExample_FieldML_FromKerasToDevice_1 {
    static var model: Model { get throws { try Model(bytes: []) } }
}

extension DocExample_FieldML_FromKerasToDevice_2 {
    static var modelBytes: [UInt8] { [] }
    static func readQuantizedFeatures() -> [Int8] { [] }
    static func act(on scores: [Int8]) {}
}
