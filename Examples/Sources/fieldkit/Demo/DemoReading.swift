import FieldKit

/// One reading as a device stores it in its outbox: 20 bytes, little-endian.
struct DemoReading: Equatable {
    /// The device's own measurement counter (0, 1, 2, ...): the store's unique key with the device.
    var index: UInt32
    /// The device's hybrid timestamp, packed (48-bit physical milliseconds, 16-bit logical).
    var timestamp: UInt64
    /// The measured (filtered) value.
    var value: Double

    static let encodedSize = 20

    var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(Self.encodedSize)
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: index >> UInt32(shift))) }
        for shift in stride(from: 0, to: 64, by: 8) {
            out.append(UInt8(truncatingIfNeeded: timestamp >> UInt64(shift)))
        }
        let bits = value.bitPattern
        for shift in stride(from: 0, to: 64, by: 8) { out.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
        return out
    }

    init(index: UInt32, timestamp: UInt64, value: Double) {
        self.index = index
        self.timestamp = timestamp
        self.value = value
    }

    /// Parses an outbox record; `nil` when it is not 20 bytes.
    init?(bytes: [UInt8]) {
        guard bytes.count == Self.encodedSize else { return nil }
        var i: UInt32 = 0
        for k in 0..<4 { i |= UInt32(bytes[k]) << UInt32(8 * k) }
        var t: UInt64 = 0
        for k in 0..<8 { t |= UInt64(bytes[4 + k]) << UInt64(8 * k) }
        var v: UInt64 = 0
        for k in 0..<8 { v |= UInt64(bytes[12 + k]) << UInt64(8 * k) }
        index = i
        timestamp = t
        value = Double(bitPattern: v)
    }
}

/// One MQTT message: a batch of outbox records from one device.
///
/// Layout: `"FKD1"`, LEB128 producer, floor epoch and sequence, record count, then per record
/// its epoch and sequence (LEB128), then one FieldDelta `SeriesBlock` holding the readings'
/// timestamps, indices and values as columns.
struct DemoBatch: Equatable {
    var producer: UInt64
    var floor: MessageKey
    var keys: [MessageKey]
    var readings: [DemoReading]

    enum DecodeError: Error, CustomStringConvertible {
        case malformed(String, offset: Int)
        var description: String {
            switch self {
            case .malformed(let what, let offset): "malformed batch: \(what) at offset \(offset)"
            }
        }
    }

    func encoded() throws -> [UInt8] {
        var out: [UInt8] = Array("FKD1".utf8)
        VarInt.appendLEB128(producer, to: &out)
        VarInt.appendLEB128(UInt64(floor.epoch), to: &out)
        VarInt.appendLEB128(floor.sequence, to: &out)
        VarInt.appendLEB128(UInt64(keys.count), to: &out)
        for key in keys {
            VarInt.appendLEB128(UInt64(key.epoch), to: &out)
            VarInt.appendLEB128(key.sequence, to: &out)
        }
        let block = try SeriesBlock.encode([
            .timestamps(readings.map { Int64(bitPattern: $0.timestamp) }),
            .integers(readings.map { Int64($0.index) }),
            .floats(readings.map(\.value)),
        ])
        out.append(contentsOf: block)
        return out
    }

    static func decode(_ bytes: [UInt8]) throws -> DemoBatch {
        guard bytes.count >= 4, Array(bytes[0..<4]) == Array("FKD1".utf8) else {
            throw DecodeError.malformed("missing FKD1 magic", offset: 0)
        }
        var position = 4
        // FieldCore's reader: the same strict LEB128 as everywhere (non-minimal encodings refused).
        func leb() throws -> UInt64 {
            let start = position
            let result: Result<(value: UInt64, length: Int), FieldCoreError> = bytes.withUnsafeBytes { raw in
                var reader = ByteReader(UnsafeRawBufferPointer(rebasing: raw[start...]), baseOffset: start)
                do throws(FieldCoreError) {
                    let value = try reader.readLEB128()
                    return .success((value, reader.position))
                } catch {
                    return .failure(error)
                }
            }
            switch result {
            case .success(let decoded):
                position += decoded.length
                return decoded.value
            case .failure(let error):
                throw DecodeError.malformed("\(error)", offset: error.offset ?? start)
            }
        }
        func epoch() throws -> UInt32 {
            let start = position
            let raw = try leb()
            guard let value = UInt32(exactly: raw) else {
                throw DecodeError.malformed("epoch out of range", offset: start)
            }
            return value
        }
        let producer = try leb()
        let floorEpoch = try epoch()
        let floorSequence = try leb()
        let countOffset = position
        let count = try leb()
        guard count >= 1, count <= 65_536 else {
            throw DecodeError.malformed("record count \(count)", offset: countOffset)
        }
        var keys: [MessageKey] = []
        for _ in 0..<count {
            let e = try epoch()
            keys.append(MessageKey(producer: producer, epoch: e, sequence: try leb()))
        }
        let blockOffset = position
        let block: SeriesBlock
        do {
            block = try SeriesBlock.decode(Array(bytes[position...]), maximumPointCount: Int(count))
        } catch {
            throw DecodeError.malformed("series block: \(error)", offset: blockOffset)
        }
        guard block.pointCount == Int(count), block.columns.count == 3,
            case .timestamps(let times) = block.columns[0],
            case .integers(let indices) = block.columns[1],
            case .floats(let values) = block.columns[2]
        else { throw DecodeError.malformed("series block does not hold \(count) readings", offset: blockOffset) }
        var readings: [DemoReading] = []
        for k in 0..<Int(count) {
            guard let index = UInt32(exactly: indices[k]) else {
                throw DecodeError.malformed("reading index out of range", offset: blockOffset)
            }
            readings.append(DemoReading(index: index, timestamp: UInt64(bitPattern: times[k]), value: values[k]))
        }
        return DemoBatch(
            producer: producer, floor: MessageKey(producer: producer, epoch: floorEpoch, sequence: floorSequence),
            keys: keys, readings: readings)
    }
}
