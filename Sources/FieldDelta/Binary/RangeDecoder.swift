import FieldCore

/// The decoding side of the binary range coder, reading one chunk of a patch through a small
/// buffer.
///
/// Decoding never throws on the hot path: a read past the chunk's coded length or a storage
/// failure yields zero bytes and is recorded in `failure`, which the applier checks after each run
/// (every run is bounded by the chunk's length, so garbage cannot make it loop or write more).
struct RangeDecoder<Source: RandomAccessBytes>: BinaryCoder {
    let source: Source
    let buffer: UnsafeMutablePointer<UInt8>
    let capacity: Int
    /// Patch offset of `buffer[0]`.
    var bufferOffset: Int
    var position = 0
    var filled = 0
    /// Patch offset just past the chunk's coded bytes.
    let limit: Int
    var failure: PatchError?
    var checksum = CRC32C()
    var range: UInt32 = 0xFFFF_FFFF
    var code: UInt32 = 0

    init(source: Source, buffer: UnsafeMutableRawBufferPointer, start: Int, limit: Int) {
        self.source = source
        self.buffer = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        self.capacity = buffer.count
        self.bufferOffset = start
        self.limit = limit
        for _ in 0..<5 { code = code << 8 | UInt32(nextByte()) }
    }

    /// The patch offset of the next unread byte.
    var offset: Int { bufferOffset + position }

    @inline(__always)
    mutating func nextByte() -> UInt8 {
        if position == filled { refill() }
        if position == filled { return 0 }
        let byte = buffer[position]
        position += 1
        return byte
    }

    private mutating func refill() {
        bufferOffset += filled
        position = 0
        filled = 0
        let count = min(capacity, limit - bufferOffset)
        guard count > 0, failure == nil else {
            if failure == nil { failure = PatchError(.corruptChunk, at: bufferOffset) }
            return
        }
        do throws(PatchError) {
            try source.read(at: bufferOffset, into: UnsafeMutableRawBufferPointer(start: buffer, count: count))
        } catch {
            failure = error
            return
        }
        checksum.update(UnsafeRawBufferPointer(start: buffer, count: count))
        filled = count
    }

    /// Reads the rest of the chunk's coded bytes (into the checksum) and returns the checksum.
    mutating func finish() -> UInt32 {
        while failure == nil && bufferOffset + filled < limit {
            position = filled
            refill()
        }
        return checksum.value
    }

    @inline(__always)
    mutating func code(_ bit: Int, _ probability: UnsafeMutablePointer<UInt16>, shift: UInt16) -> Int {
        let p = probability.pointee
        let bound = (range >> rangeProbabilityBits) &* UInt32(p)
        let result: Int
        if code < bound {
            range = bound
            probability.pointee = p &+ ((4096 &- p) >> shift)
            result = 0
        } else {
            code &-= bound
            range &-= bound
            probability.pointee = p &- (p >> shift)
            result = 1
        }
        while range < rangeTopValue {
            range <<= 8
            code = code << 8 | UInt32(nextByte())
        }
        return result
    }
}
