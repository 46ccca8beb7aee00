import CFieldCore

/// SHA-256 (FIPS 180-4), streaming or in one call.
///
/// A portable software implementation with no platform dependencies, so firmware images can be
/// verified on the device that installs them and on the server that publishes them. On x86-64
/// processors with the SHA extensions the compression function runs on them instead (about six
/// times faster; ``isHardwareAccelerated`` says which); the digests are the same.
///
/// ```swift
/// let digest = SHA256.hash(Array("abc".utf8))
/// print(digest.hexString)   // ba7816bf...f20015ad
///
/// var hasher = SHA256()
/// hasher.update(chunk1)
/// hasher.update(chunk2)
/// let same = hasher.finalize()
/// ```
public struct SHA256: Sendable {
    /// The size of a digest in bytes.
    public static let digestByteCount = 32
    /// The size of a compression block in bytes.
    public static let blockByteCount = 64

    @usableFromInline
    internal var h: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19
    )
    /// A partial block waiting for more input.
    @usableFromInline
    internal var pending: SHA256Block = SHA256Block()
    @usableFromInline
    internal var pendingCount: Int = 0
    @usableFromInline
    internal var totalBytes: UInt64 = 0
    /// Whether this hasher uses the processor's SHA instructions (tests turn it off to compare).
    internal var usesHardware = SHA256.isHardwareAccelerated

    /// Creates a hasher over no bytes.
    public init() {}

    /// Whether the compression function runs on the processor's SHA instructions (x86-64 with the
    /// SHA extensions) rather than the portable code.
    public static var isHardwareAccelerated: Bool {
        #if arch(x86_64)
            return hardwareAvailable
        #else
            return false
        #endif
    }

    #if arch(x86_64)
        private static let hardwareAvailable = fieldcore_sha256_hardware_available() != 0
    #endif

    /// Feeds bytes into the hash.
    ///
    /// - Parameter bytes: The next bytes of the message. Complexity: O(n).
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard var p = bytes.baseAddress, bytes.count > 0 else { return }
        var remaining = bytes.count
        totalBytes &+= UInt64(remaining)
        if pendingCount > 0 {
            let take = min(remaining, 64 - pendingCount)
            pending.copy(from: p, count: take, at: pendingCount)
            pendingCount += take
            p += take
            remaining -= take
            if pendingCount < 64 { return }
            let block = pending
            block.withBytes { compress($0, blocks: 1) }
            pendingCount = 0
        }
        let whole = remaining / 64
        if whole > 0 {
            compress(p, blocks: whole)
            p += whole * 64
            remaining -= whole * 64
        }
        if remaining > 0 {
            pending.copy(from: p, count: remaining, at: 0)
            pendingCount = remaining
        }
    }

    /// Feeds the bytes of a sequence into the hash.
    ///
    /// - Parameter bytes: The next bytes of the message. Complexity: O(n).
    public mutating func update<Bytes: Sequence>(_ bytes: Bytes) where Bytes.Element == UInt8 {
        let done: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
        if done == nil {
            let copy = Array(bytes)
            copy.withUnsafeBytes { update($0) }
        }
    }

    /// Finishes the hash and returns the digest. The hasher can no longer be fed afterwards.
    ///
    /// - Returns: The 32-byte digest of everything fed.
    public consuming func finalize() -> SHA256Digest {
        let bitLength = totalBytes &* 8
        var tail = [UInt8](repeating: 0, count: pendingCount < 56 ? 64 - pendingCount : 128 - pendingCount)
        tail[0] = 0x80
        for i in 0..<8 {
            tail[tail.count - 1 - i] = UInt8(truncatingIfNeeded: bitLength >> (8 * UInt64(i)))
        }
        let savedTotal = totalBytes
        tail.withUnsafeBytes { update($0) }
        totalBytes = savedTotal
        var out = [UInt8](repeating: 0, count: 32)
        let words = [h.0, h.1, h.2, h.3, h.4, h.5, h.6, h.7]
        for (i, word) in words.enumerated() {
            out[4 * i] = UInt8(truncatingIfNeeded: word >> 24)
            out[4 * i + 1] = UInt8(truncatingIfNeeded: word >> 16)
            out[4 * i + 2] = UInt8(truncatingIfNeeded: word >> 8)
            out[4 * i + 3] = UInt8(truncatingIfNeeded: word)
        }
        return SHA256Digest(bytes: out)
    }

    /// Computes the SHA-256 digest of a sequence of bytes in one call.
    ///
    /// - Parameter bytes: The message.
    /// - Returns: Its 32-byte digest.
    public static func hash<Bytes: Sequence>(_ bytes: Bytes) -> SHA256Digest where Bytes.Element == UInt8 {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// Runs the compression function over `blocks` consecutive 64-byte blocks.
    internal mutating func compress(_ base: UnsafeRawPointer, blocks: Int) {
        #if arch(x86_64)
            if usesHardware {
                withUnsafeMutableBytes(of: &h) { state in
                    fieldcore_sha256_compress_hardware(
                        state.baseAddress!.assumingMemoryBound(to: UInt32.self),
                        base.assumingMemoryBound(to: UInt8.self), blocks)
                }
                return
            }
        #endif
        compressPortably(base, blocks: blocks)
    }

    /// The 64 round constants, kept once in CFieldCore for both paths.
    private static var roundConstants: UnsafePointer<UInt32> {
        UnsafePointer<UInt32>(fieldcore_sha256_round_constants()!)
    }

    /// The compression function in portable Swift.
    private mutating func compressPortably(_ base: UnsafeRawPointer, blocks: Int) {
        var (a0, b0, c0, d0, e0, f0, g0, h0) = h
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            do {
                let w = w.baseAddress!
                let k = SHA256.roundConstants
                var p = base
                for _ in 0..<blocks {
                    for i in 0..<16 {
                        w[i] = p.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self).bigEndian
                    }
                    for i in 16..<64 {
                        let x = w[i - 15]
                        let y = w[i - 2]
                        let s0 = x.rotr(7) ^ x.rotr(18) ^ (x >> 3)
                        let s1 = y.rotr(17) ^ y.rotr(19) ^ (y >> 10)
                        w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
                    }
                    var a = a0, b = b0, c = c0, d = d0, e = e0, f = f0, g = g0, hh = h0
                    // Eight rounds per iteration with the variables renamed instead of shifted.
                    var i = 0
                    while i < 64 {
                        sha256Round(a, b, c, &d, e, f, g, &hh, k[i] &+ w[i])
                        sha256Round(hh, a, b, &c, d, e, f, &g, k[i + 1] &+ w[i + 1])
                        sha256Round(g, hh, a, &b, c, d, e, &f, k[i + 2] &+ w[i + 2])
                        sha256Round(f, g, hh, &a, b, c, d, &e, k[i + 3] &+ w[i + 3])
                        sha256Round(e, f, g, &hh, a, b, c, &d, k[i + 4] &+ w[i + 4])
                        sha256Round(d, e, f, &g, hh, a, b, &c, k[i + 5] &+ w[i + 5])
                        sha256Round(c, d, e, &f, g, hh, a, &b, k[i + 6] &+ w[i + 6])
                        sha256Round(b, c, d, &e, f, g, hh, &a, k[i + 7] &+ w[i + 7])
                        i += 8
                    }
                    a0 = a0 &+ a
                    b0 = b0 &+ b
                    c0 = c0 &+ c
                    d0 = d0 &+ d
                    e0 = e0 &+ e
                    f0 = f0 &+ f
                    g0 = g0 &+ g
                    h0 = h0 &+ hh
                    p += 64
                }
            }
        }
        h = (a0, b0, c0, d0, e0, f0, g0, h0)
    }
}

