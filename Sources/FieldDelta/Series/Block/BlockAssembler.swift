import FieldCore

/// Builds one block: column payloads first, then the header, payloads and CRC-32C in one array.
///
/// Layout: `FKSB`, version (1 byte), point count (LEB128), column count (1 byte), then per column
/// its codec byte and payload length (LEB128), then the payloads in order, then the CRC-32C
/// (Castagnoli) of everything before it, 4 bytes little-endian.
struct BlockAssembler {
    static let magic: [UInt8] = [0x46, 0x4B, 0x53, 0x42]  // "FKSB"
    static let version: UInt8 = 1
    static let maximumColumnCount = 255

    let pointCount: Int
    private var codecs: [SeriesCodec] = []
    private var lengths: [Int] = []
    private var payloads: [UInt8] = []

    init(pointCount: Int, expectedBytes: Int) {
        self.pointCount = pointCount
        payloads.reserveCapacity(expectedBytes)
    }

    mutating func appendTimestamps(_ values: UnsafeBufferPointer<Int64>) {
        let start = payloads.count
        IntegerColumnCodec.encode(values, order: 2, into: &payloads)
        record(.timestampDeltaOfDelta, from: start)
    }

    mutating func appendIntegers(_ values: UnsafeBufferPointer<Int64>) {
        let start = payloads.count
        IntegerColumnCodec.encode(values, order: 1, into: &payloads)
        record(.integerDelta, from: start)
    }

    mutating func appendFloats(_ values: UnsafeBufferPointer<Double>, options: SeriesOptions) {
        let start = payloads.count
        let codec = FloatColumnEncoder.encode(values, options: options, into: &payloads)
        record(codec, from: start)
    }

    private mutating func record(_ codec: SeriesCodec, from start: Int) {
        codecs.append(codec)
        lengths.append(payloads.count - start)
    }

    /// The finished block.
    func finish() -> [UInt8] {
        var block: [UInt8] = []
        block.reserveCapacity(payloads.count + 16 + 4 * codecs.count)
        block.append(contentsOf: Self.magic)
        block.append(Self.version)
        VarInt.appendLEB128(UInt64(pointCount), to: &block)
        block.append(UInt8(codecs.count))
        for (codec, length) in zip(codecs, lengths) {
            block.append(codec.rawValue)
            VarInt.appendLEB128(UInt64(length), to: &block)
        }
        block.append(contentsOf: payloads)
        block.appendLittleEndian(CRC32C.checksum(block))
        return block
    }
}
