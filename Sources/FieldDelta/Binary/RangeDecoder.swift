import FieldCore

/// The decoding side of the binary range coder, reading one chunk of a patch through a small
/// buffer.
///
/// Decoding never throws on the hot path: a read past the chunk's coded length or a storage
/// failure yields zero bytes and is recorded in `failure`, which the applier checks after each run
/// (every run is bounded by the chunk's length, so garbage cannot make it loop or write more).
/// The coder state lives in a non-generic ``RangeCore`` whose loops decode whole items while
/// enough input is buffered; this type refills the buffer and decodes the items in between.
struct RangeDecoder<Source: RandomAccessBytes>: BinaryCoder {
    var core: RangeCore
    let buffer: UnsafeMutablePointer<UInt8>
    let capacity: Int
    /// Patch offset of `buffer[0]`.
    var bufferOffset: Int
    /// Patch offset just past the chunk's coded bytes.
    let limit: Int
    var failure: PatchError?
    var checksum = CRC32C()
    let source: Source

    init(source: Source, buffer: UnsafeMutableRawBufferPointer, start: Int, limit: Int) {
        self.source = source
        self.buffer = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        self.core = RangeCore(buffer: self.buffer)
        self.capacity = buffer.count
        self.bufferOffset = start
        self.limit = limit
        for _ in 0..<5 { core.code = core.code << 8 | UInt32(nextByte()) }
    }

    /// The number of bytes of the buffer consumed or filled.
    private var position: Int { UnsafePointer(buffer).distance(to: core.cursor) }
    private var filled: Int { UnsafePointer(buffer).distance(to: core.end) }

    /// The patch offset of the next unread byte.
    var offset: Int { bufferOffset + position }

    @inline(__always)
    mutating func nextByte() -> UInt8 {
        if core.cursor == core.end { refill() }
        if core.cursor == core.end { return 0 }
        let byte = core.cursor.pointee
        core.cursor += 1
        return byte
    }

    private mutating func refill() {
        bufferOffset += filled
        core.cursor = UnsafePointer(buffer)
        core.end = core.cursor
        let count = min(capacity, limit - bufferOffset)
        guard count > 0, failure == nil else {
            if failure == nil { failure = PatchError(.corruptChunk, at: bufferOffset) }
            return
        }
        guard load(at: bufferOffset, into: buffer, count: count) else { return }
        core.end = core.cursor + count
    }

    /// Reads `count` coded bytes at chunk offset `offset` into `target` and adds them to the
    /// checksum; on a storage error records it as the failure and returns `false`.
    private mutating func load(at offset: Int, into target: UnsafeMutablePointer<UInt8>, count: Int) -> Bool {
        do throws(PatchError) {
            try source.read(at: offset, into: UnsafeMutableRawBufferPointer(start: target, count: count))
        } catch {
            failure = error
            return false
        }
        checksum.update(UnsafeRawBufferPointer(start: target, count: count))
        return true
    }

    /// Makes at least `count` unread bytes buffered when the chunk has them (`count` at most the
    /// buffer's capacity): moves the unread bytes to the front and reads more behind them, so the
    /// fast loops of ``RangeCore`` rarely fall back to the refilling path.
    @inline(__always)
    mutating func ensure(_ count: Int) {
        if core.end - core.cursor < count { topUp() }
    }

    private mutating func topUp() {
        let unread = core.end - core.cursor
        let next = bufferOffset + filled
        let wanted = min(capacity - unread, limit - next)
        guard wanted > 0, failure == nil else { return }
        // Front to back: the destination lies below the source, so an overlap is harmless.
        let from = core.cursor
        for i in 0..<unread { buffer[i] = from[i] }
        bufferOffset = next - unread
        core.cursor = UnsafePointer(buffer)
        core.end = core.cursor + unread
        guard load(at: next, into: buffer + unread, count: wanted) else { return }
        core.end += wanted
    }

    /// Reads the rest of the chunk's coded bytes (into the checksum) and returns the checksum.
    mutating func finish() -> UInt32 {
        while failure == nil && bufferOffset + filled < limit {
            core.cursor = core.end
            refill()
        }
        return checksum.value
    }

    /// Decodes an integer with the model at `model` in `table`: through the fast core when
    /// enough input is buffered, otherwise as ``PatchModel/codeNumber(_:model:coder:)``.
    @inline(__always)
    mutating func number(_ table: PatchModel, model: Int) -> UInt64 {
        if core.end - core.cursor >= RangeCore.numberMargin { return core.number(table.table + model) }
        return table.codeNumber(0, model: model, coder: &self)
    }

    @inline(__always)
    mutating func code(_ bit: Int, _ probability: UnsafeMutablePointer<UInt16>, shift: UInt16) -> Int {
        let p = probability.pointee
        let bound = (core.range >> rangeProbabilityBits) &* UInt32(p)
        let result: Int
        if core.code < bound {
            core.range = bound
            probability.pointee = p &+ ((4096 &- p) >> shift)
            result = 0
        } else {
            core.code &-= bound
            core.range &-= bound
            probability.pointee = p &- (p >> shift)
            result = 1
        }
        while core.range < rangeTopValue {
            core.range <<= 8
            core.code = core.code << 8 | UInt32(nextByte())
        }
        return result
    }
}