extension UInt32 {
    @inline(__always)
    fileprivate func rotr(_ n: UInt32) -> UInt32 { (self >> n) | (self << (32 - n)) }
}

/// One SHA-256 round (FIPS 180-4 section 6.2.2 step 3) written so that the caller renames the
/// working variables instead of moving them: it updates `d` to `d + T1` and `h` to `T1 + T2`.
@inline(__always)
private func sha256Round(
    _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
    _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32,
    _ kw: UInt32
) {
    let t1 = h &+ (e.rotr(6) ^ e.rotr(11) ^ e.rotr(25)) &+ (g ^ (e & (f ^ g))) &+ kw
    let t2 = (a.rotr(2) ^ a.rotr(13) ^ a.rotr(22)) &+ ((a & b) | (c & (a | b)))
    d = d &+ t1
    h = t1 &+ t2
}

/// A 64-byte block held inline (no heap allocation) while a hasher waits for more input.
@usableFromInline
internal struct SHA256Block: Sendable {
    @usableFromInline
    internal var words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)

    @usableFromInline
    internal init() {}

    internal mutating func copy(from source: UnsafeRawPointer, count: Int, at offset: Int) {
        withUnsafeMutableBytes(of: &words) { dest in
            dest.baseAddress!.advanced(by: offset).copyMemory(from: source, byteCount: count)
        }
    }

    internal func withBytes<R>(_ body: (UnsafeRawPointer) -> R) -> R {
        withUnsafeBytes(of: words) { body($0.baseAddress!) }
    }
}

/// A SHA-256 digest: 32 bytes, comparable and printable as lowercase hex.
public struct SHA256Digest: Hashable, Sendable, CustomStringConvertible {
    /// The 32 digest bytes.
    public let bytes: [UInt8]

    /// Wraps 32 digest bytes.
    ///
    /// - Parameter bytes: Exactly 32 bytes; anything else is rejected by returning `nil`.
    public init?(_ bytes: [UInt8]) {
        guard bytes.count == 32 else { return nil }
        self.bytes = bytes
    }

    internal init(bytes: [UInt8]) { self.bytes = bytes }

    /// The digest as 64 lowercase hexadecimal characters.
    public var hexString: String { Hex.encode(bytes) }

    /// The digest as 64 lowercase hexadecimal characters.
    public var description: String { hexString }
}
